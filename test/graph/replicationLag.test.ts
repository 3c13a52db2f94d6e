import { strict as assert } from "node:assert";
import { graphRequestError, isNotFound, type GraphRequestError } from "../../infra/graph/errors";
import { isReplicationLagTimeout, retryWhileReplicating } from "../../infra/graph/replicationLag";

function notFound(requestId: string): GraphRequestError {
  return graphRequestError({
    method: "GET",
    url: "/v1.0/groups/g-1",
    status: 404,
    code: "Request_ResourceNotFound",
    graphMessage: "Resource 'g-1' does not exist.",
    requestId,
    outcomeUnknown: false,
  });
}

const fast = { timeoutMs: 60, initialDelayMs: 2, maxDelayMs: 10 };
/** Same waits, but a bound no busy machine reaches: for tests that succeed before it. */
const fastWithRoom = { ...fast, timeoutMs: 5_000 };

describe("retryWhileReplicating (unit)", () => {
  it("returns the result once the object appears", async () => {
    let calls = 0;
    const result = await retryWhileReplicating(() => {
      calls++;
      return calls < 3 ? Promise.reject(notFound(`r-${calls}`)) : Promise.resolve("found");
    }, fastWithRoom);
    assert.equal(result, "found");
    assert.equal(calls, 3);
  });

  it("throws a non-lag error at once without retrying", async () => {
    let calls = 0;
    const denied = graphRequestError({
      method: "GET",
      url: "/v1.0/groups/g-1",
      status: 403,
      code: "Authorization_RequestDenied",
      graphMessage: "Insufficient privileges",
      outcomeUnknown: false,
    });
    await assert.rejects(
      retryWhileReplicating(() => {
        calls++;
        return Promise.reject(denied);
      }, fast),
      (error) => error === denied,
    );
    assert.equal(calls, 1);
  });

  it("gives up after timeoutMs with the last Graph answer's details", async () => {
    let calls = 0;
    const started = Date.now();
    const error = await retryWhileReplicating(
      () => {
        calls++;
        return Promise.reject(notFound(`r-${calls}`));
      },
      { ...fast, subject: "group g-1" },
    ).then(
      () => assert.fail("expected a timeout"),
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    assert.ok(isReplicationLagTimeout(error));
    assert.ok(elapsed >= 60 && elapsed < 1000, `elapsed ${elapsed} ms`);
    assert.ok(calls >= 3 && calls < 40, `calls ${calls}`);
    assert.equal(error.requestId, `r-${calls}`);
    assert.equal(error.status, 404);
    assert.equal(error.lastError.requestId, `r-${calls}`);
    assert.equal(isNotFound(error), true);
    assert.equal(
      error.message,
      `Graph did not show group g-1 within 0.1 seconds (replication lag). Last answer: GET /v1.0/groups/g-1 failed: 404 Request_ResourceNotFound: Resource 'g-1' does not exist (request-id r-${calls}).`,
    );
  });

  it("uses a custom isLag to decide what to wait out", async () => {
    let calls = 0;
    const result = await retryWhileReplicating(
      () => {
        calls++;
        return calls < 2 ? Promise.reject(new Error("not yet")) : Promise.resolve(calls);
      },
      { ...fast, isLag: (e) => e instanceof Error && e.message === "not yet" },
    );
    assert.equal(result, 2);
  });

  it("rejects a negative timeout naming the option", async () => {
    await assert.rejects(
      retryWhileReplicating(() => Promise.resolve(1), { timeoutMs: -5 }),
      {
        message: "replicationLag.timeoutMs must be a whole number of milliseconds, found -5.",
      },
    );
  });
});
