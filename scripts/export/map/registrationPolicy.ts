/**
 * A Conditional Access policy -> `registrationPolicy` settings: the inverse of
 * `desiredRegistrationPolicy` (policies/registrationPolicy.ts). Every part of the policy the
 * settings cannot regenerate (another condition, another grant, session controls, other users
 * included) is a finding, so nothing is dropped silently.
 */
import { isGuid } from "../../../infra/providers/graphIds";
import {
  ALL_LOCATIONS,
  ALL_TRUSTED_LOCATIONS,
  GUESTS_OR_EXTERNAL_USERS,
  REGISTER_SECURITY_INFO_USER_ACTION,
} from "../../../policies/registrationPolicy";
import type { ConditionalAccessState, RegistrationPolicySettings } from "../../../policies/settings";
import { difference, note, type Finding, type GraphConditionalAccessPolicy } from "../types";
import { describeValue, isEmptyValue, isRecord, stringList } from "./values";

export interface RegistrationPolicyMapping {
  /** The settings with user and group object ids. */
  settings: RegistrationPolicySettings;
  findings: Finding[];
}

const STATES: readonly ConditionalAccessState[] = [
  "enabled",
  "disabled",
  "enabledForReportingButNotEnforced",
];

/** The conditions the settings describe; any other non-empty condition is a finding. */
const MAPPED_CONDITIONS = ["applications", "users", "locations", "clientAppTypes"];

/** True when the policy targets the user action "Register security information". */
export function targetsSecurityInfoRegistration(policy: GraphConditionalAccessPolicy): boolean {
  const applications = policy.conditions?.applications;
  if (!isRecord(applications)) return false;
  return stringList(applications.includeUserActions).some(
    (action) => action.toLowerCase() === REGISTER_SECURITY_INFO_USER_ACTION,
  );
}

function sortedUnique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

/** Checks that `key` of `record` is empty; a finding otherwise. */
function expectEmpty(record: Record<string, unknown>, key: string, where: string, findings: Finding[]): void {
  if (!isEmptyValue(record[key])) {
    findings.push(
      difference(
        `${where}.${key} is ${describeValue(record[key])}; the stack cannot express it, so \`pulumi up\` would remove it.`,
      ),
    );
  }
}

function mapApplications(applications: unknown, findings: Finding[]): void {
  if (!isRecord(applications)) return;
  const actions = stringList(applications.includeUserActions);
  const others = actions.filter((action) => action.toLowerCase() !== REGISTER_SECURITY_INFO_USER_ACTION);
  if (others.length > 0) {
    findings.push(
      difference(
        `conditions.applications.includeUserActions also lists ${others.join(", ")}; \`pulumi up\` would keep only ${REGISTER_SECURITY_INFO_USER_ACTION}.`,
      ),
    );
  }
  for (const key of Object.keys(applications)) {
    if (key === "includeUserActions" || key.includes("@")) continue;
    expectEmpty(applications, key, "conditions.applications", findings);
  }
}

interface UsersPart {
  breakGlassUserIds: string[];
  excludeGroupIds: string[];
  excludeGuests: boolean;
  excludeRoleTemplateIds: string[];
}

function mapUsers(users: unknown, findings: Finding[]): UsersPart {
  const part: UsersPart = {
    breakGlassUserIds: [],
    excludeGroupIds: [],
    excludeGuests: false,
    excludeRoleTemplateIds: [],
  };
  if (!isRecord(users)) {
    findings.push(difference("conditions.users is missing; `pulumi up` would include all users."));
    return part;
  }
  const includeUsers = stringList(users.includeUsers);
  if (includeUsers.length !== 1 || includeUsers[0] !== "All") {
    findings.push(
      difference(
        `conditions.users.includeUsers is ${describeValue(users.includeUsers)}; the stack always includes all users ` +
          '(["All"]), so `pulumi up` would widen the policy to everyone not excluded.',
      ),
    );
  }
  for (const excluded of stringList(users.excludeUsers)) {
    if (excluded === GUESTS_OR_EXTERNAL_USERS) part.excludeGuests = true;
    else if (isGuid(excluded)) part.breakGlassUserIds.push(excluded);
    else
      findings.push(
        difference(
          `conditions.users.excludeUsers lists ${JSON.stringify(excluded)}, which is neither a user id nor ${GUESTS_OR_EXTERNAL_USERS}; \`pulumi up\` would remove it.`,
        ),
      );
  }
  part.breakGlassUserIds = sortedUnique(part.breakGlassUserIds);
  part.excludeGroupIds = sortedUnique(stringList(users.excludeGroups));
  part.excludeRoleTemplateIds = sortedUnique(stringList(users.excludeRoles));
  const handled = ["includeUsers", "excludeUsers", "excludeGroups", "excludeRoles"];
  for (const key of Object.keys(users)) {
    if (handled.includes(key) || key.includes("@")) continue;
    if (key === "excludeGuestsOrExternalUsers" && !isEmptyValue(users[key])) {
      findings.push(
        difference(
          `conditions.users.excludeGuestsOrExternalUsers is ${describeValue(users[key])}; the stack excludes guests ` +
            `only as ${GUESTS_OR_EXTERNAL_USERS} in excludeUsers (excludeGuests), so \`pulumi up\` would replace it` +
            (part.excludeGuests ? "." : " (set excludeGuests: true to keep guests excluded)."),
        ),
      );
      continue;
    }
    expectEmpty(users, key, "conditions.users", findings);
  }
  return part;
}

