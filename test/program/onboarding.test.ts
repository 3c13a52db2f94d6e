import { strict as assert } from "node:assert";
import {
  CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
  mockConditionalAccessPolicyObjectId,
  mockGroupObjectId,
  mockSettingsCatalogPolicyId,
  TAP_POLICY_ID,
} from "./providerMocks";
import {
  findResource,
  loadStackConfig,
  runProgram,
  type ProgramRun,
  type RecordedResource,
} from "./runProgram";

const COMPONENT_TYPE = "passwordless:onboarding:PasswordlessOnboarding";
const CA_POLICY_TYPE = "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy";
const GROUP_TYPE = "azuread:index/group:Group";
const TAP_TYPE = "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";

const NEW_HIRES = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01";
const BREAK_GLASS_1 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01";
const BREAK_GLASS_2 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a02";
const EXISTING_GROUP = "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01";
/** A custom authentication strength that allows a Temporary Access Pass. */
const CUSTOM_STRENGTH = "4c2e8a90-6b1d-4f3e-9a7c-5d8e0f1a2b03";

describe("the program with Pulumi.dev.yaml", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram(loadStackConfig("Pulumi.dev.yaml"));
  });

  it("declares one PasswordlessOnboarding component named onboarding, at the top level", () => {
    const components = run.resources.filter((r) => r.type === COMPONENT_TYPE);
    assert.deepEqual(
      components.map((c) => ({ name: c.name, parent: c.parent, custom: c.custom })),
      [{ name: "onboarding", parent: undefined, custom: false }],
    );
  });

  it("parents every other resource to the component and prefixes its name with the component's", () => {
    for (const resource of run.resources.filter((r) => r.type !== COMPONENT_TYPE)) {
      assert.deepEqual(resource.parent, { type: COMPONENT_TYPE, name: "onboarding" }, resource.name);
      assert.match(resource.name, /^onboarding-/);
    }
  });

  it("declares the report-only registration policy from the template, excluding the break-glass accounts", () => {
    const policy = findResource(run.resources, CA_POLICY_TYPE, "onboarding-registration-policy");
    assert.deepEqual(policy.inputs, {
      displayName: "Require MFA to register security info",
      state: "enabledForReportingButNotEnforced",
      conditions: {
        clientAppTypes: ["all"],
        // No includedApplications: the user action replaces applications.
        applications: { includedUserActions: ["urn:user:registersecurityinfo"] },
        users: {
          includedUsers: ["All"],
          excludedUsers: [
            "GuestsOrExternalUsers",
            "00000000-0000-0000-0000-0000000000b1",
            "00000000-0000-0000-0000-0000000000b2",
          ],
          excludedRoles: [GLOBAL_ADMINISTRATOR],
        },
        locations: { includedLocations: ["All"], excludedLocations: ["AllTrusted"] },
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    });
  });

  it("declares a dynamic security group of every Autopilot device", () => {
    const group = findResource(run.resources, GROUP_TYPE, "onboarding-autopilot-group");
    assert.deepEqual(group.inputs, {
      displayName: "Autopilot devices (dev)",
      description:
        "All Windows Autopilot devices; receives the Web sign-in profile. Managed by passwordless-onboarding.",
      securityEnabled: true,
      types: ["DynamicMembership"],
      dynamicMembership: { enabled: true, rule: '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))' },
      // The stack's DisplayNameGuard refuses a taken name in preview; an imported group's state holds false.
      preventDuplicateNames: false,
    });
  });

  it("exports the registration policy's object id, not its azuread id", () => {
    assert.equal(
      run.outputs.registrationPolicyId,
      mockConditionalAccessPolicyObjectId("onboarding-registration-policy"),
    );
    assert.match(String(run.outputs.registrationPolicyId), GUID);
  });

  it("exports the object id of the group it created, not its azuread id", () => {
    assert.equal(run.outputs.autopilotGroupId, mockGroupObjectId("onboarding-autopilot-group"));
    assert.match(String(run.outputs.autopilotGroupId), GUID);
  });

  it("assigns the Web sign-in profile to the group's object id, which Intune needs, not its azuread id", () => {
    const assignment = findResource(
      run.resources,
      CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
      "onboarding-web-sign-in-assignment",
    );
    assert.deepEqual(assignment.inputs.assignments, [
      { target: "group", groupId: mockGroupObjectId("onboarding-autopilot-group") },
    ]);
  });

  it("exports every object's id and a one-line summary of the tenant setup", () => {
    assert.deepEqual(Object.keys(run.outputs).sort(), [
      "autopilotGroupId",
      "registrationPolicyId",
      "summary",
      "temporaryAccessPassPolicyId",
      "webSignInAssignmentId",
      "webSignInPolicyId",
    ]);
    assert.equal(run.outputs.temporaryAccessPassPolicyId, TAP_POLICY_ID);
    assert.equal(run.outputs.webSignInPolicyId, mockSettingsCatalogPolicyId("onboarding-web-sign-in"));
    // The assignment resource owns the profile's whole assignment list: its id is the profile's.
    assert.equal(run.outputs.webSignInAssignmentId, run.outputs.webSignInPolicyId);
    assert.equal(
      run.outputs.summary,
      "TAP enabled for 1 group, one-time use off, 60-480 min (default 480); " +
        "CA report-only (MFA, 2 break-glass accounts excluded); Web sign-in -> group Autopilot devices (dev)",
    );
  });
});

