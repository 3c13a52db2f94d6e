/**
 * The permission rows, against the token's `roles` claim, for one of two identities:
 *
 * - `deployer` (`pulumi up`): every application permission this stack's config needs (from
 *   infra/graph/permissions.ts `stackPermissions`); the reads preflight itself makes beyond them
 *   (a warning when missing); and write permissions the token carries that the stack does not need
 *   (least privilege: a warning, not a failure).
 * - `reader` (the pull-request `pulumi preview --refresh`): the reads the program makes
 *   (`stackReadPermissions`) and the reads preflight itself makes, all required; missing write
 *   permissions are no failure, and every write permission the token carries is a warning.
 */
import {
  isWritePermission,
  mergePermissions,
  requiredPermission,
  satisfyingPermissions,
  stackPermissions,
  stackReadPermissions,
  type StackPermission,
  type StackPermissionInput,
} from "../../infra/graph/permissions";
import { declaredReferences } from "../../infra/references/declaredReferences";
import { managesRegistrationPolicy, managesWebSignIn } from "../../policies/managed";
import type { DeclaredOnboardingSettings } from "../../policies/settings";
import type { PreflightIdentity } from "./options";
import type { TokenRoles } from "./token";
import type { CheckRow } from "./types";

export function permissionInput(settings: DeclaredOnboardingSettings): StackPermissionInput {
  const references = declaredReferences(settings);
  return {
    managesRegistrationPolicy: managesRegistrationPolicy(settings),
    managesWebSignIn: managesWebSignIn(settings),
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
    ["POST", "/v1.0/identity/conditionalAccess/evaluate", "the What If cross-check"],
  ];
  if (managesWebSignIn(settings)) {
    reads.push(
      ["GET", "/beta/deviceManagement/configurationSettings/{id}", "the Web sign-in setting definition"],
      [
        "GET",
        "/beta/deviceManagement/windowsAutopilotDeploymentProfiles",
        "Autopilot deployment profiles (PO-WSI-002)",
      ],
    );
  }
  const { temporaryAccessPass: tap, autopilot } = settings;
  // What an undeclared registration policy names is not read (scripts/preflight/objects.ts).
  const ca = managesRegistrationPolicy(settings)
    ? settings.registrationPolicy
    : { excludeGroupIds: [], breakGlassUserIds: [], excludeRoleTemplateIds: [] };
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

/**
 * What the reader needs: the program's reads in `pulumi preview --refresh`, then preflight's own
 * reads (labelled "preflight: ..."), merged so a permission another needed one satisfies is folded.
 */
export function readerPermissions(settings: DeclaredOnboardingSettings): StackPermission[] {
  const pairs: [string, string][] = stackReadPermissions(permissionInput(settings)).flatMap((need) =>
    need.neededBy.map((what): [string, string] => [need.permission, what]),
  );
  for (const [method, path, what] of preflightReads(settings)) {
    const permission = requiredPermission(method, path);
    if (permission !== undefined) pairs.push([permission, `preflight: ${what}`]);
  }
  return mergePermissions(pairs);
}

export function permissionRows(
  settings: DeclaredOnboardingSettings,
  token: TokenRoles,
  identity: PreflightIdentity = "deployer",
): CheckRow[] {
  const needed =
    identity === "reader" ? readerPermissions(settings) : stackPermissions(permissionInput(settings));
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
  if (identity === "reader") {
    for (const role of [...roles].sort()) {
      if (!isWritePermission(role)) continue;
      rows.push({
        area: "permissions",
        subject: role,
        status: "warning",
        detail:
          "granted, but a pull-request identity should not be able to write: remove it from the reader " +
          "(the deployer identity of deploy.yml holds the write permissions)",
      });
    }
    rows.push(
      ...unneededReadRows(
        roles,
        needed.map((need) => need.permission),
      ),
    );
    return rows;
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
  const preflightNeeds = preflightReads(settings).flatMap(([method, path]) => {
    const permission = requiredPermission(method, path);
    return permission === undefined ? [] : permission.split(" and ").map((each) => each.trim());
  });
  rows.push(...unneededReadRows(roles, [...neededNames, ...preflightNeeds]));
  return rows;
}

/**
 * A warning per granted read permission that satisfies none of `needs` (write permissions are
 * warned about on their own): what the identity holds beyond its role, named for removal.
 */
function unneededReadRows(roles: readonly string[], needs: readonly string[]): CheckRow[] {
  return [...roles]
    .sort()
    .filter((role) => !isWritePermission(role))
    .filter((role) => !needs.some((need) => satisfyingPermissions(need).includes(role)))
    .map((role) => ({
      area: "permissions",
      subject: role,
      status: "warning",
      detail:
        "granted, but neither this stack nor preflight reads anything that needs it: consider removing it (least privilege)",
    }));
}
