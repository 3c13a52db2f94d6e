import { strict as assert } from "node:assert";
import {
  registrationPolicyFromGraph,
  targetsSecurityInfoRegistration,
} from "../../../scripts/export/map/registrationPolicy";
import { registrationPolicyChanges } from "../../../scripts/export/map/verify";
import type { GraphConditionalAccessPolicy } from "../../../scripts/export/types";
import { desiredRegistrationPolicy } from "../../../policies/registrationPolicy";
import { DEFAULT_SETTINGS, type RegistrationPolicySettings } from "../../../policies/settings";
import { createConditionalAccessPolicy } from "../../sandbox/conditionalAccess";

const USER_1 = "1a1a1a1a-0000-4000-8000-000000000001";
const USER_2 = "1a1a1a1a-0000-4000-8000-000000000002";
const GROUP = "2b2b2b2b-0000-4000-8000-000000000001";
const STRENGTH = "00000000-0000-0000-0000-000000000004";
const AUTH_ADMIN = "c4e39bd9-1100-46d3-8c65-fb160da0071f";

/** The policy as Graph stores and lists it after a POST of `body` (the sandbox's echo: [] and null filled in). */
function asGraphReads(body: unknown): GraphConditionalAccessPolicy {
  return createConditionalAccessPolicy(
    body,
    new Date("2026-01-01T00:00:00Z"),
  ) as unknown as GraphConditionalAccessPolicy;
}

function fromSettings(settings: RegistrationPolicySettings): GraphConditionalAccessPolicy {
  return asGraphReads(desiredRegistrationPolicy(settings));
}

type Patch = { [key: string]: unknown };