function mapLocations(locations: unknown, findings: Finding[]): boolean {
  if (isEmptyValue(locations)) {
    findings.push(
      difference(
        "The policy has no location condition (it applies everywhere). Written as allowFromTrustedLocations: false, " +
          "which has the same effect; `pulumi up` would add includeLocations: [All].",
      ),
    );
    return false;
  }
  const record = isRecord(locations) ? locations : {};
  const include = stringList(record.includeLocations);
  const exclude = stringList(record.excludeLocations);
  if (include.length !== 1 || include[0] !== ALL_LOCATIONS) {
    findings.push(
      difference(
        `conditions.locations.includeLocations is ${describeValue(record.includeLocations)}; the stack always ` +
          `includes all locations (["${ALL_LOCATIONS}"]), so \`pulumi up\` would widen it.`,
      ),
    );
  }
  const trusted = exclude.includes(ALL_TRUSTED_LOCATIONS);
  const otherExcluded = exclude.filter((location) => location !== ALL_TRUSTED_LOCATIONS);
  if (otherExcluded.length > 0) {
    findings.push(
      difference(
        `conditions.locations.excludeLocations also lists ${otherExcluded.join(", ")}; the stack can only exclude ` +
          `all trusted locations (allowFromTrustedLocations), so \`pulumi up\` would remove ${otherExcluded.length === 1 ? "it" : "them"}.`,
      ),
    );
  }
  for (const key of Object.keys(record)) {
    if (key === "includeLocations" || key === "excludeLocations" || key.includes("@")) continue;
    expectEmpty(record, key, "conditions.locations", findings);
  }
  return trusted;
}

function mapGrant(grant: unknown, findings: Finding[]): string | undefined {
  if (!isRecord(grant)) {
    findings.push(
      difference("The policy has no grant controls; `pulumi up` would require multifactor authentication."),
    );
    return undefined;
  }
  const builtIn = stringList(grant.builtInControls);
  const strength = isRecord(grant.authenticationStrength) ? grant.authenticationStrength : undefined;
  const strengthId = typeof strength?.id === "string" ? strength.id : undefined;
  const operator = grant.operator;
  if (strengthId !== undefined) {
    if (builtIn.length > 0) {
      findings.push(
        difference(
          `grantControls combines the authentication strength with ${builtIn.join(", ")} (operator ${String(operator)}); ` +
            "the stack writes the strength alone, so `pulumi up` would remove the built-in controls.",
        ),
      );
    } else if (operator !== "AND") {
      findings.push(
        difference(
          `grantControls.operator is ${JSON.stringify(operator)}; with an authentication strength the stack writes "AND" ` +
            "(no effect with a single control), so `pulumi up` would change the operator.",
        ),
      );
    }
  } else {
    const others = builtIn.filter((control) => control !== "mfa");
    if (!builtIn.includes("mfa") || others.length > 0) {
      findings.push(
        difference(
          `grantControls.builtInControls is ${describeValue(grant.builtInControls)}; the stack requires ["mfa"] ` +
            "(or an authentication strength), so `pulumi up` would change the grant.",
        ),
      );
    } else if (operator !== "OR") {
      findings.push(
        difference(
          `grantControls.operator is ${JSON.stringify(operator)}; with MFA alone the stack writes "OR" ` +
            "(no effect with a single control), so `pulumi up` would change the operator.",
        ),
      );
    }
  }
  for (const key of ["customAuthenticationFactors", "termsOfUse"])
    expectEmpty(grant, key, "grantControls", findings);
  return strengthId;
}

export function registrationPolicyFromGraph(policy: GraphConditionalAccessPolicy): RegistrationPolicyMapping {
  const findings: Finding[] = [];
  const conditions = isRecord(policy.conditions) ? policy.conditions : {};
  mapApplications(conditions.applications, findings);
  const users = mapUsers(conditions.users, findings);
  const allowFromTrustedLocations = mapLocations(conditions.locations, findings);
  const clientAppTypes = stringList(conditions.clientAppTypes);
  if (clientAppTypes.length !== 1 || clientAppTypes[0] !== "all") {
    findings.push(
      difference(
        `conditions.clientAppTypes is ${describeValue(conditions.clientAppTypes)}; the stack always targets all ` +
          'client apps (["all"]), so `pulumi up` would widen it.',
      ),
    );
  }
  for (const key of Object.keys(conditions)) {
    if (MAPPED_CONDITIONS.includes(key) || key.includes("@")) continue;
    if (!isEmptyValue(conditions[key])) {
      findings.push(
        difference(
          `conditions.${key} is ${describeValue(conditions[key])}: a condition the stack cannot express; ` +
            "`pulumi up` would remove it.",
        ),
      );
    }
  }
  const strengthId = mapGrant(policy.grantControls, findings);
  if (!isEmptyValue(policy.sessionControls)) {
    findings.push(
      difference(
        `sessionControls is ${describeValue(policy.sessionControls)}; the stack sets no session controls, so ` +
          "`pulumi up` would remove them.",
      ),
    );
  }
  if (typeof policy.description === "string" && policy.description !== "") {
    findings.push(
      note(`Its description (${JSON.stringify(policy.description)}) is not part of the stack settings.`),
    );
  }
  const state = STATES.find((known) => known === policy.state);
  if (state === undefined) {
    findings.push(
      difference(`state is ${JSON.stringify(policy.state)}; written as "enabledForReportingButNotEnforced".`),
    );
  }
  const settings: RegistrationPolicySettings = {
    displayName: policy.displayName ?? "",
    state: state ?? "enabledForReportingButNotEnforced",
    ...users,
    allowFromTrustedLocations,
  };
  if (strengthId !== undefined) settings.authenticationStrengthPolicyId = strengthId;
  return { settings, findings };
}
