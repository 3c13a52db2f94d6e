/**
 * The sandbox's answers to the reads preflight makes: authentication strengths, directory role
 * templates, the Web sign-in setting definition, What If (501 unless scripted), and the token's
 * roles following the grant.
 */
import { strict as assert } from "node:assert";
import type { Sandbox } from "./sandbox";
import { useSandboxPerSuite } from "./sandboxHooks";
import { accessToken, graphCaller } from "./testClient";

describe("sandbox: preflight reads", () => {
  let sandbox: Sandbox;
  useSandboxPerSuite((started) => {
    sandbox = started;
  });
  const call = async (method: string, path: string, body?: unknown) =>
    graphCaller(sandbox, await accessToken(sandbox))(method, path, body);

  it("lists the three built-in strengths with their ids and TAP modes, and adds a custom one", async () => {
    const list = await call("GET", "/v1.0/policies/authenticationStrengthPolicies");
    assert.equal(list.status, 200);
    const value = (
      list.body as {
        value: { id: string; displayName: string; allowedCombinations: string[]; policyType: string }[];
      }
    ).value;
    assert.deepEqual(
      value.map((strength) => [
        strength.id,
        strength.displayName,
        strength.allowedCombinations.includes("temporaryAccessPassMultiUse"),
      ]),
      [
        ["00000000-0000-0000-0000-000000000002", "Multifactor authentication", true],
        ["00000000-0000-0000-0000-000000000003", "Passwordless MFA", false],
        ["00000000-0000-0000-0000-000000000004", "Phishing resistant MFA", false],
      ],
    );
    const created = await call("POST", "/v1.0/policies/authenticationStrengthPolicies", {
      displayName: "Phishing-resistant or TAP",
      allowedCombinations: ["fido2", "windowsHelloForBusiness", "temporaryAccessPassOneTime"],
    });
    assert.equal(created.status, 201);
    const custom = await call(
      "GET",
      "/v1.0/policies/authenticationStrengthPolicies?$filter=policyType eq 'custom'",
    );
    assert.deepEqual(
      (custom.body as { value: { displayName: string }[] }).value.map((s) => s.displayName),
      ["Phishing-resistant or TAP"],
    );
    sandbox.resetTenant();
    const after = await call("GET", "/v1.0/policies/authenticationStrengthPolicies");
    assert.equal((after.body as { value: unknown[] }).value.length, 3);
  });

  it("serves role templates to RoleManagement.Read.Directory only, 404 for an unknown id", async () => {
    const denied = await call("GET", "/v1.0/directoryRoleTemplates/62e90394-69f5-4237-9190-012177145e10");
    assert.equal(denied.status, 403);
    sandbox.grant("RoleManagement.Read.Directory");
    try {
      const found = await call("GET", "/v1.0/directoryRoleTemplates/62e90394-69f5-4237-9190-012177145e10");
      assert.equal((found.body as { displayName: string }).displayName, "Global Administrator");
      const missing = await call("GET", "/v1.0/directoryRoleTemplates/0d3c5a4b-1111-4c2d-9e8f-7a6b5c4d3e2f");
      assert.equal(missing.status, 404);
      assert.equal((missing.body as { error: { code: string } }).error.code, "Request_ResourceNotFound");
    } finally {
      sandbox.revoke("RoleManagement.Read.Directory");
    }
  });

  it("serves the Enable Web Sign In definition under beta only", async () => {
    const id = "device_vendor_msft_policy_config_authentication_enablewebsignin";
    const found = await call("GET", `/beta/deviceManagement/configurationSettings/${id}`);
    assert.equal(found.status, 200);
    const body = found.body as { "@odata.type": string; options: { itemId: string }[] };
    assert.equal(
      body["@odata.type"],
      "#microsoft.graph.deviceManagementConfigurationChoiceSettingDefinition",
    );
    assert.deepEqual(
      body.options.map((option) => option.itemId),
      [`${id}_0`, `${id}_1`, `${id}_2`],
    );
    assert.equal((await call("GET", `/v1.0/deviceManagement/configurationSettings/${id}`)).status, 400);
    assert.equal((await call("GET", "/beta/deviceManagement/configurationSettings/nope")).status, 404);
  });

  it("checks What If requests, then answers 501 (not evaluated) unless a test scripts the answer", async () => {
    const request = {
      signInIdentity: {
        "@odata.type": "#microsoft.graph.userSignIn",
        userId: "15dc174b-f34c-4588-ac45-61d6e05dce93",
      },
      signInContext: {
        "@odata.type": "#microsoft.graph.userActionContext",
        userAction: "registerSecurityInformation",
      },
      signInConditions: {},
    };
    assert.equal((await call("POST", "/v1.0/identity/conditionalAccess/evaluate", request)).status, 501);
    const wrongAction = {
      ...request,
      signInContext: { ...request.signInContext, userAction: "urn:user:registersecurityinfo" },
    };
    assert.equal((await call("POST", "/v1.0/identity/conditionalAccess/evaluate", wrongAction)).status, 400);
    const { signInConditions: _conditions, ...missing } = request;
    assert.equal((await call("POST", "/v1.0/identity/conditionalAccess/evaluate", missing)).status, 400);
  });

  it("puts the granted permissions in the token's roles claim", async () => {
    sandbox.grant("User.Read.All");
    try {
      const token = await accessToken(sandbox);
      const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as {
        roles: string[];
      };
      assert.deepEqual([...claims.roles].sort(), sandbox.permissions());
      assert.ok(claims.roles.includes("User.Read.All"));
    } finally {
      sandbox.revoke("User.Read.All");
    }
  });
});
