/** The provider mocks runProgram uses answer in the real providers' shapes (ids, computed outputs). */
import { strict as assert } from "node:assert";
import {
  CONDITIONAL_ACCESS_POLICY_TYPE,
  CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
  DISPLAY_NAME_GUARD_TYPE,
  GET_GROUP_TOKEN,
  GET_USER_TOKEN,
  GROUP_TYPE,
  MOCK_CALLER_OBJECT_ID,
  mockConditionalAccessPolicyId,
  mockConditionalAccessPolicyObjectId,
  mockGroupId,
  mockGroupObjectId,
  mockGuid,
  mockInvoke,
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

  it("gives a DisplayNameGuard the id display-name-guard:<objectType> and its inputs as state", () => {
    const inputs = { objectType: "group", displayName: "Autopilot devices", adopt: false };
    assert.deepEqual(mockResource({ type: DISPLAY_NAME_GUARD_TYPE, name: "g", custom: true, inputs }), {
      id: "display-name-guard:group",
      state: inputs,
    });
  });
});

describe("the data-source mocks of the program tests", () => {
  const GROUP = "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01";
  const USER = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01";
  const directory = {
    groups: [
      { displayName: "Sales", objectId: GROUP },
      { displayName: "Twins", objectId: mockGuid("t1") },
      { displayName: "Twins", objectId: mockGuid("t2") },
    ],
    users: [{ userPrincipalName: "Alice@contoso.com", objectId: USER }],
  };

  it("answers getGroup with the id path, the bare objectId, the echoed arguments and the data source's lists", () => {
    const result = mockInvoke(GET_GROUP_TOKEN, { displayName: "Sales" }, directory);
    assert.equal(result.id, `/groups/${GROUP}`);
    assert.equal(result.objectId, GROUP);
    assert.equal(result.displayName, "Sales");
    assert.equal(result.includeTransitiveMembers, false);
    assert.deepEqual(result.dynamicMemberships, []);
    assert.deepEqual(result.members, []);
  });

  it("answers getUser with the id path and the bare objectId, the UPN matched without regard to case", () => {
    const result = mockInvoke(GET_USER_TOKEN, { userPrincipalName: "alice@contoso.com" }, directory);
    assert.equal(result.id, `/users/${USER}`);
    assert.equal(result.objectId, USER);
    assert.equal(result.userPrincipalName, "Alice@contoso.com");
  });

  it("fails as the provider does, with its diagnostic in the invoke error's details", () => {
    assert.throws(() => mockInvoke(GET_GROUP_TOKEN, { displayName: "Gone" }, directory), {
      message:
        "invocation of azuread:index/getGroup:getGroup returned an error: invoking azuread:index/getGroup:getGroup: " +
        "1 error occurred:\n\t* [display_name] No group found matching specified filter (displayName eq 'Gone')\n\n",
    });
    assert.throws(() => mockInvoke(GET_GROUP_TOKEN, { displayName: "Twins" }, directory), {
      message:
        /\[display_name\] More than one group found matching specified filter \(displayName eq 'Twins'\)/,
    });
    assert.throws(() => mockInvoke(GET_USER_TOKEN, { userPrincipalName: "x@contoso.com" }, directory), {
      message: /\* \[user_principal_name\] User with UPN "x@contoso.com" was not found/,
    });
  });

  it("fails on a function it has no mock for", () => {
    assert.throws(() => mockInvoke("azuread:index/getClientConfig:getClientConfig", {}), {
      message: /runProgram has no mock for the function azuread:index\/getClientConfig:getClientConfig/,
    });
  });
});
