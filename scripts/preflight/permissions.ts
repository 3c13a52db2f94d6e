/**
 * The permission rows: every application permission this stack's config needs (from
 * infra/graph/permissions.ts `stackPermissions`) against the token's `roles` claim; the reads
 * preflight itself makes beyond them; and write permissions the token carries that the stack does
 * not need (least privilege: a warning, not a failure).
 */
import {
  isWritePermission,
  requiredPermission,
  satisfyingPermissions,
  stackPermissions,
  type StackPermissionInput,
} from "../../infra/graph/permissions";
import { declaredReferences } from "../../infra/references/declaredReferences";
import type { DeclaredOnboardingSettings } from "../../policies/settings";
import type { TokenRoles } from "./token";
import type { CheckRow } from "./types";

export function permissionInput(settings: DeclaredOnboardingSettings): StackPermissionInput {
  const references = declaredReferences(settings);
  return {
    existingGroup: settings.autopilot.existingGroupId !== undefined,
    groupsByName: references.some((reference) => reference.kind === "group"),
    usersByName: references.some((reference) => reference.kind === "user"),
  };
}

/** The reads preflight makes for this config, with what each checks: [method, path, what]. */
function preflightReads(settings: DeclaredOnboardingSettings): [string, string, string][] {
  const reads: [string, string, string][] = [
    [
      "GET",
      "/v1.0/identity/conditionalAccess/policies",
      "the lock-out what-if (Conditional Access policies)",
    ],
    ["GET", "/v1.0/policies/authenticationStrengthPolicies", "authentication strengths"],
    ["GET", "/beta/deviceManagement/configurationSettings/{id}", "the Web sign-in setting definition"],
    ["POST", "/v1.0/identity/conditionalAccess/evaluate", "the What If cross-check"],
  ];
  const { temporaryAccessPass: tap, registrationPolicy: ca, autopilot } = settings;
  const groups = [
    ...tap.includeGroupIds.filter((id) => id !== "all_users"),
    ...tap.excludeGroupIds,
    ...ca.excludeGroupIds,
  ];
  if (groups.length > 0 || autopilot.existingGroupId !== undefined)
    reads.push(["GET", "/v1.0/groups/{id}", "referenced groups"]);
  if (ca.breakGlassUserIds.length > 0) reads.push(["GET", "/v1.0/users/{id}", "break-glass users"]);
  if (ca.excludeRoleTemplateIds.length > 0)
    reads.push(["GET", "/v1.0/directoryRoleTemplates/{id}", "excluded directory roles"]);
  return reads;
}

function grantedAs(permission: string, roles: readonly string[]): string | undefined {
  return satisfyingPermissions(permission).find((candidate) => roles.includes(candidate));
}

export function permissionRows(settings: DeclaredOnboardingSettings, token: TokenRoles): CheckRow[] {
  const needed = stackPermissions(permissionInput(settings));
  if (token.roles === undefined) {
    return [
      {
        area: "permissions",
        subject: "token roles",
        status: "warning",
        detail:
          `${token.problem ?? "the token's roles could not be read"}; needed: ` +
          needed.map((need) => need.permission).join(", "),
      },
    ];
  }
  const roles = token.roles;
  const rows: CheckRow[] = [];
  for (const need of needed) {
    const as = grantedAs(need.permission, roles);
    rows.push(
      as === undefined
        ? {
            area: "permissions",
            subject: need.permission,
            status: "fail",
            detail: `missing: needed by ${need.neededBy.join("; ")}`,
          }
        : {
            area: "permissions",
            subject: need.permission,
            status: "pass",
            detail: `granted${as === need.permission ? "" : ` (as ${as})`}: ${need.neededBy.join("; ")}`,
          },
    );
  }
  const checkedByStack = new Set(needed.map((need) => need.permission));
  const ownNeeds = new Map<string, string[]>();
  for (const [method, path, what] of preflightReads(settings)) {
    const permission = requiredPermission(method, path);
    if (permission === undefined) continue;
    const coveredByStack = [...checkedByStack].some((stackNeed) =>
      satisfyingPermissions(permission).includes(stackNeed),
    );
    if (coveredByStack || grantedAs(permission, roles) !== undefined) continue;
    ownNeeds.set(permission, [...(ownNeeds.get(permission) ?? []), what]);
  }
  for (const [permission, what] of ownNeeds) {
    rows.push({
      area: "permissions",
      subject: permission,
      status: "warning",
      detail: `not granted: preflight cannot check ${what.join(", ")} (a read-only permission; the stack itself does not need it)`,
    });
  }
  const neededNames = new Set(needed.map((need) => need.permission));
  for (const role of [...roles].sort()) {
    if (!isWritePermission(role) || neededNames.has(role)) continue;
    rows.push({
      area: "permissions",
      subject: role,
      status: "warning",
      detail:
        "granted, but this stack needs no such write permission: consider removing it (least privilege)",
    });
  }
  return rows;
}
