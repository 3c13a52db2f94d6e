/**
 * A sandbox of several tenants behind one server, as a multi-tenant app registration sees Entra ID
 * and Graph: one origin, the same client id and secret everywhere, sign-in dispatched by the
 * tenant in the path and Graph by the token's `tid`, each tenant with its own state, service
 * principal, grant, faults and request log.
 */
import { strict as assert } from "node:assert";
import { ClientSecretCredential } from "@azure/identity";
import { startSandbox, startSandboxes, type Sandbox } from ".";
import { useSandboxesPerTest } from "./sandboxHooks";
import { accessToken, graphCaller } from "./testClient";

const TAP =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
const TAP_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";
const UNKNOWN_TENANT = "0badc0de-0000-4000-8000-00000000f00d";

interface ErrorBody {
  error: { code: string; message: string };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

const lines = (sandbox: Sandbox) => sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

describe("sandbox with several tenants (one server)", () => {
  let contoso: Sandbox;
  let fabrikam: Sandbox;
  useSandboxesPerTest(2, ([first, second]) => {
    contoso = first;
    fabrikam = second;
  });

  it("serves every tenant from one origin with one client id, secret and assertion, each its own tenant and service principal", async () => {
    assert.equal(fabrikam.graphEndpoint, contoso.graphEndpoint);
    assert.equal(fabrikam.authorityHost, contoso.authorityHost);
    assert.equal(fabrikam.clientId, contoso.clientId);
    assert.equal(fabrikam.clientSecret, contoso.clientSecret);
    assert.equal(fabrikam.oidcToken, contoso.oidcToken);
    assert.notEqual(fabrikam.tenantId, contoso.tenantId);
    assert.notEqual(fabrikam.servicePrincipalId, contoso.servicePrincipalId);
    assert.equal(fabrikam.env().ARM_TENANT_ID, fabrikam.tenantId);
    assert.equal(fabrikam.env().ARM_CLIENT_SECRET, contoso.clientSecret);

    // A group's owner must be a service principal of the tenant: fabrikam knows only its own.
    const graph = graphCaller(fabrikam, await accessToken(fabrikam));
    const group = (owner: string) =>
      graph("POST", "/v1.0/groups", {
        displayName: "Owned",
        mailEnabled: false,
        mailNickname: "owned",
        securityEnabled: true,
        "owners@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${owner}`],
      });
    assert.equal((await group(contoso.servicePrincipalId)).status, 404);
    const created = await group(fabrikam.servicePrincipalId);
    assert.equal(created.status, 201);
    assert.deepEqual(fabrikam.groupOwners(String((created.body as { id: string }).id)), [
      fabrikam.servicePrincipalId,
    ]);
    assert.deepEqual(contoso.groups(), []);
  });

  it("signs in to the tenant its path names: the token carries that tenant and its service principal, and only that tenant logs it", async () => {
    const credential = new ClientSecretCredential(
      fabrikam.tenantId,
      fabrikam.clientId,
      fabrikam.clientSecret,
      {
        authorityHost: fabrikam.authorityHost,
        disableInstanceDiscovery: true,
      },
    );
    const { token } = await credential.getToken("https://graph.microsoft.com/.default");
    const claims = claimsOf(token);
    assert.equal(claims.tid, fabrikam.tenantId);
    assert.equal(claims.oid, fabrikam.servicePrincipalId);
    assert.equal(claims.appid, fabrikam.clientId);
    assert.deepEqual(claims.roles, fabrikam.permissions());
    assert.deepEqual(lines(fabrikam), [
      `GET /${fabrikam.tenantId}/v2.0/.well-known/openid-configuration 200`,
      `POST /${fabrikam.tenantId}/oauth2/v2.0/token 200`,
    ]);
    assert.deepEqual(contoso.requests, []);
  });

  it("answers a Graph request in the tenant of its token's tid: only that tenant changes and logs it, with the caller's claims", async () => {
    const patch = { "@odata.type": TAP_TYPE, state: "enabled", defaultLifetimeInMinutes: 120 };
    const contosoTap = contoso.tap();
    const fabrikamToken = await accessToken(fabrikam);
    contoso.clearLog();
    fabrikam.clearLog();

    // The same origin: contoso's endpoint with fabrikam's token reaches fabrikam.
    const result = await graphCaller(contoso, fabrikamToken)("PATCH", TAP, patch);

    assert.equal(result.status, 204);
    assert.equal(fabrikam.tap().defaultLifetimeInMinutes, 120);
    assert.deepEqual(contoso.tap(), contosoTap);
    assert.deepEqual(contoso.requests, []);
    const [entry] = fabrikam.graphRequests();
    assert.deepEqual(
      { line: `${entry.method} ${entry.path} ${entry.status}`, caller: entry.caller, body: entry.body },
      {
        line: `PATCH ${TAP} 204`,
        caller: {
          tenantId: fabrikam.tenantId,
          objectId: fabrikam.servicePrincipalId,
          clientId: fabrikam.clientId,
        },
        body: patch,
      },
    );
  });

  it("answers a sign-in to a tenant it does not hold with Entra's AADSTS90002 from the first tenant", async () => {
    const response = await fetch(`${contoso.authorityHost}/${UNKNOWN_TENANT}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: contoso.clientId,
        client_secret: contoso.clientSecret,
        scope: "https://graph.microsoft.com/.default",
      }).toString(),
    });
    const body = (await response.json()) as { error: string; error_description: string };
    assert.equal(response.status, 400);
    assert.equal(body.error, "invalid_tenant");
    assert.ok(
      body.error_description.startsWith(
        `AADSTS90002: Tenant '${UNKNOWN_TENANT}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      ),
      body.error_description,
    );
    assert.deepEqual(lines(contoso), [`POST /${UNKNOWN_TENANT}/oauth2/v2.0/token 400`]);
    assert.deepEqual(fabrikam.requests, []);
  });

  it("lets the first tenant answer a Graph request without a token, or with a token of a tenant it does not hold, as one tenant does", async () => {
    const bare = await fetch(`${contoso.graphEndpoint}${TAP}`);
    assert.equal(bare.status, 401);
    assert.equal(((await bare.json()) as ErrorBody).error.message, "Access token is empty.");

    const elsewhere = await startSandbox();
    try {
      const foreign = await graphCaller(fabrikam, elsewhere.issueToken())("GET", TAP);
      assert.equal(foreign.status, 401);
      assert.equal(
        (foreign.body as ErrorBody).error.message,
        "Access token validation failure. Invalid tenant.",
      );
      assert.deepEqual(
        contoso.graphRequests().map((r) => [r.status, r.caller?.tenantId]),
        [
          [401, undefined],
          [401, elsewhere.tenantId],
        ],
      );
      assert.deepEqual(fabrikam.requests, []);
    } finally {
      await elsewhere.stop();
    }
  });

  it("keeps faults, grants and resets per tenant", async () => {
    const contosoGraph = graphCaller(contoso, await accessToken(contoso));
    const fabrikamGraph = graphCaller(fabrikam, await accessToken(fabrikam));
    const patch = { "@odata.type": TAP_TYPE, state: "enabled" };

    fabrikam.fault({ method: "PATCH", path: TAP, status: 503 });
    assert.equal((await contosoGraph("PATCH", TAP, patch)).status, 204);
    assert.deepEqual(fabrikam.pendingFaults(), [{ method: "PATCH", path: TAP, status: 503, times: 1 }]);
    assert.equal((await fabrikamGraph("PATCH", TAP, patch)).status, 503);

    contoso.revoke("Policy.ReadWrite.AuthenticationMethod");
    assert.equal((await contosoGraph("PATCH", TAP, patch)).status, 403);
    assert.equal((await fabrikamGraph("PATCH", TAP, patch)).status, 204);
    assert.ok(fabrikam.permissions().includes("Policy.ReadWrite.AuthenticationMethod"));

    const kept = fabrikam.addGroup({ displayName: "New hires" });
    contoso.addGroup({ displayName: "New hires" });
    contoso.resetTenant();
    assert.deepEqual(contoso.groups(), []);
    assert.deepEqual(contoso.requests, []);
    assert.deepEqual(
      fabrikam.groups().map((group) => group.id),
      [kept],
    );
    assert.equal(fabrikam.tap().state, "enabled");
    assert.equal(fabrikam.graphRequests().length, 2);
  });

  it("stops every tenant once, whichever is asked, and a second stop is safe", async () => {
    await Promise.all([fabrikam.stop(), contoso.stop()]);
    await fabrikam.stop();
    await assert.rejects(fetch(`${contoso.graphEndpoint}${TAP}`));
  });
});

describe("startSandboxes", () => {
  it("refuses a count that is not a positive integer", async () => {
    await assert.rejects(startSandboxes(0), {
      message: "startSandboxes: count must be a positive integer, got 0",
    });
  });
});
