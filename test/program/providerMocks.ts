/**
 * What the real providers answer when the program's resources are created, for Pulumi's mock
 * runtime (runProgram.ts): ids and computed outputs in the providers' own shapes, so a program
 * that passes an azuread `id` (a path) where Graph needs an object id fails here as it would in a
 * tenant.
 *
 * Facts carried over from the providers (versions pinned in package.json):
 *
 * - `@pulumi/azuread` 6.9.1 wraps terraform-provider-azuread v3.8.0 (38d1993a). Its `id` is the
 *   Terraform id verbatim, a path, never the bare object id:
 *   `/groups/<guid>` (go-azure-sdk `microsoft-graph/common-types/beta/id_group.go:86-89`) and
 *   `/identity/conditionalAccess/policies/<guid>` (`stable/id_identityconditionalaccesspolicy.go:87`).
 *   The Graph object id is the computed `objectId` output (`@pulumi/azuread` `group.d.ts`,
 *   `conditionalAccessPolicy.d.ts`), set from Graph's `id` (terraform-provider-azuread
 *   `internal/services/groups/group_resource.go:1264`,
 *   `internal/services/conditionalaccess/conditional_access_policy_resource.go:763`).
 * - A group's other outputs are what its Read flattens (`group_resource.go:1218-1357`): Graph's
 *   nulls become `""`, `false` or `[]`; `mailNickname`, when not given, is a random
 *   `xxxxxxxx-x` (`internal/services/groups/groups.go:18-26`); `owners`, when not given, is the
 *   calling identity (`group_resource.go:585-592`); `members` of a new dynamic group is empty
 *   until Entra processes the rule; `preventDuplicateNames` is not read from Graph but kept from
 *   the configuration, `false` when absent (`group_resource.go:1349-1353`).
 * - The dynamic providers (infra/providers/*.ts) return from `create`: the TAP policy the Graph
 *   key of the tenant's singleton, `TemporaryAccessPass`; the settings-catalog profile the id
 *   Graph gave the new profile (a GUID); the assignment its `policyId` input (the resource owns
 *   the profile's whole assignment list).
 * - Under `setMocks` there is no Check, so inputs arrive as the program wrote them (no defaults),
 *   and `id` is the import id when the resource is imported or read (`@pulumi/pulumi`
 *   `runtime/mocks.js` `registerResource`/`readResource`).
 * - The DisplayNameGuard provider returns `display-name-guard:<objectType>` from `create`.
 * - The data sources `azuread.getGroup` / `azuread.getUser` (`call` below) answer from a mock
 *   directory in the shapes of azuread-provider-facts.md §6.1, §6.2 and §6.4: `id` a path
 *   (`/groups/<guid>`, `/users/<guid>`), `objectId` the bare GUID, the arguments echoed,
 *   `includeTransitiveMembers: false`, `dynamicMemberships` a list. A failed lookup raises the
 *   provider's diagnostic as the engine passes it on (`invocation of <token> returned an error:
 *   invoking <token>: 1 error occurred:\n\t* <diagnostic>\n\n`, §1.3, assembled text [inferred]);
 *   Node's invoke turns the gRPC error's `details` into the Error it throws (runtime/invoke.js).
 *
 * GUIDs are derived from the resource's type and name, so tests can compute what to expect with
 * the helpers below.
 */
import { createHash } from "node:crypto";
import { MICROSOFT_DEFAULT_TAP_CONFIGURATION } from "../../infra/providers/temporaryAccessPass/model";

export const GROUP_TYPE = "azuread:index/group:Group";
export const CONDITIONAL_ACCESS_POLICY_TYPE = "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy";
export const TAP_POLICY_TYPE = "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy";
export const SETTINGS_CATALOG_POLICY_TYPE = "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy";
export const CONFIGURATION_POLICY_ASSIGNMENT_TYPE =
  "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment";
export const DISPLAY_NAME_GUARD_TYPE = "pulumi-nodejs:dynamic/entra:DisplayNameGuard";
export const GET_GROUP_TOKEN = "azuread:index/getGroup:getGroup";
export const GET_USER_TOKEN = "azuread:index/getUser:getUser";

/** The TAP policy provider's id: Graph's key of the tenant's one TAP configuration. */
export const TAP_POLICY_ID = "TemporaryAccessPass";
/** The object id of the identity Pulumi runs as: a group's owner when the program names none. */
export const MOCK_CALLER_OBJECT_ID = mockGuid("the identity running pulumi");
/** When the mock settings-catalog provider says it created a profile (the real one stores now). */
export const MOCK_CREATED_AT = "2026-01-01T00:00:00.000Z";

/** A GUID (version 4 layout) derived from `seed`: the same seed always gives the same GUID. */
export function mockGuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}

/** The Graph object id the mocks give the resource of this type and name. */
export function mockObjectId(type: string, name: string): string {
  return mockGuid(`${type}::${name}`);
}

/** The `id` of an `azuread.Group` named `name`: `/groups/<objectId>`. */
export function mockGroupId(name: string): string {
  return `/groups/${mockObjectId(GROUP_TYPE, name)}`;
}

