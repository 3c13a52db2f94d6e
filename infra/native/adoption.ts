/**
 * Adoption, decided at program time (preview and up alike): with `registrationPolicy.adoptExisting`
 * or `autopilot.adoptExisting` set, the program looks up the objects that carry the configured
 * display name (existingObjects.ts) and
 *
 * - exactly one: the resource is declared with Pulumi's `import` option and the azuread import id
 *   (importIds.ts), so the stack takes the object over instead of creating one;
 * - none: the resource is created, as without adoption;
 * - several: the program stops before any resource is declared, naming every id.
 *
 * Without `adoptExisting` nothing is looked up here; the DisplayNameGuard resources refuse to
 * create an object whose name is taken. Once the object is in the stack's state, the same import id
 * is a plain update for the engine (the state's id equals it: pulumi step_generator.go `isImport`).
 */
import * as pulumi from "@pulumi/pulumi";
import { problemListMessage } from "../problemList";
import { CONFIG_NAMESPACE } from "../settings/keys";
import {
  OBJECT_NOUNS,
  type ExistingObject,
  type ExistingObjectFinder,
  type ExistingObjectType,
} from "./existingObjects";
import { conditionalAccessPolicyImportId, groupImportId } from "./importIds";

/** An existing object the stack takes over. */
export interface AdoptedObject {
  /** The Graph object id. */
  objectId: string;
  /** The azuread import id (`/identity/conditionalAccess/policies/<id>`, `/groups/<id>`). */
  importId: string;
  /** The object as Graph listed it (for the Conditional Access policy: the whole policy). */
  graph: Record<string, unknown>;
}

/** What the program adopts; a missing entry means "create" (or, for the group, no group at all). */
export interface AdoptionPlan {
  registrationPolicy?: AdoptedObject;
  autopilotGroup?: AdoptedObject;
}

/** The settings adoption depends on (names only: references by name play no part here). */
export interface AdoptionSettings {
  registrationPolicy: { displayName: string; adoptExisting: boolean };
  autopilot: { groupDisplayName: string; adoptExisting: boolean; existingGroupId?: unknown };
}

/** Thrown when adoption cannot decide; `problems` holds one line per object. */
export class AdoptionError extends pulumi.RunError {
  constructor(readonly problems: readonly string[]) {
    super(
      problemListMessage(
        "Cannot adopt the existing objects the stack config asks for",
        problems,
        "; no resource was declared",
      ),
    );
    this.name = "AdoptionError";
  }
}

interface Candidate {
  /** The config section, e.g. `registrationPolicy`. */
  section: "registrationPolicy" | "autopilot";
  /** The setting that holds the name. */
  nameKey: string;
  objectType: ExistingObjectType;
  displayName: string;
  importId: (objectId: string) => string;
}

function candidates(settings: AdoptionSettings): Candidate[] {
  const list: Candidate[] = [];
  if (settings.registrationPolicy.adoptExisting) {
    list.push({
      section: "registrationPolicy",
      nameKey: "displayName",
      objectType: "conditionalAccessPolicy",
      displayName: settings.registrationPolicy.displayName,
      importId: conditionalAccessPolicyImportId,
    });
  }
  // The config reader refuses adoptExisting next to existingGroupId; no group is declared then.
  if (settings.autopilot.adoptExisting && settings.autopilot.existingGroupId === undefined) {
    list.push({
      section: "autopilot",
      nameKey: "groupDisplayName",
      objectType: "group",
      displayName: settings.autopilot.groupDisplayName,
      importId: groupImportId,
    });
  }
  return list;
}

function severalMessage(candidate: Candidate, found: readonly ExistingObject[]): string {
  const nouns = OBJECT_NOUNS[candidate.objectType];
  return (
    `${CONFIG_NAMESPACE}:${candidate.section}.adoptExisting: ${found.length} ${nouns.several} are named ` +
    `${JSON.stringify(candidate.displayName)} in this tenant (ids ${found.map((o) => o.id).join(", ")}); ` +
    `adoption takes over exactly one. Rename or delete the others in the tenant, or set ` +
    `${candidate.section}.${candidate.nameKey} to a name no other ${nouns.one} has`
  );
}

function lookupFailedMessage(candidate: Candidate, error: unknown): string {
  const nouns = OBJECT_NOUNS[candidate.objectType];
  const reason = error instanceof Error ? error.message : String(error);
  return (
    `${CONFIG_NAMESPACE}:${candidate.section}.adoptExisting: could not look up the ${nouns.several} named ` +
    `${JSON.stringify(candidate.displayName)}: ${reason}`
  );
}

/** Looks up every object the settings ask to adopt; throws an AdoptionError listing every problem. */
export async function planAdoption(
  settings: AdoptionSettings,
  find: ExistingObjectFinder,
): Promise<AdoptionPlan> {
  const wanted = candidates(settings);
  const outcomes = await Promise.allSettled(wanted.map((c) => find(c.objectType, c.displayName)));
  const plan: AdoptionPlan = {};
  const problems: string[] = [];
  wanted.forEach((candidate, index) => {
    const outcome = outcomes[index];
    if (outcome.status === "rejected") {
      problems.push(lookupFailedMessage(candidate, outcome.reason));
      return;
    }
    const found = outcome.value;
    if (found.length > 1) {
      problems.push(severalMessage(candidate, found));
      return;
    }
    if (found.length === 1) {
      const adopted: AdoptedObject = {
        objectId: found[0].id,
        importId: candidate.importId(found[0].id),
        graph: found[0].graph,
      };
      if (candidate.section === "registrationPolicy") plan.registrationPolicy = adopted;
      else plan.autopilotGroup = adopted;
    }
  });
  if (problems.length > 0) throw new AdoptionError(problems);
  return plan;
}
