/**
 * The least-privileged Microsoft Graph application permission for each operation this project
 * performs, so a 403 can say exactly what to grant.
 *
 * Written as one function rather than a table of rule objects: it runs inside serialized dynamic
 * providers, where Pulumi's closure serializer would spell out every object and RegExp of a table.
 */

/** `path` without its version prefix and query (`/v1.0/groups?$filter=...` -> `/groups`). */
function barePath(path: string): string {
  return path.replace(/^\/(v1\.0|beta)(?=\/)/i, "").split("?")[0];
}

/**
 * The permission needed for `method` on `path`, or undefined for a path this project does not use.
 * `path` may include the version prefix and a query (`/v1.0/groups?$filter=...`); both are ignored.
 */
export function requiredPermission(method: string, path: string): string | undefined {
  const bare = barePath(path);
  const verb = method.toUpperCase();
  const reads = verb === "GET" || verb === "HEAD";
  const readOrWrite = (read: string, write: string): string => (reads ? read : write);

  if (/^\/identity\/conditionalAccess\/evaluate$/i.test(bare)) {
    // What If is a read even though it is a POST (conditionalaccessroot-evaluate).
    return "Policy.Read.ConditionalAccess";
  }
  if (/^\/policies\/(authenticationMethodsPolicy|authenticationStrengthPolicies)(\/|$)/i.test(bare)) {
    return readOrWrite("Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod");
  }
  if (/^\/identity\/conditionalAccess\/templates(\/|$)/i.test(bare)) {
    return readOrWrite("Policy.Read.All", "Policy.ReadWrite.ConditionalAccess");
  }
  if (/^\/identity\/conditionalAccess\/(policies|namedLocations)(\/|$)/i.test(bare)) {
    // Reads include the list the DisplayNameGuard and adoption look names up in.
    // Graph also requires Policy.Read.All for Conditional Access writes.
    return readOrWrite("Policy.Read.All", "Policy.ReadWrite.ConditionalAccess and Policy.Read.All");
  }
  if (/^\/deviceManagement\/windowsAutopilotDeploymentProfiles(\/|$)/i.test(bare)) {
    // Autopilot deployment profiles (beta; read by preflight for PO-WSI-002): least read permission
    // DeviceManagementServiceConfig.Read.All (graph-facts-journey.md §1.1; the write counterpart is inferred).
    return readOrWrite(
      "DeviceManagementServiceConfig.Read.All",
      "DeviceManagementServiceConfig.ReadWrite.All",
    );
  }
  if (/^\/deviceManagement\//i.test(bare)) {
    return readOrWrite(
      "DeviceManagementConfiguration.Read.All",
      "DeviceManagementConfiguration.ReadWrite.All",
    );
  }
  if (/^\/groups(\/|$)/i.test(bare)) {
    // Reads: a group by id, and the list by displayName ($filter) the DisplayNameGuard and adoption make.
    if (reads) return "GroupMember.Read.All";
    if (verb === "POST") return "Group.Create";
    return ["PATCH", "PUT", "DELETE"].includes(verb) ? "Group.ReadWrite.All" : undefined;
  }
  if (/^\/users\/[^/]+\/authentication\/temporaryAccessPassMethods(\/|$)/i.test(bare)) {
    // A user's Temporary Access Pass (npm run issue-tap): reads need UserAuthMethod-TAP.Read.All,
    // create and delete UserAuthenticationMethod.ReadWrite.All
    // (learn.microsoft.com/graph/api/temporaryaccesspassauthenticationmethod-get and
    // authentication-post-temporaryaccesspassmethods, "Permissions").
    return readOrWrite("UserAuthMethod-TAP.Read.All", "UserAuthenticationMethod.ReadWrite.All");
  }
  if (/^\/users\/[^/]+\/checkMemberGroups$/i.test(bare)) {
    // A read even though it is a POST; Graph wants a user and a group permission together
    // (learn.microsoft.com/graph/api/directoryobject-checkmembergroups).
    return "User.Read.All and GroupMember.Read.All";
  }
  if (/^\/users(\/|$)/i.test(bare)) {
    return reads ? "User.Read.All" : "User.ReadWrite.All";
  }
  if (/^\/directoryRoleTemplates(\/|$)/i.test(bare)) {
    return reads ? "RoleManagement.Read.Directory" : undefined;
  }
  return undefined;
}

