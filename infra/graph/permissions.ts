/**
 * The least-privileged Microsoft Graph application permission for each operation this project
 * performs, so a 403 can say exactly what to grant.
 */

interface PermissionRule {
  /** Matches the request path without version and query, case-insensitively. */
  path: RegExp;
  read: string;
  write: string | Partial<Record<"POST" | "PATCH" | "PUT" | "DELETE", string>>;
}

const RULES: readonly PermissionRule[] = [
  {
    path: /^\/policies\/authenticationMethodsPolicy(\/|$)/i,
    read: "Policy.Read.All",
    write: "Policy.ReadWrite.AuthenticationMethod",
  },
  {
    path: /^\/policies\/authenticationStrengthPolicies(\/|$)/i,
    read: "Policy.Read.All",
    write: "Policy.ReadWrite.AuthenticationMethod",
  },
  {
    path: /^\/identity\/conditionalAccess\/templates(\/|$)/i,
    read: "Policy.Read.All",
    write: "Policy.ReadWrite.ConditionalAccess",
  },
  {
    path: /^\/identity\/conditionalAccess\/(policies|namedLocations)(\/|$)/i,
    read: "Policy.Read.All",
    // Graph also requires Policy.Read.All for Conditional Access writes.
    write: "Policy.ReadWrite.ConditionalAccess and Policy.Read.All",
  },
  {
    path: /^\/deviceManagement\//i,
    read: "DeviceManagementConfiguration.Read.All",
    write: "DeviceManagementConfiguration.ReadWrite.All",
  },
  {
    path: /^\/groups(\/|$|\?)/i,
    read: "GroupMember.Read.All",
    write: {
      POST: "Group.Create",
      PATCH: "Group.ReadWrite.All",
      PUT: "Group.ReadWrite.All",
      DELETE: "Group.ReadWrite.All",
    },
  },
];

/**
 * The permission needed for `method` on `path`, or undefined for a path this project does not use.
 * `path` may include the version prefix and a query (`/v1.0/groups?$filter=...`); both are ignored.
 */
export function requiredPermission(method: string, path: string): string | undefined {
  const bare = path.replace(/^\/(v1\.0|beta)(?=\/)/i, "").split("?")[0];
  const verb = method.toUpperCase();
  const rule = RULES.find((candidate) => candidate.path.test(bare));
  if (rule === undefined) return undefined;
  if (verb === "GET" || verb === "HEAD") return rule.read;
  if (typeof rule.write === "string") return rule.write;
  return rule.write[verb as keyof typeof rule.write];
}
