import { strict as assert } from "node:assert";
import { desiredRegistrationPolicy } from "../../policies/registrationPolicy";
import { DEFAULT_SETTINGS, type RegistrationPolicySettings } from "../../policies/settings";
import { registrationTemplatePolicy } from "../fixtures/securityInfoRegistrationTemplate";

const BREAK_GLASS_1 = "b1b1b1b1-0000-4000-8000-000000000001";
const BREAK_GLASS_2 = "b2b2b2b2-0000-4000-8000-000000000002";
const GROUP_A = "aaaaaaaa-0000-4000-8000-000000000001";
const GROUP_B = "bbbbbbbb-0000-4000-8000-000000000002";
const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
const SECURITY_ADMINISTRATOR = "194ae4cb-b126-40b2-bd5b-6091b380977d";

function settings(overrides: Partial<RegistrationPolicySettings>): RegistrationPolicySettings {
  return { ...DEFAULT_SETTINGS.registrationPolicy, ...overrides };
}

describe("desiredRegistrationPolicy", () => {
  it("matches Microsoft's 'Securing security info registration' template with the defaults", () => {
    assert.deepEqual(
      desiredRegistrationPolicy(DEFAULT_SETTINGS.registrationPolicy),
      registrationTemplatePolicy({ displayName: "Require MFA to register security info" }),
    );
  });

  it("excludes guests first, then the break-glass accounts sorted", () => {
    const policy = desiredRegistrationPolicy(settings({ breakGlassUserIds: [BREAK_GLASS_2, BREAK_GLASS_1] }));
    assert.deepEqual(policy.conditions.users.excludeUsers, [
      "GuestsOrExternalUsers",
      BREAK_GLASS_1,
      BREAK_GLASS_2,
    ]);
  });

  it("keeps guests in scope when excludeGuests is false", () => {
    const policy = desiredRegistrationPolicy(
      settings({ excludeGuests: false, breakGlassUserIds: [BREAK_GLASS_1] }),
    );
    assert.deepEqual(policy.conditions.users.excludeUsers, [BREAK_GLASS_1]);
  });

  it("excludes the configured groups and role templates, sorted", () => {
    const policy = desiredRegistrationPolicy(
      settings({
        excludeGroupIds: [GROUP_B, GROUP_A],
        excludeRoleTemplateIds: [SECURITY_ADMINISTRATOR, GLOBAL_ADMINISTRATOR],
      }),
    );
    assert.deepEqual(policy.conditions.users.excludeGroups, [GROUP_A, GROUP_B]);
    assert.deepEqual(
      policy.conditions.users.excludeRoles,
      [SECURITY_ADMINISTRATOR, GLOBAL_ADMINISTRATOR].sort(),
    );
    assert.deepEqual(policy.conditions.users.includeUsers, ["All"]);
  });

  it("requires MFA from trusted locations too when allowFromTrustedLocations is false", () => {
    const policy = desiredRegistrationPolicy(settings({ allowFromTrustedLocations: false }));
    assert.deepEqual(policy.conditions.locations, { includeLocations: ["All"], excludeLocations: [] });
  });

  it("replaces the MFA control with the authentication strength when one is given", () => {
    const strength = "00000000-0000-0000-0000-000000000004";
    const policy = desiredRegistrationPolicy(settings({ authenticationStrengthPolicyId: strength }));
    assert.deepEqual(policy.grantControls, {
      operator: "AND",
      builtInControls: [],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: { id: strength },
    });
  });

  it("carries the display name and state through", () => {
    const policy = desiredRegistrationPolicy(settings({ displayName: "CA001", state: "enabled" }));
    assert.equal(policy.displayName, "CA001");
    assert.equal(policy.state, "enabled");
  });

  it("never targets applications, only the register-security-info user action", () => {
    const policy = desiredRegistrationPolicy(settings({ state: "enabled", excludeGuests: false }));
    assert.deepEqual(policy.conditions.applications.includeApplications, []);
    assert.deepEqual(policy.conditions.applications.includeUserActions, ["urn:user:registersecurityinfo"]);
  });
});
