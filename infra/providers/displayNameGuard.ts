/**
 * DisplayNameGuard: refuses, in preview already and before any write, to let the stack create a
 * Conditional Access policy or a group whose display name the tenant already has, unless the
 * stack config adopts it. The program registers one guard per object it may create and makes
 * every resource that writes to the tenant depend on the guards, so a failing guard stops
 * `up --skip-preview` before any other write too.
 *
 * | Lifecycle | Graph request (v1.0)                                                                   |
 * |-----------|----------------------------------------------------------------------------------------|
 * | check     | a `connection.tenantId` other than the stored one: a check failure on it, no request (tenantMove). Otherwise only when the guard is new (no olds) or its displayName or objectType changed, and `adopt` is false: GET /identity/conditionalAccess/policies (every page) or GET /groups?$filter=displayName eq '…'&$select=id,displayName (infra/native/existingObjects.ts); a match is a check failure on `displayName` |
 * | diff      | none (compares objectType, displayName, adopt; objectType replaces)                    |
 * | create    | none: id `display-name-guard:<objectType>`                                              |
 * | read      | none: returns the stored state                                                          |
 * | update    | none                                                                                   |
 * | delete    | none                                                                                   |
 *
 * Why a resource: the program cannot know whether the object is already in its own state (this
 * stack created it earlier), but the guard's state can: once the guard is in state with the same
 * name, its object was checked when it was new, so no lookup is made and the stack's own object
 * is not mistaken for a duplicate. The lookup needs `Policy.Read.All` (policies) or
 * `GroupMember.Read.All` (groups), as infra/graph/permissions.ts maps them; a 403 names it.
 *
 * Known limits:
 * - A stack whose Conditional Access create lost its answer is not protected: the azuread provider
 *   stores the policy's id only after its post-create wait (azuread-provider-facts.md §3.2 step 3),
 *   so the policy can exist in the tenant but not in state, while the guard is already in state
 *   with the same name and makes no lookup; the next `up` creates a second policy. Look for it in
 *   the tenant after such a failure (or set `adoptExisting`, which looks the name up every run).
 * - A stack that created its objects before the guard existed gets a new guard that finds the
 *   stack's own object: it fails and says to set `adoptExisting: true`, which then imports the
 *   object the state already holds (the same import id: a plain update for the engine).
 * - Two stacks (or people) creating the same name at the same time are not serialized.
 */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE } from "../settings/keys";
import {
  EXISTING_OBJECT_TYPES,
  findByDisplayName,
  OBJECT_NOUNS,
  type ExistingObject,
  type ExistingObjectType,
} from "../native/existingObjects";
import {
  checkConnection,
  connectionChanged,
  connectionOf,
  connectionReplaces,
  type TenantConnection,
} from "./connectionInput";
import { GraphProvider } from "./graphProvider";
import type { GraphProviderOptions } from "./graphProviderOptions";
import { checkResult, describeFound, validInputs, type InputFailure } from "./inputFailures";
import { ENGINE_INPUT_KEYS, unknownKeyFailures } from "./inputKeys";
import { containsUnknown } from "./settingsCatalog/unknownValue";
import { ThinDynamicResource } from "./dynamicResource";
import type { ProviderClassLocation } from "./thinProvider";

type Props = Record<string, unknown>;

export interface DisplayNameGuardInputs {
  objectType: ExistingObjectType;
  displayName: string;
  /** The stack config adopts the object with this name: nothing is looked up. */
  adopt: boolean;
  /** The tenant looked in; default the stack's own (connectionInput.ts). */
  connection?: TenantConnection;
}

const INPUT_KEYS = ["objectType", "displayName", "adopt"];

/** The guard's id: one guard per object type in a stack. */
export function displayNameGuardId(objectType: ExistingObjectType): string {
  return `display-name-guard:${objectType}`;
}

