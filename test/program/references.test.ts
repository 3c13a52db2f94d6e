/**
 * The program with groups and users named in the stack config: under Pulumi's mocks, the names are
 * looked up through azuread.getGroup / azuread.getUser (one call per distinct name, in preview too)
 * and reach the resources' inputs as object ids; a name the tenant lacks stops the program before
 * any resource, with every unresolved reference in one error.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import {
  CONDITIONAL_ACCESS_POLICY_TYPE,
  CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
  GET_GROUP_TOKEN,
  GET_USER_TOKEN,
  GROUP_TYPE,
  TAP_POLICY_TYPE,
  type MockDirectory,
} from "./providerMocks";
import { findResource, runProgram, type RecordedResource } from "./runProgram";

const NEW_HIRES = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01";
const LEAVERS = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d02";
const CONTRACTORS = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d03";
const AUTOPILOT_EU = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d04";
const BREAK_GLASS_1 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01";
const BREAK_GLASS_2 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a02";

const DIRECTORY: MockDirectory = {
  groups: [
    { displayName: "New hires", objectId: NEW_HIRES },
    { displayName: "Leavers", objectId: LEAVERS },
    { displayName: "Contractors", objectId: CONTRACTORS },
    {
      displayName: "Autopilot devices (EU)",
      objectId: AUTOPILOT_EU,
      rule: '(device.devicePhysicalIDs -any _ -contains "[ZTDId]")',
    },
    { displayName: "Twins", objectId: "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d05" },
    { displayName: "Twins", objectId: "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d06" },
  ],
  users: [{ userPrincipalName: "breakglass2@contoso.onmicrosoft.com", objectId: BREAK_GLASS_2 }],
};

const BY_NAME = {
  temporaryAccessPass: {
    includeGroupIds: [{ displayName: "New hires" }],
    excludeGroupIds: [{ displayName: "Leavers" }],
  },
  registrationPolicy: {
    state: "enabled",
    breakGlassUserIds: [{ userPrincipalName: "breakglass2@contoso.onmicrosoft.com" }, BREAK_GLASS_1],
    excludeGroupIds: [{ displayName: "Contractors" }, { displayName: "New hires" }],
  },
  autopilot: { existingGroupId: { displayName: "Autopilot devices (EU)" } },
};

for (const preview of [false, true]) {
  describe(`the program with groups and users named by display name and UPN (${preview ? "preview" : "up"})`, () => {
    let resources: RecordedResource[];
    let invokes: { token: string; inputs: Record<string, unknown> }[];
    let outputs: Record<string, unknown>;
    before(async () => {
      ({ resources, invokes, outputs } = await runProgram(BY_NAME, { directory: DIRECTORY, preview }));
    });

    it("looks each distinct name up once through the azuread data sources, with only its name", () => {
      assert.deepEqual(invokes.map((i) => `${i.token} ${JSON.stringify(i.inputs)}`).sort(), [
        `${GET_GROUP_TOKEN} {"displayName":"Autopilot devices (EU)"}`,
        `${GET_GROUP_TOKEN} {"displayName":"Contractors"}`,
        `${GET_GROUP_TOKEN} {"displayName":"Leavers"}`,
        `${GET_GROUP_TOKEN} {"displayName":"New hires"}`,
        `${GET_USER_TOKEN} {"userPrincipalName":"breakglass2@contoso.onmicrosoft.com"}`,
      ]);
    });

    it("targets the TAP policy at the groups' object ids", () => {
      const tap = findResource(resources, TAP_POLICY_TYPE, "onboarding-tap-policy");
      assert.deepEqual(tap.inputs.includeTargets, [
        { id: NEW_HIRES, targetType: "group", isRegistrationRequired: false },
      ]);
      assert.deepEqual(tap.inputs.excludeTargets, [{ id: LEAVERS, targetType: "group" }]);
    });

    it("excludes the users and groups from the Conditional Access policy by object id", () => {
      const policy = findResource(
        resources,
        CONDITIONAL_ACCESS_POLICY_TYPE,
        "onboarding-registration-policy",
      );
      const users = (policy.inputs.conditions as { users: Record<string, unknown> }).users;
      assert.deepEqual(users.excludedUsers, ["GuestsOrExternalUsers", BREAK_GLASS_1, BREAK_GLASS_2]);
      // Sorted, as every id list of a policy the stack creates (policies/registrationPolicy.ts).
      assert.deepEqual(users.excludedGroups, [NEW_HIRES, CONTRACTORS]);
    });

    it("assigns the Web sign-in profile to the existing group's object id and declares no group", () => {
      assert.deepEqual(
        resources.filter((r) => r.type === GROUP_TYPE),
        [],
      );
      const assignment = findResource(
        resources,
        CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
        "onboarding-web-sign-in-assignment",
      );
      assert.deepEqual(assignment.inputs.assignments, [{ target: "group", groupId: AUTOPILOT_EU }]);
      if (!preview) assert.equal(outputs.autopilotGroupId, AUTOPILOT_EU);
    });
  });
}

describe("the program with names the tenant cannot resolve", () => {
  it("stops before any resource with one error listing every unresolved reference", async () => {
    const declared: RecordedResource[] = [];
    await assert.rejects(
      runProgram(
        {
          temporaryAccessPass: { includeGroupIds: [{ displayName: "New hires" }, { displayName: "Gone" }] },
          registrationPolicy: {
            breakGlassUserIds: [BREAK_GLASS_1, { userPrincipalName: "x@contoso.com" }],
            excludeGroupIds: [{ displayName: "Twins" }],
          },
        },
        { directory: DIRECTORY, recordInto: declared },
      ),
      (error: unknown) => {
        assert.ok(error instanceof pulumi.RunError, `expected a RunError, got ${String(error)}`);
        assert.equal(error.name, "UnresolvedReferencesError");
        assert.equal(
          error.message,
          [
            "Cannot resolve the groups and users the stack config names (3 problems); no resource was declared:",
            `  - passwordless-onboarding:temporaryAccessPass.includeGroupIds[1]: no group with displayName "Gone" in this tenant (azuread.getGroup: [display_name] No group found matching specified filter (displayName eq 'Gone'))`,
            `  - passwordless-onboarding:registrationPolicy.breakGlassUserIds[1]: no user with userPrincipalName "x@contoso.com" in this tenant (azuread.getUser: [user_principal_name] User with UPN "x@contoso.com" was not found)`,
            `  - passwordless-onboarding:registrationPolicy.excludeGroupIds[0]: more than one group with displayName "Twins" in this tenant (azuread.getGroup: [display_name] More than one group found matching specified filter (displayName eq 'Twins')); give the object id of the one you mean instead of { displayName: "Twins" }`,
          ].join("\n"),
        );
        return true;
      },
    );
    assert.deepEqual(declared, []);
  });

  it("reports a bad config statically, before looking anything up", async () => {
    let invoked = 0;
    await assert.rejects(
      runProgram(
        {
          temporaryAccessPass: { includeGroupIds: [{ displayName: "New hires" }], defaultLength: 4 },
          registrationPolicy: { breakGlassUserIds: [{ upn: "x@contoso.com" }] },
        },
        {
          directory: {
            get groups() {
              invoked++;
              return [];
            },
          },
        },
      ),
      {
        name: "SettingsError",
        message: [
          "Invalid stack configuration (2 problems):",
          "  - passwordless-onboarding:temporaryAccessPass.defaultLength must be an integer between 8 and 48; got 4",
          "  - passwordless-onboarding:registrationPolicy.breakGlassUserIds[0].upn is not a known setting. Known settings: userPrincipalName",
        ].join("\n"),
      },
    );
    assert.equal(invoked, 0);
  });

  it("runs the guardrails on the resolved ids: a break-glass account named by UPN counts", async () => {
    // PO-CA-001 blocks an enforced policy without a break-glass account; it sees the resolved id.
    const run = await runProgram(
      {
        temporaryAccessPass: { includeGroupIds: [NEW_HIRES] },
        registrationPolicy: {
          state: "enabled",
          breakGlassUserIds: [{ userPrincipalName: "breakglass2@contoso.onmicrosoft.com" }],
        },
      },
      { directory: DIRECTORY },
    );
    findResource(run.resources, CONDITIONAL_ACCESS_POLICY_TYPE, "onboarding-registration-policy");
  });
});