function isPatch(value: unknown): value is Patch {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `base` with `patch` merged in: objects merged key by key, anything else (lists, null) replaced. */
function merged(base: unknown, patch: unknown): unknown {
  if (!isPatch(base) || !isPatch(patch)) return patch;
  const result: Patch = { ...base };
  for (const [key, value] of Object.entries(patch)) result[key] = merged(base[key], value);
  return result;
}

/** The default settings' policy with `patch` merged in, as Graph lists it. */
function edited(patch: Patch): GraphConditionalAccessPolicy {
  return asGraphReads(merged(desiredRegistrationPolicy(DEFAULT_SETTINGS.registrationPolicy), patch));
}

function texts(policy: GraphConditionalAccessPolicy): string[] {
  return registrationPolicyFromGraph(policy).findings.map(
    (finding) => `${finding.severity}: ${finding.text}`,
  );
}

describe("export mapping: Conditional Access policy -> registrationPolicy", () => {
  it("recognises a policy by the user action 'Register security information'", () => {
    assert.equal(targetsSecurityInfoRegistration(fromSettings(DEFAULT_SETTINGS.registrationPolicy)), true);
    const appPolicy = edited({
      conditions: {
        applications: { includeApplications: ["All"], excludeApplications: [], includeUserActions: [] },
      },
    });
    assert.equal(targetsSecurityInfoRegistration(appPolicy), false);
    assert.equal(targetsSecurityInfoRegistration({ id: "x", conditions: null }), false);
  });

  it("round-trips settings -> desired policy (as Graph echoes it) -> settings, with no change left", () => {
    const cases: RegistrationPolicySettings[] = [
      DEFAULT_SETTINGS.registrationPolicy,
      {
        displayName: "Registration: MFA",
        state: "enabled",
        breakGlassUserIds: [USER_2, USER_1],
        excludeGroupIds: [GROUP],
        excludeGuests: false,
        excludeRoleTemplateIds: [],
        allowFromTrustedLocations: false,
      },
      {
        ...DEFAULT_SETTINGS.registrationPolicy,
        state: "disabled",
        excludeRoleTemplateIds: [AUTH_ADMIN, DEFAULT_SETTINGS.registrationPolicy.excludeRoleTemplateIds[0]],
        authenticationStrengthPolicyId: STRENGTH,
      },
    ];
    for (const settings of cases) {
      const found = fromSettings(settings);
      const { settings: mapped, findings } = registrationPolicyFromGraph(found);
      assert.deepEqual(findings, []);
      // Export writes neither choice: adoption is made per stack, and what it finds is managed.
      const { adoptExisting: _adopt, manage: _manage, ...expected } = settings;
      assert.deepEqual(mapped, {
        ...expected,
        breakGlassUserIds: [...settings.breakGlassUserIds].sort(),
        excludeGroupIds: [...settings.excludeGroupIds].sort(),
        excludeRoleTemplateIds: [...settings.excludeRoleTemplateIds].sort(),
      });
      assert.deepEqual(registrationPolicyChanges(found, mapped), []);
    }
  });

  it("reads Microsoft's template with break-glass users and an excluded group", () => {
    const policy = asGraphReads({
      displayName: "Securing security info registration",
      state: "enabledForReportingButNotEnforced",
      conditions: {
        clientAppTypes: ["all"],
        applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
        users: {
          includeUsers: ["All"],
          excludeUsers: ["GuestsOrExternalUsers", USER_1],
          excludeGroups: [GROUP],
          excludeRoles: ["62e90394-69f5-4237-9190-012177145e10"],
        },
        locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    });
    const { settings, findings } = registrationPolicyFromGraph(policy);
    assert.deepEqual(findings, []);
    assert.deepEqual(settings.breakGlassUserIds, [USER_1]);
    assert.deepEqual(settings.excludeGroupIds, [GROUP]);
    assert.equal(settings.excludeGuests, true);
    assert.equal(settings.allowFromTrustedLocations, true);
  });

  const conditions = (patch: Patch): Patch => ({ conditions: patch });
  const branches: [string, Patch, RegExp][] = [
    [
      "another user action",
      conditions({
        applications: { includeUserActions: ["urn:user:registersecurityinfo", "urn:user:registerdevice"] },
      }),
      /^difference: .*also lists urn:user:registerdevice/,
    ],
    [
      "an authentication context",
      conditions({ applications: { includeAuthenticationContextClassReferences: ["c1"] } }),
      /^difference: conditions\.applications\.includeAuthenticationContextClassReferences is \["c1"\]/,
    ],
    [
      "users other than all",
      conditions({ users: { includeUsers: [USER_1] } }),
      /^difference: conditions\.users\.includeUsers is .*widen the policy/,
    ],
    [
      "an included group",
      conditions({ users: { includeGroups: [GROUP] } }),
      /^difference: conditions\.users\.includeGroups is /,
    ],
    [
      "an excluded user that is no id",
      conditions({ users: { excludeUsers: ["GuestsOrExternalUsers", "None"] } }),
      /^difference: .*excludeUsers lists "None"/,
    ],
    [
      "guests excluded by type",
      conditions({
        users: {
          excludeGuestsOrExternalUsers: {
            guestOrExternalUserTypes: "b2bCollaborationGuest",
            externalTenants: { membershipKind: "all" },
          },
        },
      }),
      /^difference: conditions\.users\.excludeGuestsOrExternalUsers is .*would replace it\.$/,
    ],
    [
      "no location condition",
      conditions({ locations: null }),
      /^difference: The policy has no location condition .*allowFromTrustedLocations: false/,
    ],
    [
      "selected locations only",
      conditions({ locations: { includeLocations: ["3f0c0c0c-0000-4000-8000-000000000001"] } }),
      /^difference: conditions\.locations\.includeLocations is /,
    ],
    [
      "an excluded named location",
      conditions({ locations: { excludeLocations: ["AllTrusted", "3f0c0c0c-0000-4000-8000-000000000002"] } }),
      /^difference: .*excludeLocations also lists 3f0c0c0c-/,
    ],
    [
      "browser only",
      conditions({ clientAppTypes: ["browser"] }),
      /^difference: conditions\.clientAppTypes is \["browser"\]/,
    ],
    [
      "a platform condition",
      conditions({ platforms: { includePlatforms: ["android"], excludePlatforms: [] } }),
      /^difference: conditions\.platforms is .*a condition the stack cannot express/,
    ],
    [
      "a sign-in risk condition",
      conditions({ signInRiskLevels: ["high"] }),
      /^difference: conditions\.signInRiskLevels is \["high"\]/,
    ],
    [
      "block instead of MFA",
      { grantControls: { builtInControls: ["block"] } },
      /^difference: grantControls\.builtInControls is \["block"\]/,
    ],
    [
      "MFA with AND",
      { grantControls: { operator: "AND" } },
      /^difference: grantControls\.operator is "AND"; with MFA alone/,
    ],
    [
      "terms of use",
      { grantControls: { termsOfUse: ["tou-1"] } },
      /^difference: grantControls\.termsOfUse is \["tou-1"\]/,
    ],
    [
      "a strength with MFA",
      { grantControls: { authenticationStrength: { id: STRENGTH } } },
      /^difference: grantControls combines the authentication strength with mfa/,
    ],
    [
      "a strength with OR",
      { grantControls: { builtInControls: [], authenticationStrength: { id: STRENGTH } } },
      /^difference: grantControls\.operator is "OR"; with an authentication strength/,
    ],
    [
      "session controls",
      { sessionControls: { signInFrequency: { value: 1, type: "hours", isEnabled: true } } },
      /^difference: sessionControls is /,
    ],
    ["a description", { description: "made by hand" }, /^note: Its description \("made by hand"\)/],
  ];
  for (const [name, patch, expected] of branches) {
    it(`reports ${name}`, () => {
      const found = texts(edited(patch));
      assert.ok(
        found.some((text) => expected.test(text)),
        `no finding matches ${String(expected)}:\n${found.join("\n")}`,
      );
    });
  }

  it("reports a policy without grant controls or users, and an unknown state", () => {
    const found = texts({
      id: "x",
      displayName: "bare",
      state: "unknownFutureValue",
      conditions: {},
      grantControls: null,
    });
    assert.ok(found.some((text) => /conditions\.users is missing/.test(text)));
    assert.ok(found.some((text) => /no grant controls/.test(text)));
    assert.ok(found.some((text) => /state is "unknownFutureValue"/.test(text)));
  });

  it("maps an authentication strength written with AND and no built-in control", () => {
    const policy = fromSettings({
      ...DEFAULT_SETTINGS.registrationPolicy,
      authenticationStrengthPolicyId: STRENGTH,
    });
    assert.equal(registrationPolicyFromGraph(policy).settings.authenticationStrengthPolicyId, STRENGTH);
  });
});
