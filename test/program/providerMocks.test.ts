/** The provider mocks runProgram uses answer in the real providers' shapes (ids, computed outputs). */
import { strict as assert } from "node:assert";
import {
  CONDITIONAL_ACCESS_POLICY_TYPE,
  CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
  GROUP_TYPE,
  MOCK_CALLER_OBJECT_ID,
  mockConditionalAccessPolicyId,
  mockConditionalAccessPolicyObjectId,
  mockGroupId,
  mockGroupObjectId,
  mockGuid,
  mockResource,
  mockSettingsCatalogPolicyId,
  SETTINGS_CATALOG_POLICY_TYPE,
  TAP_POLICY_ID,
  TAP_POLICY_TYPE,
} from "./providerMocks";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the provider mocks of the program tests", () => {
  it("derives the same GUID from the same seed, and different GUIDs from different seeds", () => {
    assert.match(mockGuid("a"), GUID);
    assert.equal(mockGuid("a"), mockGuid("a"));
    assert.notEqual(mockGuid("a"), mockGuid("b"));
    assert.notEqual(mockGroupObjectId("x"), mockConditionalAccessPolicyObjectId("x"));
  });

  it("gives an azuread.Group the id /groups/<guid>, the bare GUID as objectId and Read's defaults", () => {
    const { id, state } = mockResource({
      type: GROUP_TYPE,
      name: "g",
      custom: true,
      inputs: { displayName: "Autopilot devices", securityEnabled: true, types: ["DynamicMembership"] },
    });

    assert.equal(id, mockGroupId("g"));
    assert.equal(id, `/groups/${mockGroupObjectId("g")}`);
    assert.equal(state.objectId, mockGroupObjectId("g"));
    assert.match(String(state.mailNickname), /^[0-9a-f]{8}-[0-9a-f]$/);
    assert.deepEqual(state.owners, [MOCK_CALLER_OBJECT_ID]);
    assert.deepEqual(state.members, []);
    assert.equal(state.mail, "");
    assert.equal(state.description, "");
    assert.equal(state.mailEnabled, false);
    assert.equal(state.preventDuplicateNames, false);
    assert.deepEqual(state.proxyAddresses, []);
    assert.deepEqual(state.types, ["DynamicMembership"]);
  });

  it("keeps a given mailNickname, owners and preventDuplicateNames", () => {
    const { state } = mockResource({
      type: GROUP_TYPE,
      name: "g",
      custom: true,
      inputs: { displayName: "d", mailNickname: "nick", owners: ["o"], preventDuplicateNames: true },
    });
    assert.equal(state.mailNickname, "nick");
    assert.deepEqual(state.owners, ["o"]);
    assert.equal(state.preventDuplicateNames, true);
  });

  it("gives a Conditional Access policy the id /identity/conditionalAccess/policies/<guid>", () => {
    const { id, state } = mockResource({
      type: CONDITIONAL_ACCESS_POLICY_TYPE,
      name: "ca",
      custom: true,
      inputs: { displayName: "d" },
    });
    assert.equal(id, mockConditionalAccessPolicyId("ca"));
    assert.equal(id, `/identity/conditionalAccess/policies/${mockConditionalAccessPolicyObjectId("ca")}`);
    assert.equal(state.objectId, mockConditionalAccessPolicyObjectId("ca"));
  });

  it("uses an import id as the id, and its last segment as the objectId", () => {
    const existing = "/groups/7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01";
    const { id, state } = mockResource({
      type: GROUP_TYPE,
      name: "g",
      custom: true,
      inputs: {},
      id: existing,
    });
    assert.equal(id, existing);
    assert.equal(state.objectId, "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01");
  });

  it("gives the dynamic resources the ids their providers return", () => {
    assert.equal(
      mockResource({ type: TAP_POLICY_TYPE, name: "tap", custom: true, inputs: {} }).id,
      TAP_POLICY_ID,
    );
    const profile = mockResource({ type: SETTINGS_CATALOG_POLICY_TYPE, name: "p", custom: true, inputs: {} });
    assert.equal(profile.id, mockSettingsCatalogPolicyId("p"));
    assert.match(profile.id, GUID);
    const assignment = mockResource({
      type: CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
      name: "a",
      custom: true,
      inputs: { policyId: profile.id, assignments: [] },
    });
    assert.equal(assignment.id, profile.id);
  });

  it("fails on a custom resource type it has no mock for", () => {
    assert.throws(
      () => mockResource({ type: "azuread:index/user:User", name: "u", custom: true, inputs: {} }),
      {
        message: /runProgram has no mock for azuread:index\/user:User \(u\)/,
      },
    );
  });
});