/** The `objectId` of an `azuread.Group` named `name`. */
export function mockGroupObjectId(name: string): string {
  return mockObjectId(GROUP_TYPE, name);
}

/** The `id` of an `azuread.ConditionalAccessPolicy` named `name`: `/identity/conditionalAccess/policies/<objectId>`. */
export function mockConditionalAccessPolicyId(name: string): string {
  return `/identity/conditionalAccess/policies/${mockObjectId(CONDITIONAL_ACCESS_POLICY_TYPE, name)}`;
}

/** The `objectId` of an `azuread.ConditionalAccessPolicy` named `name`. */
export function mockConditionalAccessPolicyObjectId(name: string): string {
  return mockObjectId(CONDITIONAL_ACCESS_POLICY_TYPE, name);
}

/** The id of a SettingsCatalogPolicy named `name` (the GUID Graph gives a new profile). */
export function mockSettingsCatalogPolicyId(name: string): string {
  return mockObjectId(SETTINGS_CATALOG_POLICY_TYPE, name);
}

export interface MockResourceRequest {
  type: string;
  name: string;
  /** The program's inputs, as the mock monitor receives them. */
  inputs: Record<string, unknown>;
  /** False for components. */
  custom: boolean;
  /** The import id (`import` option, or `Resource.get`), when there is one. */
  id?: string;
}

export interface MockResourceResponse {
  id: string;
  state: Record<string, unknown>;
}

type Props = Record<string, unknown>;

/** The last path segment of an azuread id (`/groups/<guid>` -> `<guid>`). */
function objectIdOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === "boolean" ? value : fallback;
}