describe("the program with an enforced policy, an authentication strength and a group tag", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram({
      temporaryAccessPass: { includeGroupIds: [NEW_HIRES] },
      registrationPolicy: {
        displayName: "CA010 - Register security info",
        state: "enabled",
        breakGlassUserIds: [BREAK_GLASS_2, BREAK_GLASS_1],
        excludeGuests: false,
        excludeGroupIds: [EXISTING_GROUP],
        allowFromTrustedLocations: false,
        authenticationStrengthPolicyId: CUSTOM_STRENGTH,
      },
      autopilot: { groupDisplayName: "Autopilot - New hires", groupTag: "NewHires" },
    });
  });

  it("requires the authentication strength, as a policy path, instead of plain MFA", () => {
    const policy = findResource(run.resources, CA_POLICY_TYPE, "onboarding-registration-policy");
    assert.deepEqual(policy.inputs.grantControls, {
      operator: "AND",
      authenticationStrengthPolicyId: `/policies/authenticationStrengthPolicies/${CUSTOM_STRENGTH}`,
    });
  });

  it("enforces the policy for everyone but the break-glass accounts, the excluded group and the role", () => {
    const policy = findResource(run.resources, CA_POLICY_TYPE, "onboarding-registration-policy");
    assert.equal(policy.inputs.displayName, "CA010 - Register security info");
    assert.equal(policy.inputs.state, "enabled");
    assert.deepEqual(policy.inputs.conditions, {
      clientAppTypes: ["all"],
      applications: { includedUserActions: ["urn:user:registersecurityinfo"] },
      users: {
        includedUsers: ["All"],
        excludedUsers: [BREAK_GLASS_1, BREAK_GLASS_2],
        excludedGroups: [EXISTING_GROUP],
        excludedRoles: [GLOBAL_ADMINISTRATOR],
      },
      locations: { includedLocations: ["All"] },
    });
  });

  it("limits the group's membership rule to the group tag", () => {
    const group = findResource(run.resources, GROUP_TYPE, "onboarding-autopilot-group");
    assert.equal(group.inputs.displayName, "Autopilot - New hires");
    assert.deepEqual(group.inputs.dynamicMembership, {
      enabled: true,
      rule: '(device.devicePhysicalIds -any (_ -eq "[OrderID]:NewHires"))',
    });
    assert.equal(
      group.inputs.description,
      'Windows Autopilot devices with the group tag "NewHires"; receives the Web sign-in profile. Managed by passwordless-onboarding.',
    );
  });
});

