/**
 * The `registrationPolicy` section: the Conditional Access policy that targets "Register security
 * information". With several, the one the settings express best is exported and adopted (the
 * program finds it by displayName and imports it); the others are named and left as they are.
 */
import {
  DEFAULT_SETTINGS,
  GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID,
  type RegistrationPolicySettings,
} from "../../../policies/settings";
import { differenceCount, pickFirst } from "../choose";
import {
  registrationPolicyFromGraph,
  targetsSecurityInfoRegistration,
  type RegistrationPolicyMapping,
} from "../map/registrationPolicy";
import { registrationPolicyChanges } from "../map/verify";
import type { References } from "../references";
import {
  attention,
  note,
  type ExportedRegistrationPolicy,
  type GraphConditionalAccessPolicy,
} from "../types";
import { changesFinding } from "./changes";
import type { FoundObject, SectionResult } from "./sectionReport";
import { sortReferences } from "./sortReferences";

const TITLE = "Conditional Access policy for security-info registration";
const KIND = "Conditional Access policy";

export interface MappedPolicy {
  policy: GraphConditionalAccessPolicy;
  mapping: RegistrationPolicyMapping;
}

export interface RegistrationPolicyChoice {
  chosen?: MappedPolicy;
  others: MappedPolicy[];
}

/** The policies that target registration, mapped; the best-expressed first (then the default name, oldest, id). */
export function chooseRegistrationPolicy(
  policies: readonly GraphConditionalAccessPolicy[],
): RegistrationPolicyChoice {
  const candidates = policies
    .filter(targetsSecurityInfoRegistration)
    .map((policy) => ({ policy, mapping: registrationPolicyFromGraph(policy) }));
  return pickFirst(candidates, ({ policy, mapping }) => [
    differenceCount(mapping.findings),
    policy.displayName === DEFAULT_SETTINGS.registrationPolicy.displayName ? 0 : 1,
    policy.createdDateTime ?? "",
    policy.id,
  ]);
}

function foundObject(policy: GraphConditionalAccessPolicy, role: FoundObject["role"]): FoundObject {
  return {
    kind: KIND,
    name: policy.displayName ?? "",
    id: policy.id,
    detail: `state ${String(policy.state)}`,
    role,
  };
}

const ROLE_NAMES: Record<string, string> = {
  [GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID]: "Global Administrator",
};

export function registrationPolicySection(
  policies: readonly GraphConditionalAccessPolicy[] | undefined,
  choice: RegistrationPolicyChoice,
  references: References,
): SectionResult<ExportedRegistrationPolicy, RegistrationPolicySettings> {
  const key = "registrationPolicy";
  if (policies === undefined) {
    return {
      settings: DEFAULT_SETTINGS.registrationPolicy,
      report: {
        key,
        title: TITLE,
        status: "notRead",
        objects: [],
        mapping: [
          "Not exported: the Conditional Access policies could not be read (see Reads). The key is left out of the " +
            "YAML; without it `pulumi up` would create a new policy, so fix the read and export again.",
        ],
        findings: [],
        yamlComment: [
          "passwordless-onboarding:registrationPolicy is left out: Conditional Access policies could not be read",
          "(see the report). Without it `pulumi up` would create a new policy: export again once the read works.",
        ],
      },
    };
  }
  const { chosen, others } = choice;
  if (chosen === undefined) {
    const defaults = DEFAULT_SETTINGS.registrationPolicy;
    const findings = [
      note(
        `No policy targets ${"`urn:user:registersecurityinfo`"}: \`pulumi up\` creates "${defaults.displayName}".`,
      ),
    ];
    if (policies.some((policy) => policy.displayName === defaults.displayName)) {
      findings.push(
        attention(
          `A policy named "${defaults.displayName}" exists but does not target registration; \`pulumi up\` would ` +
            "create a second policy with that name. Rename one of them.",
        ),
      );
    }
    return {
      exported: {
        displayName: defaults.displayName,
        state: defaults.state,
        breakGlassUserIds: [],
        excludeGroupIds: [],
        excludeGuests: defaults.excludeGuests,
        excludeRoleTemplateIds: [...defaults.excludeRoleTemplateIds],
        allowFromTrustedLocations: defaults.allowFromTrustedLocations,
      },
      settings: defaults,
      report: {
        key,
        title: TITLE,
        status: "notFound",
        objects: [],
        mapping: [
          "Nothing to adopt: the module's defaults are written (report-only, no break-glass accounts yet).",
        ],
        findings,
        yamlComment: [
          "Not found in the tenant: `pulumi up` creates this policy (report-only). Add your break-glass accounts.",
        ],
      },
    };
  }
  const { policy, mapping } = chosen;
  const settings = mapping.settings;
  const findings = [...mapping.findings];
  const changes = registrationPolicyChanges(policy, settings);
  const changed = changesFinding(changes, findings);
  if (changed) findings.push(changed);
  const sameName = policies.filter((other) => other.displayName === policy.displayName);
  if (sameName.length > 1) {
    findings.push(
      attention(
        `${sameName.length} Conditional Access policies are named "${policy.displayName}" ` +
          `(${sameName.map((other) => other.id).join(", ")}); the program adopts by displayName, so rename the ` +
          "others before `pulumi up`.",
      ),
    );
  }
  for (const other of others) {
    findings.push(
      attention(
        `"${other.policy.displayName}" (${other.policy.id}, ${String(other.policy.state)}) also targets registration; ` +
          "it is not in the stack and stays as it is (Conditional Access enforces every applicable policy).",
      ),
    );
  }
  const exported: ExportedRegistrationPolicy = {
    displayName: settings.displayName,
    state: settings.state,
    breakGlassUserIds: sortReferences(
      settings.breakGlassUserIds.map((id) => references.user(id, `${key}.breakGlassUserIds`)),
    ),
    excludeGroupIds: sortReferences(
      settings.excludeGroupIds.map((id) => references.group(id, `${key}.excludeGroupIds`)),
    ),
    excludeGuests: settings.excludeGuests,
    excludeRoleTemplateIds: [...settings.excludeRoleTemplateIds],
    allowFromTrustedLocations: settings.allowFromTrustedLocations,
  };
  if (settings.authenticationStrengthPolicyId !== undefined) {
    exported.authenticationStrengthPolicyId = settings.authenticationStrengthPolicyId;
  }
  exported.adoptExisting = true;
  const roles = settings.excludeRoleTemplateIds.map((id) =>
    ROLE_NAMES[id] ? `${ROLE_NAMES[id]} (${id})` : id,
  );
  return {
    exported,
    settings,
    report: {
      key,
      title: TITLE,
      status: "exported",
      objects: [
        foundObject(policy, "exported"),
        ...others.map((other) => foundObject(other.policy, "other")),
      ],
      mapping: [
        `Adopted (adoptExisting: true): the program finds "${settings.displayName}" by displayName and imports it.`,
        `state ${settings.state}; excluded: ${settings.breakGlassUserIds.length} user(s), ` +
          `${settings.excludeGroupIds.length} group(s), roles ${roles.length === 0 ? "none" : roles.join(", ")}, ` +
          `guests ${settings.excludeGuests ? "yes" : "no"}; trusted locations exempt: ${settings.allowFromTrustedLocations}; ` +
          `grant: ${settings.authenticationStrengthPolicyId === undefined ? "MFA" : `authentication strength ${settings.authenticationStrengthPolicyId}`}.`,
      ],
      findings,
      yamlComment: [`Found: "${settings.displayName}" (${policy.id}); adopted on the next \`pulumi up\`.`],
    },
  };
}
