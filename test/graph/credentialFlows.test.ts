import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENTRA_FEDERATION_AUDIENCE } from "../../infra/graph/githubActionsToken";
import { startSandbox, type Sandbox } from "../sandbox";
import { startIdTokenService } from "./idTokenService";
import { clientFor, TAP_PATH } from "./sandboxClient";

function oidcEnv(sandbox: Sandbox, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { ...sandbox.env(), ARM_USE_OIDC: "true", ...extra };
  delete env.ARM_CLIENT_SECRET;
  return env;
}

function tokenRequests(sandbox: Sandbox) {
  return sandbox.requests.filter((entry) => entry.kind === "login" && entry.method === "POST");
}

describe("credential flows against the sandbox's token endpoint", () => {
  let sandbox: Sandbox;
  let dir: string;

  before(async () => {
    // Short-lived tokens make every Graph request fetch a new one, as a long run eventually does.
    sandbox = await startSandbox({ tokenLifetimeSeconds: 30 });
    dir = mkdtempSync(join(tmpdir(), "graph-oidc-"));
  });
  after(async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => sandbox.clearLog());

  it("signs in with ARM_OIDC_TOKEN as a client assertion", async () => {
    const client = clientFor(sandbox, { env: oidcEnv(sandbox, { ARM_OIDC_TOKEN: sandbox.oidcToken }) });
    await client.get(TAP_PATH);
    const [login] = tokenRequests(sandbox);
    assert.equal(login.form?.client_assertion_type, "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    assert.equal(login.form?.client_secret, undefined);
  });

  it("re-reads ARM_OIDC_TOKEN_FILE_PATH on every token request", async () => {
    const file = join(dir, "token");
    writeFileSync(file, `${sandbox.oidcToken}\n`);
    const client = clientFor(sandbox, { env: oidcEnv(sandbox, { ARM_OIDC_TOKEN_FILE_PATH: file }) });
    await client.get(TAP_PATH);
    writeFileSync(file, "rotated-but-invalid-token");
    const error = await client.get(TAP_PATH).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    assert.ok(error, "the rotated file was read for the second token");
    assert.match(error.message, /TokenRequestFailed/);
    assert.ok(!error.message.includes("rotated-but-invalid-token"));
  });

  it("asks GitHub Actions for an id token with Entra's audience, and reuses it for later token requests", async () => {
    const requestToken = "gh-request-token-0123456789";
    const service = await startIdTokenService(requestToken, () => sandbox.oidcToken);
    try {
      const client = clientFor(sandbox, {
        env: oidcEnv(sandbox, {
          ACTIONS_ID_TOKEN_REQUEST_URL: service.url,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
        }),
      });
      await client.get(TAP_PATH);
      await client.get(TAP_PATH);
      const logins = tokenRequests(sandbox).length;
      assert.ok(logins >= 2, `expected a token per request with 30 s tokens, got ${logins}`);
      // MSAL asks for the assertion more than once per token request; the id token (valid for hours
      // here) is fetched once.
      assert.equal(service.requests.length, 1);
      for (const request of service.requests) {
        const url = new URL(request.url ?? "", "http://127.0.0.1");
        assert.equal(url.searchParams.get("audience"), ENTRA_FEDERATION_AUDIENCE);
        assert.equal(url.searchParams.get("api-version"), "2.0");
      }
    } finally {
      await service.stop();
    }
  });

  it("reports a refused GitHub request token without revealing it", async () => {
    const service = await startIdTokenService("the-right-token", () => sandbox.oidcToken);
    try {
      const client = clientFor(sandbox, {
        env: oidcEnv(sandbox, {
          ACTIONS_ID_TOKEN_REQUEST_URL: service.url,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: "a-wrong-request-token",
        }),
      });
      const error = await client.get(TAP_PATH).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      assert.ok(error);
      assert.match(error.message, /The GitHub Actions OIDC token service answered 401/);
      assert.match(error.message, /id-token: write/);
      assert.ok(!error.message.includes("a-wrong-request-token"));
      assert.equal(sandbox.graphRequests().length, 0);
    } finally {
      await service.stop();
    }
  });
});
