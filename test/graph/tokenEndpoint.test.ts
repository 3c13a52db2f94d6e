/**
 * The client credentials grant as the Graph client sends it (infra/graph/tokenEndpoint.ts,
 * clientCredentials.ts) against the sandbox's token endpoint, which answers as Entra does
 * (test/sandbox/login.ts): what is sent, which failures are retried, what an error says.
 */
import { strict as assert } from "node:assert";
import { clearCredentialCache } from "../../infra/graph/credentialCache";
import { isGraphRequestError } from "../../infra/graph/errors";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import { clientFor, rejection, TAP_PATH } from "./sandboxClient";

describe("the client credentials grant (sandbox token endpoint)", () => {
  let sandbox: Sandbox;
  let tokenPath: string;

  useSandboxPerSuite((started) => {
    sandbox = started;
    tokenPath = `/${started.tenantId}/oauth2/v2.0/token`;
  });
  beforeEach(() => clearCredentialCache());
  afterEach(() => clearCredentialCache());

  const logins = () => sandbox.requests.filter((entry) => entry.kind === "login");

  /** A valid token, got by a bare request, for answers the tests shape themselves. */
  async function freshToken(): Promise<string> {
    const response = await fetch(`${sandbox.authorityHost}${tokenPath}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: sandbox.clientId,
        client_secret: sandbox.clientSecret,
        scope: `${sandbox.graphEndpoint}/.default`,
        grant_type: "client_credentials",
      }).toString(),
    });
    const token = ((await response.json()) as { access_token: string }).access_token;
    sandbox.clearLog();
    return token;
  }

  it("sends one form POST with a client-request-id and the project's User-Agent", async () => {
    await clientFor(sandbox).get(TAP_PATH);
    const [login] = logins();
    assert.equal(logins().length, 1);
    assert.equal(login.method, "POST");
    assert.equal(login.path, tokenPath);
    assert.match(login.headers["content-type"] ?? "", /^application\/x-www-form-urlencoded/);
    assert.match(login.clientRequestId, /^[0-9a-f-]{36}$/);
    assert.match(login.headers["user-agent"] ?? "", /^passwordless-onboarding\//);
  });

  it("retries a 503 from the token endpoint, then uses the token", async () => {
    sandbox.fault({ method: "POST", path: tokenPath, status: 503 });
    await clientFor(sandbox).get(TAP_PATH);
    assert.deepEqual(
      logins().map((entry) => entry.status),
      [503, 200],
    );
    assert.deepEqual(
      sandbox.graphRequests().map((entry) => entry.status),
      [200],
    );
  });

  it("waits the Retry-After of a 429 (capped by the client's maxDelayMs)", async () => {
    sandbox.fault({ method: "POST", path: tokenPath, status: 429, retryAfter: "1" });
    const started = Date.now();
    await clientFor(sandbox, { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 150 } }).get(TAP_PATH);
    const waited = Date.now() - started;
    assert.ok(waited >= 140 && waited < 1000, `waited ${waited} ms`);
    assert.deepEqual(
      logins().map((entry) => entry.status),
      [429, 200],
    );
  });

  it("retries a connection reset before any answer", async () => {
    sandbox.fault({ method: "POST", path: tokenPath, reset: "before" });
    await clientFor(sandbox).get(TAP_PATH);
    assert.deepEqual(
      logins().map((entry) => entry.status),
      [0, 200],
    );
  });

  it("gives up after maxRetries, keeping Entra's last answer", async () => {
    sandbox.fault({ method: "POST", path: tokenPath, status: 503, times: 10 });
    const error = await rejection(
      clientFor(sandbox, { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } }).get(TAP_PATH),
    );
    assert.ok(isGraphRequestError(error));
    assert.equal(error.code, "TokenRequestFailed");
    assert.match(error.message, new RegExp(`${tokenPath.replace(/[/.]/g, "\\$&")} answered 503: `));
    assert.equal(logins().length, 3);
    assert.equal(sandbox.graphRequests().length, 0);
  });

  it("does not retry a refusal, and keeps Entra's error, AADSTS code and trace id", async () => {
    const wrongSecret = "wrong-Secret~value-5555555555";
    const error = await rejection(
      clientFor(sandbox, { env: { ...sandbox.env(), ARM_CLIENT_SECRET: wrongSecret } }).get(TAP_PATH),
    );
    assert.ok(isGraphRequestError(error));
    const [login] = logins();
    assert.equal(logins().length, 1);
    assert.equal(login.status, 401);
    assert.match(
      error.message,
      new RegExp(
        `\\(client secret from ARM_CLIENT_SECRET\\): ${sandbox.authorityHost.replace(/[/.]/g, "\\$&")}${tokenPath.replace(/[/.]/g, "\\$&")} answered 401: invalid_client: AADSTS7000215: .*Trace ID: ${login.requestId}`,
      ),
    );
    assert.ok(!error.message.includes(wrongSecret));
  });

  it("refuses a 200 answer without an access token, naming what is missing", async () => {
    sandbox.fault({ method: "POST", path: tokenPath, status: 200, body: { token_type: "Bearer" } });
    const error = await rejection(clientFor(sandbox).get(TAP_PATH));
    assert.ok(isGraphRequestError(error));
    assert.match(error.message, /answered 200 without an access_token and a numeric expires_in\)\.$/);
    assert.equal(sandbox.graphRequests().length, 0);
  });

  it("renews the token once Entra's refresh_in has passed, though it has not expired", async () => {
    const token = await freshToken();
    sandbox.fault({
      method: "POST",
      path: tokenPath,
      status: 200,
      body: { token_type: "Bearer", access_token: token, expires_in: 3599, refresh_in: 0.05 },
    });
    await clientFor(sandbox).get(TAP_PATH);
    await clientFor(sandbox).get(TAP_PATH);
    assert.equal(logins().length, 1, "reused before refresh_in");
    await new Promise((resolve) => setTimeout(resolve, 80));
    await clientFor(sandbox).get(TAP_PATH);
    assert.equal(logins().length, 2, "renewed after refresh_in");
    assert.ok(sandbox.graphRequests().every((entry) => entry.status === 200));
  });
});
