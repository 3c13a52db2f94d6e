/**
 * Turns the declared settings (groups and users by object id or by name) into the resolved
 * settings (object ids only) that policies/ and the guardrails work from. Each distinct name is
 * looked up once, all lookups run together, and every reference that cannot be resolved is
 * reported in one error, each with its full config key.
 */
import * as pulumi from "@pulumi/pulumi";
import { problemListMessage } from "../problemList";
import type {
  DeclaredOnboardingSettings,
  GroupRef,
  OnboardingSettings,
  UserRef,
} from "../../policies/settings";
import { formatReference } from "../settings/references";
import {
  configKey,
  declaredReferences,
  type DeclaredReference,
  type ReferenceKind,
} from "./declaredReferences";
import type { LookupOutcome, ReferenceLookups } from "./lookups";

/** Thrown when a reference cannot be resolved; `problems` holds one line per reference. */
export class UnresolvedReferencesError extends pulumi.RunError {
  constructor(readonly problems: readonly string[]) {
    super(
      problemListMessage(
        "Cannot resolve the groups and users the stack config names",
        problems,
        "; no resource was declared",
      ),
    );
    this.name = "UnresolvedReferencesError";
  }
}

function describeTarget(reference: DeclaredReference): string {
  return reference.kind === "group"
    ? `group with displayName ${JSON.stringify(reference.name)}`
    : `user with userPrincipalName ${JSON.stringify(reference.name)}`;
}

function asConfig(reference: DeclaredReference): string {
  return formatReference(
    reference.kind === "group" ? { displayName: reference.name } : { userPrincipalName: reference.name },
  );
}

function problemOf(
  reference: DeclaredReference,
  outcome: Exclude<LookupOutcome, { status: "found" }>,
): string {
  const target = describeTarget(reference);
  switch (outcome.status) {
    case "notFound":
      return `${reference.key}: no ${target} in this tenant (${outcome.detail})`;
    case "several":
      return (
        `${reference.key}: more than one ${target} in this tenant (${outcome.detail}); ` +
        `give the object id of the one you mean instead of ${asConfig(reference)}`
      );
    case "failed":
      return `${reference.key}: could not look up the ${target} (${outcome.detail})`;
  }
}

/** Looks each distinct (kind, name) up once; a lookup that throws counts as failed. */
function memoized(lookups: ReferenceLookups): (kind: ReferenceKind, name: string) => Promise<LookupOutcome> {
  const started = new Map<string, Promise<LookupOutcome>>();
  return (kind, name) => {
    const key = `${kind}\u0000${name}`;
    let outcome = started.get(key);
    if (outcome === undefined) {
      const lookup = kind === "group" ? lookups.group(name) : lookups.user(name);
      outcome = lookup.catch((error: unknown): LookupOutcome => ({
        status: "failed",
        detail: error instanceof Error ? error.message : String(error),
      }));
      started.set(key, outcome);
    }
    return outcome;
  };
}

export interface ResolveOptions {
  /**
   * Sections set with `pulumi config set --secret`: a problem of a reference there names only its
   * key, never the name (as the config reader does for its own problems, settings/secrets.ts).
   */
  secretSections?: readonly (keyof DeclaredOnboardingSettings)[];
}

function hidden(reference: DeclaredReference): string {
  const section = reference.key.split(".")[0];
  return (
    `${reference.key}: the ${reference.kind} named here could not be resolved in this tenant; the name and the ` +
    `lookup's answer are not shown because ${section} is a secret`
  );
}

export async function resolveReferences(
  declared: DeclaredOnboardingSettings,
  lookups: ReferenceLookups,
  options: ResolveOptions = {},
): Promise<OnboardingSettings> {
  const secret = (reference: DeclaredReference): boolean =>
    (options.secretSections ?? []).some((section) => reference.key.startsWith(configKey(section, "")));
  const references = declaredReferences(declared);
  const lookup = memoized(lookups);
  const outcomes = await Promise.all(references.map((reference) => lookup(reference.kind, reference.name)));

  const problems: string[] = [];
  const resolvedAt = new Map<string, string>();
  references.forEach((reference, index) => {
    const outcome = outcomes[index];
    if (outcome.status === "found") resolvedAt.set(reference.key, outcome.objectId);
    else problems.push(secret(reference) ? hidden(reference) : problemOf(reference, outcome));
  });

  /** The list with each reference replaced by its object id; reports an id listed twice. */
  const ids = (
    section: keyof DeclaredOnboardingSettings,
    property: string,
    list: readonly (GroupRef | UserRef)[],
    noun: "group" | "user",
  ): string[] => {
    const firstPosition = new Map<string, number>();
    return list.map((entry, index) => {
      const key = configKey(section, `${property}[${index}]`);
      const id = typeof entry === "string" ? entry : (resolvedAt.get(key) ?? "");
      if (id === "") return id;
      const earlier = firstPosition.get(id.toLowerCase());
      if (earlier !== undefined) {
        const what = (options.secretSections ?? []).includes(section)
          ? `the ${noun} given here`
          : typeof entry === "string"
            ? id
            : `${formatReference(entry)} (${noun} ${id})`;
        problems.push(
          `${key}: ${what} is the ${noun} entry ${earlier} of ${property} already names; list each ${noun} once`,
        );
      } else {
        firstPosition.set(id.toLowerCase(), index);
      }
      return id;
    });
  };

  const { temporaryAccessPass, registrationPolicy, autopilot } = declared;
  const { existingGroupId, ...autopilotRest } = autopilot;
  const settings: OnboardingSettings = {
    temporaryAccessPass: {
      ...temporaryAccessPass,
      includeGroupIds: ids(
        "temporaryAccessPass",
        "includeGroupIds",
        temporaryAccessPass.includeGroupIds,
        "group",
      ),
      excludeGroupIds: ids(
        "temporaryAccessPass",
        "excludeGroupIds",
        temporaryAccessPass.excludeGroupIds,
        "group",
      ),
    },
    registrationPolicy: {
      ...registrationPolicy,
      breakGlassUserIds: ids(
        "registrationPolicy",
        "breakGlassUserIds",
        registrationPolicy.breakGlassUserIds,
        "user",
      ),
      excludeGroupIds: ids(
        "registrationPolicy",
        "excludeGroupIds",
        registrationPolicy.excludeGroupIds,
        "group",
      ),
      excludeRoleTemplateIds: [...registrationPolicy.excludeRoleTemplateIds],
    },
    autopilot: { ...autopilotRest },
    webSignIn: { ...declared.webSignIn },
    guardrails: { suppress: { ...declared.guardrails.suppress } },
  };
  if (existingGroupId !== undefined) {
    settings.autopilot.existingGroupId =
      typeof existingGroupId === "string"
        ? existingGroupId
        : (resolvedAt.get(configKey("autopilot", "existingGroupId")) ?? "");
  }
  if (problems.length > 0) throw new UnresolvedReferencesError(problems);
  return settings;
}