/** Checks the inputs: one failure per offending property, unknown keys included. */
export function checkGuardInputs(raw: Props): { inputs: DisplayNameGuardInputs; failures: InputFailure[] } {
  const failures = unknownKeyFailures(raw, INPUT_KEYS, { alsoAccepted: ENGINE_INPUT_KEYS });
  const { objectType, displayName, adopt } = raw;
  if (!containsUnknown(objectType) && !EXISTING_OBJECT_TYPES.includes(objectType as ExistingObjectType)) {
    failures.push({
      property: "objectType",
      reason: `expected ${EXISTING_OBJECT_TYPES.map((t) => JSON.stringify(t)).join(" or ")}, found ${describeFound(objectType)}`,
    });
  }
  if (!containsUnknown(displayName) && (typeof displayName !== "string" || displayName.trim() === "")) {
    failures.push({
      property: "displayName",
      reason: `expected a non-empty string, found ${describeFound(displayName)}`,
    });
  }
  if (!containsUnknown(adopt) && typeof adopt !== "boolean") {
    failures.push({ property: "adopt", reason: `expected true or false, found ${describeFound(adopt)}` });
  }
  failures.push(...checkConnection(raw));
  return {
    inputs: {
      objectType: objectType as ExistingObjectType,
      displayName: displayName as string,
      adopt: adopt as boolean,
      ...connectionOf(raw),
    },
    failures,
  };
}

/** Where the stack config names the object and how it adopts it, for the message. */
const CONFIG: Record<ExistingObjectType, { section: string; nameKey: string }> = {
  conditionalAccessPolicy: { section: "registrationPolicy", nameKey: "displayName" },
  group: { section: "autopilot", nameKey: "groupDisplayName" },
};

/** The check failure's reason when the name is taken: the ids found and the exact config to adopt. */
export function duplicateNameMessage(
  objectType: ExistingObjectType,
  displayName: string,
  found: readonly ExistingObject[],
): string {
  const nouns = OBJECT_NOUNS[objectType];
  const { section, nameKey } = CONFIG[objectType];
  const ids = found.map((object) => object.id);
  const existing =
    found.length === 1
      ? `a ${nouns.one} named ${JSON.stringify(displayName)} already exists in this tenant (id ${ids[0]})`
      : `${found.length} ${nouns.several} named ${JSON.stringify(displayName)} already exist in this tenant (ids ${ids.join(", ")})`;
  const adopt = `${CONFIG_NAMESPACE}:${section}: { adoptExisting: true }`;
  const howToAdopt =
    found.length === 1
      ? `To manage it with this stack (also when this stack created it before this check existed), set ${adopt}`
      : `To manage one of them with this stack, rename or delete the others in the tenant, then set ${adopt}`;
  const useWithoutManaging =
    objectType === "group"
      ? `; to assign the Web sign-in profile to ${found.length === 1 ? "it" : "one of them"} without managing it, set ` +
        `${CONFIG_NAMESPACE}:${section}: { existingGroupId: ${ids[0]} }`
      : "";
  return (
    `${existing}, and this stack would create another ${nouns.one} with the same name. ` +
    `${howToAdopt}${useWithoutManaging}; or set ${section}.${nameKey} to a name no ${nouns.one} has.`
  );
}

/**
 * A guard whose connection names another tenant than the one its object was made in. The guarded
 * object is an azuread resource, whose provider the engine updates in place on a tenant change
 * (azuread's DiffConfig never asks for a replacement), so the object would be left in the old
 * tenant and looked for in the new one: refused here, in preview, before any step runs.
 */
function tenantMove(olds: Props, news: Props, objectType: ExistingObjectType): InputFailure | undefined {
  if (connectionReplaces(olds, news).length === 0) return undefined;
  const before = connectionOf(olds).connection?.tenantId;
  const after = connectionOf(news).connection?.tenantId ?? "the stack's own tenant";
  const noun = OBJECT_NOUNS[objectType].one;
  return {
    property: "connection.tenantId",
    reason:
      `the ${noun} this component manages was made in tenant ${before}, and its azuread provider would act on ` +
      `${after} instead: the ${noun} would stay in ${before}, no longer managed, and be looked for in ${after}. ` +
      `To move the onboarding, remove it from the program and run pulumi up (it is deleted from ${before}), then ` +
      `declare it for ${after}; or declare a component with another name for ${after}`,
  };
}

