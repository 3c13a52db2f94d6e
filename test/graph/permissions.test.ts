import { strict as assert } from "node:assert";
import { requiredPermission } from "../../infra/graph/permissions";

describe("requiredPermission", () => {
  const cases: Array<[string, string, string | undefined]> = [
    [
      "GET",
      "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass",
      "Policy.Read.All",
    ],
    [
      "PATCH",
      "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/temporaryAccessPass",
      "Policy.ReadWrite.AuthenticationMethod",
    ],
    [
      "DELETE",
      "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass",
      "Policy.ReadWrite.AuthenticationMethod",
    ],
    ["GET", "/v1.0/identity/conditionalAccess/policies?$filter=displayName eq 'x'", "Policy.Read.All"],
    [
      "POST",
      "/v1.0/identity/conditionalAccess/policies",
      "Policy.ReadWrite.ConditionalAccess and Policy.Read.All",
    ],
    [
      "PATCH",
      "/v1.0/identity/conditionalAccess/policies/abc",
      "Policy.ReadWrite.ConditionalAccess and Policy.Read.All",
    ],
    [
      "GET",
      "/beta/deviceManagement/configurationPolicies/abc?$expand=settings",
      "DeviceManagementConfiguration.Read.All",
    ],
    ["POST", "/beta/deviceManagement/configurationPolicies", "DeviceManagementConfiguration.ReadWrite.All"],
    [
      "PUT",
      "/beta/deviceManagement/configurationPolicies/abc",
      "DeviceManagementConfiguration.ReadWrite.All",
    ],
    [
      "POST",
      "/beta/deviceManagement/configurationPolicies/abc/assign",
      "DeviceManagementConfiguration.ReadWrite.All",
    ],
    ["GET", "/v1.0/groups/abc", "GroupMember.Read.All"],
    ["POST", "/v1.0/groups", "Group.Create"],
    ["DELETE", "/v1.0/groups/abc", "Group.ReadWrite.All"],
    ["GET", "/v1.0/me", undefined],
  ];
  for (const [method, path, expected] of cases) {
    it(`needs ${expected ?? "nothing known"} for ${method} ${path}`, () => {
      assert.equal(requiredPermission(method, path), expected);
    });
  }
});
