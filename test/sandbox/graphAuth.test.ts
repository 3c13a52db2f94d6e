import { strict as assert } from "node:assert";
import { startSandbox, Sandbox } from ".";
import { useSandboxPerTest } from "./sandboxHooks";
import { accessToken, graphCaller } from "./testClient";

const TAP =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";

interface ErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}

describe("sandbox Graph authentication and authorisation", () => {
  let sandbox: Sandbox;
  useSandboxPerTest((started) => {
    sandbox = started;
  });

  it("answers 401 InvalidAuthenticationToken without a bearer token, with request-id headers and innerError", async () => {
    const response = await fetch(`${sandbox.graphEndpoint}${TAP}`, {
      headers: { "client-request-id": "c0ffee00-0000-4000-8000-000000000001" },
    });
    assert.equal(response.status, 401);
    const body = (await response.json()) as ErrorBody;
    assert.equal(body.error.code, "InvalidAuthenticationToken");
    assert.equal(body.error.message, "Access token is empty.");
    const requestId = response.headers.get("request-id");
    assert.match(requestId ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(response.headers.get("client-request-id"), "c0ffee00-0000-4000-8000-000000000001");
    assert.equal(body.error.innerError["request-id"], requestId);
    assert.equal(body.error.innerError["client-request-id"], "c0ffee00-0000-4000-8000-000000000001");
    assert.match(body.error.innerError.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer /);
  });

  it("refuses an expired token and a token with a forged signature", async () => {
    const expired = await graphCaller(sandbox, sandbox.issueToken({ lifetimeSeconds: -60 }))("GET", TAP);
    assert.equal(expired.status, 401);
    assert.equal(
      (expired.body as ErrorBody).error.message,
      "Lifetime validation failed, the token is expired.",
    );

    const token = await accessToken(sandbox);
    const [header, payload] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...claims, roles: ["Directory.ReadWrite.All"] }),
    ).toString("base64url");
    const forged = await graphCaller(sandbox, `${header}.${forgedPayload}.${token.split(".")[2]}`)(
      "GET",
      TAP,
    );
    assert.equal(forged.status, 401);
    assert.equal(
      (forged.body as ErrorBody).error.message,
      "Access token validation failure. Invalid signature.",
    );
  });

  it("refuses a token another sandbox issued (other tenant)", async () => {
    const other = await startSandbox();
    try {
      const result = await graphCaller(sandbox, other.issueToken())("GET", TAP);
      assert.equal(result.status, 401);
      assert.equal((result.body as ErrorBody).error.code, "InvalidAuthenticationToken");
    } finally {
      await other.stop();
    }
  });

  it("answers 403 Authorization_RequestDenied once the permission is revoked, even for a token issued before", async () => {
    const graph = graphCaller(sandbox, await accessToken(sandbox));
    sandbox.revoke("Policy.ReadWrite.AuthenticationMethod");
    const result = await graph("PATCH", TAP, {
      "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
      state: "enabled",
    });
    assert.equal(result.status, 403);
    const body = result.body as ErrorBody;
    assert.equal(body.error.code, "Authorization_RequestDenied");
    assert.equal(body.error.message, "Insufficient privileges to complete the operation.");
    assert.equal(body.error.innerError["request-id"], result.headers.get("request-id"));
    assert.equal(sandbox.tap().state, "disabled", "a refused PATCH changes nothing");
    // Reads accept the read permission as well as the write one.
    assert.equal((await graph("GET", TAP)).status, 200);
    sandbox.revoke("Policy.Read.All");
    assert.equal((await graph("GET", TAP)).status, 403);
  });

  it("needs both Policy.ReadWrite.ConditionalAccess and Policy.Read.All to write Conditional Access", async () => {
    sandbox.revoke("Policy.Read.All");
    const graph = graphCaller(sandbox, await accessToken(sandbox));
    const result = await graph(
      "DELETE",
      "/v1.0/identity/conditionalAccess/policies/00000000-0000-4000-8000-000000000001",
    );
    assert.equal(result.status, 403);
    // ...while Policy.ReadWrite.ConditionalAccess alone still reads.
    assert.equal((await graph("GET", "/v1.0/identity/conditionalAccess/policies")).status, 200);
  });

  it("setPermissions replaces the whole grant: nothing else stays, even for a token issued before", async () => {
    const graph = graphCaller(sandbox, await accessToken(sandbox));
    sandbox.setPermissions("DeviceManagementConfiguration.Read.All");
    assert.deepEqual(sandbox.permissions(), ["DeviceManagementConfiguration.Read.All"]);
    assert.equal((await graph("GET", "/beta/deviceManagement/configurationPolicies")).status, 200);
    assert.equal((await graph("GET", TAP)).status, 403, "Policy.Read.All of the default grant is gone");
    sandbox.setPermissions();
    assert.deepEqual(sandbox.permissions(), []);
    assert.equal((await graph("GET", "/beta/deviceManagement/configurationPolicies")).status, 403);
  });

  it("enforces DeviceManagementConfiguration.ReadWrite.All for settings-catalog writes, Read.All for reads", async () => {
    sandbox.revoke("DeviceManagementConfiguration.ReadWrite.All");
    sandbox.grant("DeviceManagementConfiguration.Read.All");
    const graph = graphCaller(sandbox, await accessToken(sandbox));
    assert.equal((await graph("GET", "/beta/deviceManagement/configurationPolicies")).status, 200);
    assert.equal((await graph("POST", "/beta/deviceManagement/configurationPolicies", {})).status, 403);
  });
});