describe("the program with an existing Autopilot group", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram({
      temporaryAccessPass: { includeGroupIds: [NEW_HIRES] },
      registrationPolicy: { breakGlassUserIds: [BREAK_GLASS_1] },
      autopilot: { existingGroupId: EXISTING_GROUP },
    });
  });

  it("declares no group", () => {
    assert.deepEqual(
      run.resources.filter((r) => r.type === GROUP_TYPE),
      [],
    );
  });

  it("exports the existing group's id as autopilotGroupId", () => {
    assert.equal(run.outputs.autopilotGroupId, EXISTING_GROUP);
  });

  it("still declares the registration policy", () => {
    findResource(run.resources, CA_POLICY_TYPE, "onboarding-registration-policy");
  });
});

describe("the program managing only the TAP policy", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram({
      temporaryAccessPass: { includeGroupIds: [NEW_HIRES], defaultLifetimeInMinutes: 240 },
      registrationPolicy: { manage: false },
      webSignIn: { manage: false },
    });
  });

  it("declares the component and the TAP policy, nothing else (no name guard, no azuread resource)", () => {
    assert.deepEqual(
      run.resources.map((r) => [r.type, r.name]),
      [
        [COMPONENT_TYPE, "onboarding"],
        [TAP_TYPE, "onboarding-tap-policy"],
      ],
    );
    const tap = findResource(run.resources, TAP_TYPE, "onboarding-tap-policy");
    assert.equal(tap.inputs.defaultLifetimeInMinutes, 240);
    assert.deepEqual(tap.inputs.includeTargets, [
      { id: NEW_HIRES, targetType: "group", isRegistrationRequired: false },
    ]);
  });

  it("exports the TAP policy's id and the summary; the other ids are undefined (Pulumi drops them)", () => {
    assert.deepEqual(
      Object.keys(run.outputs)
        .filter((key) => run.outputs[key] !== undefined)
        .sort(),
      ["summary", "temporaryAccessPassPolicyId"],
    );
    assert.equal(run.outputs.temporaryAccessPassPolicyId, TAP_POLICY_ID);
    assert.equal(
      run.outputs.summary,
      "TAP enabled for 1 group, one-time use off, 60-480 min (default 240); CA not managed here; " +
        "Web sign-in not managed here",
    );
  });
});

describe("the program leaving the registration policy to the tenant", () => {
  it("declares the Web sign-in objects and no Conditional Access guard or policy", async () => {
    const run = await runProgram({
      temporaryAccessPass: { includeGroupIds: [NEW_HIRES] },
      registrationPolicy: { manage: false },
    });
    assert.deepEqual(run.resources.map((r) => r.name).sort(), [
      "onboarding",
      "onboarding-autopilot-group",
      "onboarding-autopilot-group-guard",
      "onboarding-tap-policy",
      "onboarding-web-sign-in",
      "onboarding-web-sign-in-assignment",
    ]);
    assert.equal(run.outputs.registrationPolicyId, undefined);
    assert.equal(run.outputs.autopilotGroupId, mockGroupObjectId("onboarding-autopilot-group"));
  });
});

describe("the program with invalid configuration", () => {
  it("fails with every problem before declaring any resource", async () => {
    const declared: RecordedResource[] = [];
    await assert.rejects(
      runProgram(
        {
          temporaryAccessPass: { defaultLength: 4 },
          autopilot: { groupTag: 'a"b' },
        },
        { recordInto: declared },
      ),
      {
        name: "SettingsError",
        message: [
          "Invalid stack configuration (2 problems):",
          "  - passwordless-onboarding:temporaryAccessPass.defaultLength must be an integer between 8 and 48; got 4",
          '  - passwordless-onboarding:autopilot.groupTag may contain only letters, digits, spaces, "-", "_" and "."; got "a\\"b"',
        ].join("\n"),
      },
    );
    assert.deepEqual(declared, []);
  });
});
