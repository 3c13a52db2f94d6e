/**
 * The least-privileged Microsoft Graph application permission for each operation this project
 * performs, so a 403 can say exactly what to grant.
 *
 * Written as one function rather than a table of rule objects: it runs inside serialized dynamic
 * providers, where Pulumi's closure serializer would spell out every object and RegExp of a table.
 */

/**
 * The permission needed for `method` on `path`, or undefined for a path this project does not use.
 * `path` may include the version prefix and a query (`/v1.0/groups?$filter=...`); both are ignored.
 */
export function requiredPermission(method: string, path: string): string | undefined {
  const bare = path.replace(/^\/(v1\.0|beta)(?=\/)/i, "").split("?")[0];
  const verb = method.toUpperCase();
  const reads = verb === "GET" || verb === "HEAD";
  const readOrWrite = (read: string, write: string): string => (reads ? read : write);

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
  return undefined;
}
