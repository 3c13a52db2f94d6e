import { strict as assert } from "node:assert";
import { ClientAssertionCredential, ClientSecretCredential } from "@azure/identity";
import type { Sandbox } from ".";
import { useSandboxPerTest } from "./sandboxHooks";
import { requestToken } from "./testClient";

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

describe("sandbox login (Entra token endpoint)", () => {
  let sandbox: Sandbox;
  useSandboxPerTest((started) => {
    sandbox = started;
  });

  it("gives @azure/identity's ClientSecretCredential a token whose roles are the granted permissions", async () => {
    const credential = new ClientSecretCredential(sandbox.tenantId, sandbox.clientId, sandbox.clientSecret, {
      authorityHost: sandbox.authorityHost,
      disableInstanceDiscovery: true,
    });
    const token = await credential.getToken("https://graph.microsoft.com/.default");
    const claims = decodeClaims(token.token);
    assert.deepEqual(claims.roles, sandbox.permissions());
    assert.equal(claims.tid, sandbox.tenantId);
    assert.equal(claims.appid, sandbox.clientId);
    assert.equal(claims.aud, "https://graph.microsoft.com");
    assert.ok(token.expiresOnTimestamp > Date.now() + 3000 * 1000);
    const paths = sandbox.requests.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(paths, [
      `GET /${sandbox.tenantId}/v2.0/.well-known/openid-configuration`,
      `POST /${sandbox.tenantId}/oauth2/v2.0/token`,
    ]);
    const tokenRequest = sandbox.requests[1];
    assert.equal(tokenRequest.kind, "login");
    assert.equal(tokenRequest.form?.client_secret, "<redacted>");
    assert.equal(tokenRequest.form?.scope, "https://graph.microsoft.com/.default");
    assert.ok(
      !JSON.stringify(sandbox.requests).includes(sandbox.clientSecret),
      "the secret never lands in the log",
    );
  });

  it("names the client's service principal (not the application) in the token's oid and sub claims", async () => {
    const result = await requestToken(sandbox);
    const claims = decodeClaims((result.body as { access_token: string }).access_token);
    assert.match(sandbox.servicePrincipalId, /^[0-9a-f-]{36}$/);
    assert.notEqual(sandbox.servicePrincipalId, sandbox.clientId);
    assert.equal(claims.oid, sandbox.servicePrincipalId);
    assert.equal(claims.sub, sandbox.servicePrincipalId);
    assert.equal(claims.appid, sandbox.clientId);
    assert.equal(decodeClaims(sandbox.issueToken()).oid, sandbox.servicePrincipalId);
  });

  it("accepts the configured OIDC token as a client assertion (ClientAssertionCredential)", async () => {
    const credential = new ClientAssertionCredential(
      sandbox.tenantId,
      sandbox.clientId,
      () => Promise.resolve(sandbox.oidcToken),
      {
        authorityHost: sandbox.authorityHost,
        disableInstanceDiscovery: true,
      },
    );
    const token = await credential.getToken("https://graph.microsoft.com/.default");
    assert.deepEqual(decodeClaims(token.token).roles, sandbox.permissions());
    assert.equal(sandbox.requests[1].form?.client_assertion, "<redacted>");
  });

  it("refuses another assertion with AADSTS70021", async () => {
    const result = await requestToken(sandbox, {
      client_secret: "",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: "eyJhbGciOiJub25lIn0.e30.",
    });
    assert.equal(result.status, 400);
    const body = result.body as Record<string, unknown>;
    assert.equal(body.error, "invalid_client");
    assert.deepEqual(body.error_codes, [70021]);
    assert.match(
      String(body.error_description),
      /^AADSTS70021: No matching federated identity record found for presented assertion\./,
    );
  });

  it("refuses a wrong client secret with 401 AADSTS7000215, and @azure/identity reports it", async () => {
    const result = await requestToken(sandbox, { client_secret: "wrong" });
    assert.equal(result.status, 401);
    const body = result.body as Record<string, unknown>;
    assert.equal(body.error, "invalid_client");
    assert.deepEqual(body.error_codes, [7000215]);
    assert.ok(
      typeof body.trace_id === "string" &&
        typeof body.correlation_id === "string" &&
        typeof body.timestamp === "string",
    );

    const credential = new ClientSecretCredential(sandbox.tenantId, sandbox.clientId, "wrong", {
      authorityHost: sandbox.authorityHost,
      disableInstanceDiscovery: true,
    });
    await assert.rejects(credential.getToken("https://graph.microsoft.com/.default"), /AADSTS7000215/);
  });

  it("refuses an unknown client, an unknown tenant and a scope without /.default", async () => {
    const unknownClient = await requestToken(sandbox, { client_id: "00000000-0000-0000-0000-000000000001" });
    assert.equal(unknownClient.status, 400);
    assert.deepEqual((unknownClient.body as Record<string, unknown>).error_codes, [700016]);

    const wrongTenant = await fetch(
      `${sandbox.authorityHost}/00000000-0000-0000-0000-000000000002/oauth2/v2.0/token`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      },
    );
    assert.equal(wrongTenant.status, 400);
    assert.deepEqual(((await wrongTenant.json()) as Record<string, unknown>).error_codes, [90002]);

    const badScope = await requestToken(sandbox, { scope: "User.Read" });
    assert.equal(badScope.status, 400);
    assert.equal((badScope.body as Record<string, unknown>).error, "invalid_scope");
  });

  it("issues the next token with the grant as it is then (revoke and grant)", async () => {
    sandbox.revoke("Group.ReadWrite.All");
    const first = await requestToken(sandbox);
    assert.ok(
      !(decodeClaims((first.body as { access_token: string }).access_token).roles as string[]).includes(
        "Group.ReadWrite.All",
      ),
    );
    sandbox.grant("Group.ReadWrite.All", "Group.Create");
    const second = await requestToken(sandbox);
    const roles = decodeClaims((second.body as { access_token: string }).access_token).roles as string[];
    assert.ok(roles.includes("Group.ReadWrite.All") && roles.includes("Group.Create"));
  });

  it("publishes OpenID metadata whose issuer is on the authority host, and the signing key", async () => {
    const response = await fetch(
      `${sandbox.authorityHost}/${sandbox.tenantId}/v2.0/.well-known/openid-configuration`,
    );
    const metadata = (await response.json()) as Record<string, string>;
    assert.equal(metadata.issuer, `${sandbox.authorityHost}/${sandbox.tenantId}/v2.0`);
    assert.equal(metadata.token_endpoint, `${sandbox.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`);
    const keys = (await (await fetch(metadata.jwks_uri)).json()) as { keys: { kty: string }[] };
    assert.equal(keys.keys[0].kty, "RSA");
  });
});
