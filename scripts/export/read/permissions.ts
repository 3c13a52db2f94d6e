/**
 * What the export reads, and the least-privileged application permission for each read (the same
 * as infra/graph/permissions.ts gives for these requests; users are not in that table because the
 * program itself never reads users). Used by `--help`, the report and the one-line message for a
 * 403. Export only reads: no write permission is needed.
 */

export type ObjectType = "tap" | "conditionalAccess" | "profiles" | "groups" | "users";

export interface ReadPermission {
  type: ObjectType;
  /** What is read, for messages ("Conditional Access policies"). */
  objects: string;
  request: string;
  permission: string;
}

export const READ_PERMISSIONS: readonly ReadPermission[] = [
  {
    type: "tap",
    objects: "the Temporary Access Pass policy",
    request:
      "GET /v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass",
    permission: "Policy.Read.All",
  },
  {
    type: "conditionalAccess",
    objects: "Conditional Access policies",
    request: "GET /v1.0/identity/conditionalAccess/policies",
    permission: "Policy.Read.All",
  },
  {
    type: "profiles",
    objects: "settings-catalog profiles (settings and assignments)",
    request: "GET /beta/deviceManagement/configurationPolicies (+ /{id}?$expand=settings, /{id}/assignments)",
    permission: "DeviceManagementConfiguration.Read.All",
  },
  {
    type: "groups",
    objects: "groups (names and dynamic membership rules)",
    request: "GET /v1.0/groups?$select=id,displayName,groupTypes,membershipRule,...",
    permission: "GroupMember.Read.All",
  },
  {
    type: "users",
    objects:
      "users excluded from the Conditional Access policy (their userPrincipalName; not read with --ids)",
    request: "GET /v1.0/users/{id}?$select=id,userPrincipalName",
    permission: "User.Read.All",
  },
];

export function readPermission(type: ObjectType): ReadPermission {
  return READ_PERMISSIONS.find((entry) => entry.type === type) as ReadPermission;
}