export class DisplayNameGuardProvider extends GraphProvider implements pulumi.dynamic.ResourceProvider {
  async check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const checked = checkGuardInputs(news);
    if (checked.failures.length > 0) return checkResult(news, checked);
    const { objectType, displayName, adopt } = checked.inputs;
    const moved = tenantMove(olds, news, objectType);
    if (moved !== undefined) return checkResult(news, { inputs: checked.inputs, failures: [moved] });
    const isNew = olds.displayName === undefined && olds.objectType === undefined;
    const nameChanged = olds.displayName !== displayName || olds.objectType !== objectType;
    if (adopt || !(isNew || nameChanged) || containsUnknown([objectType, displayName, adopt])) {
      return checkResult(news, checked);
    }
    const nouns = OBJECT_NOUNS[objectType];
    let found: ExistingObject[];
    try {
      found = await findByDisplayName(this.client(news), objectType, displayName);
    } catch (error) {
      // A check failure rather than a throw: the engine shows it on the guard, without the host's stack trace.
      const reason = error instanceof Error ? error.message : String(error);
      return checkResult(news, {
        inputs: checked.inputs,
        failures: [
          {
            property: "displayName",
            reason: `could not check that no ${nouns.one} is named ${JSON.stringify(displayName)} before creating one: ${reason}`,
          },
        ],
      });
    }
    if (found.length === 0) return checkResult(news, checked);
    return checkResult(news, {
      inputs: checked.inputs,
      failures: [{ property: "displayName", reason: duplicateNameMessage(objectType, displayName, found) }],
    });
  }

  diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const changed = INPUT_KEYS.filter((key) => olds[key] !== news[key]);
    return Promise.resolve({
      changes: changed.length > 0 || connectionChanged(olds, news),
      replaces: changed.includes("objectType") ? ["objectType"] : [],
      deleteBeforeReplace: true,
    });
  }

  // async: an invalid input rejects the returned promise instead of throwing.
  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult<DisplayNameGuardInputs>> {
    const guard = validInputs("display name guard", checkGuardInputs(inputs));
    return Promise.resolve({ id: displayNameGuardId(guard.objectType), outs: guard });
  }

  read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult<Props>> {
    const state = { ...(props ?? {}) };
    return Promise.resolve({ id, props: state, inputs: state });
  }

  update(
    _id: string,
    _olds: Props,
    news: Props,
  ): Promise<pulumi.dynamic.UpdateResult<DisplayNameGuardInputs>> {
    return Promise.resolve({ outs: validInputs("display name guard", checkGuardInputs(news)) });
  }

  delete(): Promise<void> {
    return Promise.resolve();
  }
}

/** Where the host finds this provider (see thinProvider.ts). */
export const DISPLAY_NAME_GUARD_PROVIDER: ProviderClassLocation = {
  modulePath: "infra/providers/displayNameGuard.ts",
  exportName: "DisplayNameGuardProvider",
};

export interface DisplayNameGuardArgs {
  /** What the guarded resource creates. */
  objectType: pulumi.Input<ExistingObjectType>;
  /** The display name it creates the object with. */
  displayName: pulumi.Input<string>;
  /** True when the stack config adopts the existing object (nothing is looked up). */
  adopt: pulumi.Input<boolean>;
  /** The tenant to look in; default the stack's own connection (connectionInput.ts). */
  connection?: pulumi.Input<TenantConnection>;
}

export class DisplayNameGuard extends ThinDynamicResource {
  public readonly objectType!: pulumi.Output<ExistingObjectType>;
  public readonly displayName!: pulumi.Output<string>;
  public readonly adopt!: pulumi.Output<boolean>;

  constructor(
    name: string,
    args: DisplayNameGuardArgs,
    opts?: pulumi.CustomResourceOptions,
    providerOptions?: GraphProviderOptions,
  ) {
    super(DISPLAY_NAME_GUARD_PROVIDER, providerOptions, name, { ...args }, opts, "entra", "DisplayNameGuard");
  }
}
