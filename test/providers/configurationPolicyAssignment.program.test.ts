/**
 * The program (infra/index.ts) under Pulumi's mock runtime: the Web sign-in profile's assignment
 * targets the Autopilot device group, whether the stack creates it or names an existing one.
 */
import { strict as assert } from "node:assert";
import { mockGroupObjectId, mockSettingsCatalogPolicyId } from "../program/providerMocks";
import { findResource, loadStackConfig, runProgram } from "../program/runProgram";
import { runDevStack } from "./support/intuneProgramRuns";

const ASSIGNMENT_TYPE = "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment";
const COMPONENT_TYPE = "passwordless:onboarding:PasswordlessOnboarding";
const EXISTING_GROUP = "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01";

describe("the Web sign-in assignment declared by the program", function () {
  // A mock run serializes every dynamic provider: seconds each on a small machine.
  this.timeout(120_000);
  it("assigns the profile to the Autopilot group the stack creates", async () => {
    const run = await runDevStack();

    const assignment = findResource(run.resources, ASSIGNMENT_TYPE, "onboarding-web-sign-in-assignment");
    assert.deepEqual(assignment.parent, { type: COMPONENT_TYPE, name: "onboarding" });
    assert.equal(assignment.inputs.policyId, mockSettingsCatalogPolicyId("onboarding-web-sign-in"));
    // The group's object id (its `objectId` output), not its azuread id `/groups/<guid>`.
    assert.deepEqual(assignment.inputs.assignments, [
      { target: "group", groupId: mockGroupObjectId("onboarding-autopilot-group") },
    ]);
    assert.equal(typeof assignment.inputs.__provider, "string");
    assert.equal(assignment.inputs.providerVersion, "1", "set by the resource class");
  });

  it("assigns the profile to an existing group named by autopilot.existingGroupId", async () => {
    const config = loadStackConfig("Pulumi.dev.yaml");
    const run = await runProgram({
      ...config,
      "passwordless-onboarding:autopilot": {
        groupDisplayName: "Autopilot devices",
        existingGroupId: EXISTING_GROUP,
      },
    });

    const assignment = findResource(run.resources, ASSIGNMENT_TYPE, "onboarding-web-sign-in-assignment");
    assert.deepEqual(assignment.inputs.assignments, [{ target: "group", groupId: EXISTING_GROUP }]);
    assert.equal(
      run.resources.filter((r) => r.type === "azuread:index/group:Group").length,
      0,
      "no group is created when an existing one is named",
    );
  });
});
