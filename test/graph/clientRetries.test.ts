import { strict as assert } from "node:assert";
import { isGraphRequestError } from "../../infra/graph/errors";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import { clientFor, newGroup, rejection, TAP_PATH } from "./sandboxClient";

const TAP_URL = `/v1.0${TAP_PATH}`;

describe("createGraphClient retries (sandbox faults)", () => {
  let sandbox: Sandbox;

  useSandboxPerSuite((started) => (sandbox = started));

  it("waits as long as a 429's Retry-After asks (seconds), then succeeds", async () => {
    const client = clientFor(sandbox, { retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5000 } });
    await client.get(TAP_PATH); // token fetched before timing
    sandbox.clearLog();
    sandbox.fault({ method: "GET", path: TAP_URL, status: 429, retryAfter: "1" });
    const started = Date.now();
    const tap = await client.get<{ id: string }>(TAP_PATH);
    const elapsed = Date.now() - started;
    assert.equal(tap.id, "TemporaryAccessPass");
    assert.ok(elapsed >= 990 && elapsed < 1800, `waited ${elapsed} ms for Retry-After: 1`);
    assert.deepEqual(
      sandbox.graphRequests().map((entry) => entry.status),
      [429, 200],
    );
  });

  it("caps a Retry-After longer than maxDelayMs", async () => {
    const client = clientFor(sandbox, { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 30 } });
    await client.get(TAP_PATH);
    sandbox.fault({ method: "GET", path: TAP_URL, status: 429, retryAfter: "120" });
    const started = Date.now();
    await client.get(TAP_PATH);
    assert.ok(Date.now() - started < 500);
  });

  it("backs off by itself, exponentially, on a 429 without Retry-After", async () => {
    const client = clientFor(sandbox, { retry: { maxRetries: 5, baseDelayMs: 40, maxDelayMs: 1000 } });
    await client.get(TAP_PATH);
    sandbox.clearLog();
    sandbox.fault({ method: "GET", path: TAP_URL, status: 429, times: 2 });
    const started = Date.now();
    await client.get(TAP_PATH);
    const elapsed = Date.now() - started;
    // Equal jitter: first wait 20-40 ms, second 40-80 ms.
    assert.ok(elapsed >= 60 && elapsed < 600, `backed off ${elapsed} ms`);
    assert.deepEqual(
      sandbox.graphRequests().map((entry) => entry.status),
      [429, 429, 200],
    );
  });

  it("retries 503 and 504 and succeeds when Graph recovers", async () => {
    const client = clientFor(sandbox);
    sandbox.fault({ method: "GET", path: TAP_URL, status: 503 });
    sandbox.fault({ method: "GET", path: TAP_URL, status: 504 });
    await client.get(TAP_PATH);
    assert.deepEqual(
      sandbox.graphRequests().map((entry) => entry.status),
      [503, 504, 200],
    );
  });

  it("gives up on 503 after maxRetries retries with a GraphRequestError carrying the request-id", async () => {
    const client = clientFor(sandbox, { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    sandbox.fault({ method: "PATCH", path: TAP_URL, status: 503, times: 10 });
    const error = await rejection(client.patch(TAP_PATH, { state: "enabled" }));
    assert.ok(isGraphRequestError(error));
    const attempts = sandbox.graphRequests();
    assert.equal(attempts.length, 3, "first attempt + 2 retries");
    assert.equal(error.status, 503);
    assert.equal(error.attempts, 3);
    assert.equal(error.requestId, attempts[2].requestId);
    assert.equal(error.outcomeUnknown, false, "PATCH is idempotent");
    assert.equal(
      error.message,
      `PATCH ${TAP_URL} failed after 3 attempts: 503 ${error.code}: ${error.graphMessage.replace(/\.$/, "")} (request-id ${attempts[2].requestId}).`,
    );
    assert.equal(sandbox.tap().state, "disabled", "never applied");
  });

  it("gives up on 504 the same way", async () => {
    const client = clientFor(sandbox, { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 } });
    sandbox.fault({ method: "GET", path: TAP_URL, status: 504, times: 5 });
    const error = await rejection(client.get(TAP_PATH));
    assert.ok(isGraphRequestError(error));
    assert.equal(error.status, 504);
    assert.equal(sandbox.graphRequests().length, 2);
    assert.equal(error.requestId, sandbox.graphRequests()[1].requestId);
  });

  it("does not retry a POST on 503 and reports its outcome as unknown", async () => {
    const client = clientFor(sandbox);
    sandbox.fault({ method: "POST", path: "/v1.0/groups", status: 503 });
    const error = await rejection(client.post("/groups", newGroup("Maybe created")));
    assert.ok(isGraphRequestError(error));
    assert.equal(error.status, 503);
    assert.equal(error.outcomeUnknown, true);
    assert.equal(sandbox.graphRequests().length, 1);
    assert.match(
      error.message,
      /The request may have been applied: look the object up before trying again\.$/,
    );
  });

  it("does not retry a POST whose connection was lost after it was applied (status 0, outcome unknown)", async () => {
    const client = clientFor(sandbox);
    const before = sandbox.groups().length;
    sandbox.fault({ method: "POST", path: "/v1.0/groups", reset: "after" });
    const error = await rejection(client.post("/groups", newGroup("Applied then reset")));
    assert.ok(isGraphRequestError(error));
    assert.equal(error.status, 0);
    assert.equal(error.outcomeUnknown, true);
    assert.equal(error.url, "/v1.0/groups");
    assert.match(
      error.message,
      /^POST \/v1\.0\/groups failed: no response \(\S+: .+\)\. The request may have been applied/,
    );
    assert.equal(sandbox.groups().length, before + 1, "the group exists although the client saw no answer");
    assert.equal(sandbox.graphRequests().length, 1);
  });

  it("retries an idempotent POST on 503", async () => {
    const client = clientFor(sandbox);
    sandbox.fault({ method: "POST", path: "/v1.0/groups", status: 503 });
    const created = await client.post<{ id: string }>("/groups", newGroup("Idempotent"), {
      idempotent: true,
    });
    assert.ok(created?.id);
    assert.deepEqual(
      sandbox.graphRequests().map((entry) => entry.status),
      [503, 201],
    );
  });

  it("always retries a POST on 429: it was not applied", async () => {
    const client = clientFor(sandbox);
    const before = sandbox.groups().length;
    sandbox.fault({ method: "POST", path: "/v1.0/groups", status: 429, retryAfter: "0" });
    await client.post("/groups", newGroup("Throttled once"));
    assert.equal(sandbox.groups().length, before + 1);
    assert.deepEqual(
      sandbox.graphRequests().map((entry) => entry.status),
      [429, 201],
    );
  });

  it("retries a GET whose connection was reset", async () => {
    const client = clientFor(sandbox);
    sandbox.fault({ method: "GET", path: TAP_URL, reset: "before" });
    const tap = await client.get<{ id: string }>(TAP_PATH);
    assert.equal(tap.id, "TemporaryAccessPass");
    assert.equal(sandbox.graphRequests().length, 2);
  });

  it("does not retry other errors such as 400", async () => {
    const client = clientFor(sandbox);
    sandbox.fault({ method: "GET", path: TAP_URL, status: 400 });
    const error = await rejection(client.get(TAP_PATH));
    assert.ok(isGraphRequestError(error));
    assert.equal(error.status, 400);
    assert.equal(sandbox.graphRequests().length, 1);
  });
});
