import { strict as assert } from "node:assert";
import type { Sandbox } from ".";
import { useSandboxAndCallerPerTest } from "./sandboxHooks";
import { accessToken, type GraphCaller } from "./testClient";

const TAP =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
const TAP_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";

/** Polls `condition` every 5 ms until it holds; fails after `withinMs`. */
async function waitFor(condition: () => boolean, withinMs: number): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (!condition()) {
    if (performance.now() > deadline) assert.fail(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface ErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}

describe("sandbox fault injection and request log", () => {
  let sandbox: Sandbox;
  let graph: GraphCaller;
  useSandboxAndCallerPerTest((started, caller) => {
    sandbox = started;
    graph = caller;
  });
  beforeEach(() => sandbox.clearLog());

  it("answers 429 with Retry-After and a Graph-shaped body, `times` times, without applying the request", async () => {
    sandbox.fault({ method: "PATCH", path: TAP, status: 429, retryAfter: "2", times: 2 });
    const patch = { "@odata.type": TAP_TYPE, state: "enabled" };
    for (let i = 0; i < 2; i++) {
      const result = await graph("PATCH", TAP, patch);
      assert.equal(result.status, 429);
      assert.equal(result.headers.get("retry-after"), "2");
      const body = result.body as ErrorBody;
      assert.equal(body.error.code, "TooManyRequests");
      assert.equal(body.error.innerError["request-id"], result.headers.get("request-id"));
      assert.equal(sandbox.tap().state, "disabled");
    }
    assert.equal((await graph("PATCH", TAP, patch)).status, 204);
    assert.equal(sandbox.tap().state, "enabled");
    assert.deepEqual(
      sandbox.graphRequests().map((r) => [r.status, r.fault]),
      [
        [429, "status"],
        [429, "status"],
        [204, undefined],
      ],
    );
    assert.deepEqual(sandbox.pendingFaults(), []);
  });

  it("lets `skip` matching requests through before firing, and other faults see the skipped ones", async () => {
    sandbox.fault({ method: "GET", path: TAP, status: 503, skip: 2 });
    sandbox.fault({ method: "GET", path: TAP, status: 429 });
    assert.deepEqual(sandbox.pendingFaults(), [
      { method: "GET", path: TAP, status: 503, times: 1, skip: 2 },
      { method: "GET", path: TAP, status: 429, times: 1 },
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await graph("GET", TAP)).status);
    assert.deepEqual(statuses, [429, 200, 503, 200]);
    assert.deepEqual(sandbox.pendingFaults(), []);
  });

  it("answers 429 without Retry-After (as Conditional Access does) and 503/504 with Graph codes", async () => {
    sandbox.fault({ path: /conditionalAccess/, status: 429 });
    sandbox.fault({ path: TAP, status: 503 });
    sandbox.fault({ path: TAP, status: 504 });
    const ca = await graph("GET", "/v1.0/identity/conditionalAccess/policies");
    assert.equal(ca.status, 429);
    assert.equal(ca.headers.get("retry-after"), null);
    assert.equal((await graph("GET", TAP)).status, 503);
    const timeout = await graph("GET", TAP);
    assert.equal(timeout.status, 504);
    assert.equal((timeout.body as ErrorBody).error.code, "GatewayTimeout");
    assert.equal((await graph("GET", TAP)).status, 200);
  });

  it("answers a fault with the body it was given", async () => {
    sandbox.fault({
      method: "GET",
      path: TAP,
      status: 400,
      body: { error: { code: "custom", message: "given" } },
    });
    const result = await graph("GET", TAP);
    assert.deepEqual(result.body, { error: { code: "custom", message: "given" } });
  });

  it("matches faults in order, only on their method and exact path", async () => {
    sandbox.fault({ method: "DELETE", path: TAP, status: 500 });
    sandbox.fault({ path: "/v1.0/groups", status: 503 });
    assert.equal((await graph("GET", TAP)).status, 200, "method does not match");
    assert.equal((await graph("GET", "/v1.0/groups/x")).status, 404, "a string path must be equal");
    assert.equal(
      (await graph("GET", "/v1.0/groups?$top=1")).status,
      503,
      "the query is not part of the path",
    );
    assert.equal((await graph("DELETE", TAP)).status, 500);
    sandbox.fault({ status: 503 });
    sandbox.clearFaults();
    assert.equal((await graph("GET", TAP)).status, 200);
  });

  it("resets the connection before applying the request", async () => {
    sandbox.fault({ method: "PATCH", path: TAP, reset: "before" });
    await assert.rejects(graph("PATCH", TAP, { "@odata.type": TAP_TYPE, state: "enabled" }), TypeError);
    assert.equal(sandbox.tap().state, "disabled");
    const [entry] = sandbox.graphRequests();
    assert.equal(entry.status, 0);
    assert.equal(entry.fault, "reset-before");
  });

  it("resets the connection after applying the request (the client never learns it succeeded)", async () => {
    sandbox.fault({ method: "POST", path: "/v1.0/groups", reset: "after" });
    await assert.rejects(
      graph("POST", "/v1.0/groups", {
        displayName: "Autopilot devices",
        mailEnabled: false,
        mailNickname: "ap",
        securityEnabled: true,
      }),
      TypeError,
    );
    assert.equal(sandbox.groups().length, 1, "the group was created");
    const [entry] = sandbox.graphRequests();
    assert.equal(entry.status, 201);
    assert.equal(entry.fault, "reset-after");
  });

  it("answers slowly with delayMs, then normally", async () => {
    sandbox.fault({ path: TAP, delayMs: 80 });
    const started = Date.now();
    const result = await graph("GET", TAP);
    assert.equal(result.status, 200);
    assert.ok(Date.now() - started >= 75, `took ${Date.now() - started} ms`);
    assert.equal(sandbox.graphRequests()[0].fault, "delay");
  });

  it("with latencyMs applies the request on arrival and answers latencyMs after it", async () => {
    sandbox.fault({ method: "PATCH", path: TAP, latencyMs: 250 });
    const started = performance.now();
    const patched = graph("PATCH", TAP, { "@odata.type": TAP_TYPE, state: "enabled" });
    // Graph's own time is part of a real round trip: the change is made while the answer travels.
    await waitFor(() => sandbox.tap().state === "enabled", 200);
    assert.ok(performance.now() - started < 200, "applied before the answer");
    const result = await patched;
    const elapsed = performance.now() - started;
    assert.equal(result.status, 204);
    assert.ok(elapsed >= 245, `answered after ${elapsed.toFixed(1)} ms`);
    const [entry] = sandbox.graphRequests();
    assert.equal(entry.fault, "latency");
    assert.equal(entry.status, 204);
  });

  it("with latencyMs and a status answers the status latencyMs after arrival, not applied", async () => {
    sandbox.fault({ method: "PATCH", path: TAP, latencyMs: 80, status: 429, retryAfter: "1" });
    const started = performance.now();
    const result = await graph("PATCH", TAP, { "@odata.type": TAP_TYPE, state: "enabled" });
    assert.equal(result.status, 429);
    assert.ok(performance.now() - started >= 75);
    assert.equal(sandbox.tap().state, "disabled");
    assert.equal(sandbox.graphRequests()[0].fault, "status");
  });

  it("with delayMs waits before applying the request (applied after a client gave up)", async () => {
    sandbox.fault({ method: "PATCH", path: TAP, delayMs: 150 });
    const patched = graph("PATCH", TAP, { "@odata.type": TAP_TYPE, state: "enabled" });
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(sandbox.tap().state, "disabled", "not applied during the delay");
    assert.equal((await patched).status, 204);
    assert.equal(sandbox.tap().state, "enabled");
  });

  it("lets a client time out on a slow answer (AbortSignal)", async () => {
    sandbox.fault({ path: TAP, delayMs: 300 });
    await assert.rejects(
      fetch(`${sandbox.graphEndpoint}${TAP}`, {
        headers: { authorization: `Bearer ${sandbox.issueToken()}` },
        signal: AbortSignal.timeout(30),
      }),
      (error: Error) => error.name === "TimeoutError",
    );
  });

  it("applies faults to login requests too, answering in the OAuth error shape", async () => {
    sandbox.fault({ method: "POST", path: `/${sandbox.tenantId}/oauth2/v2.0/token`, status: 503 });
    await assert.rejects(
      accessToken(sandbox),
      /token endpoint answered 503: \{"error":"temporarily_unavailable"/,
    );
    assert.equal(sandbox.requests[0].kind, "login");
    assert.equal(sandbox.requests[0].fault, "status");
  });

  it("refuses a fault that could never fire, naming the problem", () => {
    assert.throws(
      () => sandbox.fault({ path: TAP }),
      /give at least one of status, reset, delayMs or latencyMs/,
    );
    assert.throws(
      () => sandbox.fault({ status: 429, reset: "after" }),
      /reset and status cannot be combined/,
    );
    assert.throws(() => sandbox.fault({ status: 429, times: 0 }), /times must be a positive integer, got 0/);
    assert.throws(() => sandbox.fault({ latencyMs: -1 }), /latencyMs must be a non-negative number, got -1/);
  });

  it("logs every request with method, path, decoded query, status and parsed body", async () => {
    await graph("GET", `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'A'")}`);
    await graph(
      "PATCH",
      TAP,
      { "@odata.type": TAP_TYPE, isUsableOnce: true },
      { "client-request-id": "11111111-2222-4333-8444-555555555555" },
    );
    const [list, patch] = sandbox.requests;
    assert.deepEqual(
      {
        kind: list.kind,
        method: list.method,
        path: list.path,
        query: list.query,
        status: list.status,
        body: list.body,
      },
      {
        kind: "graph",
        method: "GET",
        path: "/v1.0/groups",
        query: { $filter: "displayName eq 'A'" },
        status: 200,
        body: undefined,
      },
    );
    assert.deepEqual(patch.body, { "@odata.type": TAP_TYPE, isUsableOnce: true });
    assert.equal(patch.clientRequestId, "11111111-2222-4333-8444-555555555555");
    assert.equal(patch.headers.authorization, "<redacted>");
    sandbox.clearLog();
    assert.deepEqual(sandbox.requests, []);
  });

  it("records requests that match no route and answers 400 No method match route template", async () => {
    const result = await graph("PATCH", "/beta/deviceManagement/configurationPolicies/abc/settings/1", {
      x: 1,
    });
    assert.equal(result.status, 400);
    assert.equal((result.body as ErrorBody).error.code, "No method match route template");
    const unknown = sandbox.unknownRoutes();
    assert.deepEqual(
      unknown.map((r) => `${r.method} ${r.path}`),
      ["PATCH /beta/deviceManagement/configurationPolicies/abc/settings/1"],
    );
    assert.equal(
      (await graph("POST", TAP, {})).status,
      400,
      "a known path with an unknown method is an unknown route too",
    );
    assert.equal(sandbox.unknownRoutes().length, 2);
  });
});