function listOr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `xxxxxxxx-x`: 9 lower-case hex characters with a dash after the eighth (groups.go:18-26). */
function mailNicknameFor(name: string): string {
  const hex = createHash("sha256").update(`mailNickname::${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex[8]}`;
}

/** A security (non-Microsoft 365) group after create + Read: table 2.1 of the provider facts. */
function groupState(name: string, inputs: Props, objectId: string): Props {
  const state: Props = {
    ...inputs,
    objectId,
    description: stringOr(inputs.description, ""),
    securityEnabled: booleanOr(inputs.securityEnabled, false),
    mailEnabled: booleanOr(inputs.mailEnabled, false),
    types: listOr(inputs.types),
    mailNickname: stringOr(inputs.mailNickname, mailNicknameFor(name)),
    owners: Array.isArray(inputs.owners) ? inputs.owners : [MOCK_CALLER_OBJECT_ID],
    members: listOr(inputs.members),
    administrativeUnitIds: listOr(inputs.administrativeUnitIds),
    assignableToRole: booleanOr(inputs.assignableToRole, false),
    behaviors: listOr(inputs.behaviors),
    provisioningOptions: listOr(inputs.provisioningOptions),
    autoSubscribeNewMembers: false,
    externalSendersAllowed: false,
    hideFromAddressLists: false,
    hideFromOutlookClients: false,
    theme: stringOr(inputs.theme, ""),
    visibility: stringOr(inputs.visibility, ""),
    writebackEnabled: booleanOr(inputs.writebackEnabled, false),
    onpremisesGroupType: "",
    preventDuplicateNames: booleanOr(inputs.preventDuplicateNames, false),
    mail: "",
    preferredLanguage: "",
    onpremisesDomainName: "",
    onpremisesNetbiosName: "",
    onpremisesSamAccountName: "",
    onpremisesSecurityIdentifier: "",
    onpremisesSyncEnabled: false,
    proxyAddresses: [],
  };
  return state;
}

/**
 * The id and outputs the real provider would return for this resource. Throws for a custom
 * resource type it does not know, so a new resource cannot slip through with invented ids.
 */
export function mockResource(request: MockResourceRequest): MockResourceResponse {
  const { type, name, inputs, custom } = request;
  if (!custom) return { id: "", state: { ...inputs } };
  switch (type) {
    case GROUP_TYPE: {
      const id = request.id || mockGroupId(name);
      return { id, state: groupState(name, inputs, objectIdOf(id)) };
    }
    case CONDITIONAL_ACCESS_POLICY_TYPE: {
      const id = request.id || mockConditionalAccessPolicyId(name);
      return { id, state: { ...inputs, objectId: objectIdOf(id) } };
    }
    case TAP_POLICY_TYPE:
      // create: the tenant's configuration is changed, never created; `previous` is what a
      // tenant that never configured it holds (Microsoft's defaults).
      return {
        id: TAP_POLICY_ID,
        state: { ...inputs, previous: structuredClone(MICROSOFT_DEFAULT_TAP_CONFIGURATION) },
      };
    case SETTINGS_CATALOG_POLICY_TYPE:
      return {
        id: request.id || mockSettingsCatalogPolicyId(name),
        state: { ...inputs, createdAt: MOCK_CREATED_AT },
      };
    case DISPLAY_NAME_GUARD_TYPE:
      return { id: `display-name-guard:${String(inputs.objectType)}`, state: { ...inputs } };
    case CONFIGURATION_POLICY_ASSIGNMENT_TYPE: {
      const policyId = inputs.policyId;
      if (typeof policyId !== "string" || policyId === "") {
        throw new Error(`${name}: the mock assignment provider needs a policyId, got ${String(policyId)}`);
      }
      return { id: policyId, state: { ...inputs } };
    }
    case "pulumi:providers:azuread":
      // An explicit provider (one per tenant in a fleet): the engine stores its inputs as its
      // outputs and gives it a UUID id (pkg/resource/deploy/providers).
      return { id: `00000000-0000-4000-8000-${hex12(name)}`, state: { ...inputs } };
    default:
      throw new Error(
        `runProgram has no mock for ${type} (${name}): add what its provider returns to test/program/providerMocks.ts`,
      );
  }
}

/** A group the mock tenant holds, for `azuread.getGroup`. */
export interface MockDirectoryGroup {
  displayName: string;
  objectId: string;
  /** A dynamic membership rule, when the group has one. */
  rule?: string;
}

/** A user the mock tenant holds, for `azuread.getUser`. */
export interface MockDirectoryUser {
  userPrincipalName: string;
  objectId: string;
  displayName?: string;
}

/** What `azuread.getGroup` and `azuread.getUser` find. */
export interface MockDirectory {
  groups?: MockDirectoryGroup[];
  users?: MockDirectoryUser[];
}

/** The error Node's invoke raises for a data-source diagnostic (see the header). */
export function invokeError(token: string, diagnostic: string): Error {
  const details = `invocation of ${token} returned an error: invoking ${token}: 1 error occurred:\n\t* ${diagnostic}\n\n`;
  return Object.assign(new Error(details), { details });
}

function getGroupResult(group: MockDirectoryGroup, args: Props): Props {
  return {
    ...args,
    id: `/groups/${group.objectId}`,
    objectId: group.objectId,
    displayName: group.displayName,
    description: "",
    securityEnabled: true,
    mailEnabled: false,
    mailNickname: mailNicknameFor(group.objectId),
    types: group.rule === undefined ? [] : ["DynamicMembership"],
    dynamicMemberships: group.rule === undefined ? [] : [{ enabled: true, rule: group.rule }],
    members: [],
    owners: [MOCK_CALLER_OBJECT_ID],
    includeTransitiveMembers: false,
    assignableToRole: false,
    autoSubscribeNewMembers: false,
    behaviors: [],
    externalSendersAllowed: false,
    hideFromAddressLists: false,
    hideFromOutlookClients: false,
    mail: "",
    onpremisesDomainName: "",
    onpremisesGroupType: "",
    onpremisesNetbiosName: "",
    onpremisesSamAccountName: "",
    onpremisesSecurityIdentifier: "",
    onpremisesSyncEnabled: false,
    preferredLanguage: "",
    provisioningOptions: [],
    proxyAddresses: [],
    theme: "",
    visibility: "",
    writebackEnabled: false,
  };
}

function getUserResult(user: MockDirectoryUser, args: Props): Props {
  return {
    ...args,
    id: `/users/${user.objectId}`,
    objectId: user.objectId,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName ?? user.userPrincipalName.split("@")[0],
    mail: "",
    mailNickname: user.userPrincipalName.split("@")[0],
    accountEnabled: true,
    userType: "Member",
    managerId: "",
    businessPhones: [],
    otherMails: [],
    proxyAddresses: [],
  };
}

/**
 * What the data sources answer from `directory`; throws for a token without a mock, so a new
 * invoke cannot slip through with invented results.
 */
export function mockInvoke(token: string, args: Props, directory: MockDirectory = {}): Props {
  switch (token) {
    case GET_GROUP_TOKEN: {
      const name = String(args.displayName);
      const filter = `displayName eq '${name}'`; // not escaped by the provider (§6.1)
      const found = (directory.groups ?? []).filter((g) => g.displayName === name);
      if (found.length === 0) {
        throw invokeError(token, `[display_name] No group found matching specified filter (${filter})`);
      }
      if (found.length > 1) {
        throw invokeError(
          token,
          `[display_name] More than one group found matching specified filter (${filter})`,
        );
      }
      return getGroupResult(found[0], args);
    }
    case GET_USER_TOKEN: {
      const upn = String(args.userPrincipalName);
      const found = (directory.users ?? []).filter(
        (u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase(),
      );
      if (found.length === 0) {
        throw invokeError(token, `[user_principal_name] User with UPN ${JSON.stringify(upn)} was not found`);
      }
      if (found.length > 1) {
        throw invokeError(
          token,
          `[user_principal_name] More than one user found with UPN: ${JSON.stringify(upn)}`,
        );
      }
      return getUserResult(found[0], args);
    }
    default:
      throw new Error(
        `runProgram has no mock for the function ${token}: add what its provider returns to test/program/providerMocks.ts`,
      );
  }
}

/** Twelve hex digits derived from `text`, for stable mock ids. */
function hex12(text: string): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash.toString(16).padStart(12, "0").slice(-12);
}