/**
 * Permissions Graph accepts for this one request beyond the higher-privileged alternatives of its
 * least one (`satisfyingPermissions`), which hold for every request.
 */
export function alsoAcceptedPermissions(method: string, path: string): string[] {
  const bare = barePath(path);
  const reads = ["GET", "HEAD"].includes(method.toUpperCase());
  // The TAP configuration's GET takes Policy.Read.All or Policy.ReadWrite.AuthenticationMethod
  // (learn.microsoft.com/graph/api/temporaryaccesspassauthenticationmethodconfiguration-get, "Permissions").
  if (reads && /^\/policies\/authenticationMethodsPolicy(\/|$)/i.test(bare))
    return ["Policy.ReadWrite.AuthenticationMethod"];
  return [];
}

/**
 * Application permissions that also allow what `permission` allows (the higher-privileged
 * alternatives Graph's permission pages list), the permission itself first.
 */
export function satisfyingPermissions(permission: string): string[] {
  const higher: Record<string, string[]> = {
    "GroupMember.Read.All": [
      "Group.Read.All",
      "Group.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    "Group.Read.All": ["Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
    "Group.Create": ["Group.ReadWrite.All", "Directory.ReadWrite.All"],
    "Group.ReadWrite.All": ["Directory.ReadWrite.All"],
    "User.Read.All": ["User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
    "User.ReadWrite.All": ["Directory.ReadWrite.All"],
    "RoleManagement.Read.Directory": [
      "RoleManagement.ReadWrite.Directory",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    "Policy.Read.ConditionalAccess": ["Policy.Read.All", "Policy.ReadWrite.ConditionalAccess"],
    "UserAuthMethod-TAP.Read.All": [
      "UserAuthMethod-TAP.ReadWrite.All",
      "UserAuthenticationMethod.Read.All",
      "UserAuthenticationMethod.ReadWrite.All",
    ],
    "DeviceManagementConfiguration.Read.All": ["DeviceManagementConfiguration.ReadWrite.All"],
    // graph-facts-journey.md §1.1: the Autopilot profile list also accepts these.
    "DeviceManagementServiceConfig.Read.All": [
      "DeviceManagementServiceConfig.ReadWrite.All",
      "DeviceManagementConfiguration.Read.All",
      "DeviceManagementConfiguration.ReadWrite.All",
    ],
  };
  return [permission, ...(higher[permission] ?? [])];
}

/** Whether an application permission allows changes (its name says ReadWrite, Create or Write). */
export function isWritePermission(permission: string): boolean {
  return /ReadWrite|\.Create$|\.Write(\.|$)/.test(permission);
}

/** What a stack's config asks of its identity (infra/config.ts settings, reduced to what matters). */
export interface StackPermissionInput {
  /** The registration Conditional Access policy is declared (`registrationPolicy.manage` not false). */
  managesRegistrationPolicy: boolean;
  /** The Web sign-in profile, its assignment and the Autopilot group are declared (`webSignIn.manage` not false). */
  managesWebSignIn: boolean;
  /** `autopilot.existingGroupId` is set: the group is read, never created, changed or deleted. */
  existingGroup: boolean;
  /** Some group is named by `{ displayName }` (azuread.getGroup). */
  groupsByName: boolean;
  /** Some user is named by `{ userPrincipalName }` (azuread.getUser). */
  usersByName: boolean;
}

/** One application permission a stack needs, and what needs it. */
export interface StackPermission {
  permission: string;
  /** What needs it, e.g. "Autopilot group (create)"; several when merged. */
  neededBy: string[];
}

/**
 * Every application permission `pulumi up` / `destroy` of a stack with this config needs, derived
 * from `requiredPermission` for the requests the program makes. A permission another needed one
 * already covers (GroupMember.Read.All under Group.ReadWrite.All) is folded into it.
 */
export function stackPermissions(input: StackPermissionInput): StackPermission[] {
  return mergePermissions(stackNeeds(input, false));
}

/**
 * Every application permission `pulumi preview --refresh` of a stack with this config needs: the
 * same requests as `stackPermissions`, reads only (refresh reads each resource, the name guards and
 * adoption list by name, the azuread data sources resolve names). No write permission is ever
 * among them; the deployer's grant satisfies each of them.
 */
export function stackReadPermissions(input: StackPermissionInput): StackPermission[] {
  return mergePermissions(stackNeeds(input, true));
}

/** [permission, what needs it] for the requests a stack's program makes; reads only if `readsOnly`. */
function stackNeeds(input: StackPermissionInput, readsOnly: boolean): [string, string][] {
  const tap =
    "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
  const ca = "/v1.0/identity/conditionalAccess/policies";
  const profiles = "/beta/deviceManagement/configurationPolicies";
  const operations: [string, string, string][] = [
    ["GET", tap, "Temporary Access Pass policy (read)"],
    ["PATCH", tap, "Temporary Access Pass policy (change)"],
  ];
  if (input.managesRegistrationPolicy) {
    operations.push(
      ["GET", ca, "registration Conditional Access policy (read, name guard)"],
      ["POST", ca, "registration Conditional Access policy (create, change, delete)"],
    );
  }
  if (input.managesWebSignIn) {
    operations.push(
      ["GET", profiles, "Web sign-in profile (read, name guard)"],
      ["POST", profiles, "Web sign-in profile and its assignment (create, change, delete)"],
    );
    if (input.existingGroup) {
      operations.push(["GET", "/v1.0/groups/{id}", "autopilot.existingGroupId (read)"]);
    } else {
      operations.push(
        ["GET", "/v1.0/groups", "Autopilot group (read, name guard)"],
        ["POST", "/v1.0/groups", "Autopilot group (create)"],
        ["PATCH", "/v1.0/groups/{id}", "Autopilot group (change, delete)"],
      );
    }
  }
  const requests: { permission: string; what: string; alsoAccepted: string[] }[] = [];
  for (const [method, path, what] of operations) {
    if (readsOnly && !["GET", "HEAD"].includes(method)) continue;
    const required = requiredPermission(method, path);
    if (required === undefined) continue;
    const alsoAccepted = alsoAcceptedPermissions(method, path);
    for (const permission of required.split(" and "))
      requests.push({ permission: permission.trim(), what, alsoAccepted });
  }
  // A read that a permission needed anyway also allows asks for nothing more (a TAP-only stack's
  // write permission reads the TAP policy: no Policy.Read.All).
  const needed = new Set(requests.map((request) => request.permission));
  const needs: [string, string][] = requests.map(({ permission, what, alsoAccepted }) => [
    alsoAccepted.find((other) => needed.has(other)) ?? permission,
    what,
  ]);
  // The azuread provider's data sources (azuread-provider-facts.md §6.1, §6.2): reads, in preview too.
  if (input.groupsByName) needs.push(["Group.Read.All", "groups named by displayName (azuread.getGroup)"]);
  if (input.usersByName) needs.push(["User.Read.All", "users named by userPrincipalName (azuread.getUser)"]);
  return needs;
}

/**
 * Merges [permission, what needs it] pairs into one entry per permission, in first-needed order; a
 * permission another needed one satisfies (`satisfyingPermissions`) is folded into that one.
 */
export function mergePermissions(pairs: readonly (readonly [string, string])[]): StackPermission[] {
  const needs = new Map<string, string[]>();
  const order: string[] = [];
  for (const [permission, what] of pairs) {
    if (!order.includes(what)) order.push(what);
    const list = needs.get(permission) ?? [];
    if (!list.includes(what)) list.push(what);
    needs.set(permission, list);
  }
  const result: StackPermission[] = [];
  for (const [permission, neededBy] of needs) {
    const coveredBy = [...needs.keys()].find(
      (other) => other !== permission && satisfyingPermissions(permission).includes(other),
    );
    if (coveredBy !== undefined) needs.get(coveredBy)?.push(...neededBy);
  }
  for (const [permission, neededBy] of needs) {
    const covered = [...needs.keys()].some(
      (other) => other !== permission && satisfyingPermissions(permission).includes(other),
    );
    if (!covered) {
      const inOrder = [...new Set(neededBy)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
      result.push({ permission, neededBy: inOrder });
    }
  }
  return result;
}
