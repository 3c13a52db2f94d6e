import { strict as assert } from "node:assert";
import {
  backoffDelay,
  DEFAULT_RETRY_OPTIONS,
  isOutcomeUnknown,
  nextRetryDelay,
  parseRetryAfter,
  resolveRetryOptions,
} from "../../infra/graph/retryPolicy";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const options = resolveRetryOptions({ maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000 });
const clock = (random: number) => ({ now: () => NOW, random: () => random });

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    assert.equal(parseRetryAfter("3", NOW), 3000);
    assert.equal(parseRetryAfter(" 0 ", NOW), 0);
    assert.equal(parseRetryAfter("1.5", NOW), 1500);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    assert.equal(parseRetryAfter("Sun, 01 Mar 2026 12:00:07 GMT", NOW), 7000);
    assert.equal(parseRetryAfter("Sun, 01 Mar 2026 11:59:00 GMT", NOW), 0);
  });

  it("ignores an absent or unreadable header", () => {
    assert.equal(parseRetryAfter(null, NOW), undefined);
    assert.equal(parseRetryAfter("", NOW), undefined);
    assert.equal(parseRetryAfter("soon", NOW), undefined);
  });
});

describe("backoffDelay", () => {
  it("doubles from baseDelayMs with jitter between half and all of the step", () => {
    assert.equal(
      backoffDelay(0, options, () => 0),
      50,
    );
    assert.equal(
      backoffDelay(0, options, () => 1),
      100,
    );
    assert.equal(
      backoffDelay(2, options, () => 0.5),
      300,
    );
  });

  it("never exceeds maxDelayMs", () => {
    assert.equal(
      backoffDelay(10, options, () => 1),
      1000,
    );
  });
});

describe("nextRetryDelay", () => {
  it("retries a 429 with the Retry-After it asks for", () => {
    assert.equal(
      nextRetryDelay(
        { status: 429, method: "POST", idempotent: false, retryAfter: "1" },
        0,
        options,
        clock(0),
      ),
      1000,
    );
  });

  it("caps a long Retry-After at maxDelayMs", () => {
    assert.equal(
      nextRetryDelay(
        { status: 429, method: "GET", idempotent: true, retryAfter: "120" },
        0,
        options,
        clock(0),
      ),
      1000,
    );
  });

  it("backs off by itself on a 429 without Retry-After (Conditional Access sends none)", () => {
    assert.equal(
      nextRetryDelay({ status: 429, method: "PATCH", idempotent: true }, 1, options, clock(1)),
      200,
    );
  });

  it("retries 503, 504 and lost connections for GET, PATCH, PUT, DELETE and idempotent POST", () => {
    for (const status of [0, 503, 504]) {
      for (const method of ["GET", "PATCH", "PUT", "DELETE"]) {
        assert.notEqual(
          nextRetryDelay({ status, method, idempotent: true }, 0, options, clock(0)),
          undefined,
        );
      }
      assert.notEqual(
        nextRetryDelay({ status, method: "POST", idempotent: true }, 0, options, clock(0)),
        undefined,
      );
    }
  });

  it("does not retry a plain POST after 503, 504 or a lost connection, and marks its outcome unknown", () => {
    for (const status of [0, 503, 504]) {
      assert.equal(
        nextRetryDelay({ status, method: "POST", idempotent: false }, 0, options, clock(0)),
        undefined,
      );
      assert.equal(isOutcomeUnknown({ status, method: "POST", idempotent: false }), true);
    }
    assert.equal(isOutcomeUnknown({ status: 500, method: "POST", idempotent: false }), true);
    assert.equal(isOutcomeUnknown({ status: 429, method: "POST", idempotent: false }), false);
    assert.equal(isOutcomeUnknown({ status: 503, method: "POST", idempotent: true }), false);
    assert.equal(isOutcomeUnknown({ status: 503, method: "PATCH", idempotent: true }), false);
  });

  it("does not retry other statuses", () => {
    for (const status of [400, 401, 403, 404, 409, 500, 502]) {
      assert.equal(
        nextRetryDelay({ status, method: "GET", idempotent: true }, 0, options, clock(0)),
        undefined,
      );
    }
  });

  it("gives up after maxRetries retries", () => {
    const outcome = { status: 503, method: "GET", idempotent: true };
    assert.notEqual(nextRetryDelay(outcome, 2, options, clock(0)), undefined);
    assert.equal(nextRetryDelay(outcome, 3, options, clock(0)), undefined);
  });
});

describe("resolveRetryOptions", () => {
  it("fills in the defaults", () => {
    assert.deepEqual(resolveRetryOptions(), DEFAULT_RETRY_OPTIONS);
    assert.deepEqual(resolveRetryOptions({ maxRetries: 1, baseDelayMs: undefined }), {
      ...DEFAULT_RETRY_OPTIONS,
      maxRetries: 1,
    });
  });

  it("rejects unbounded or meaningless values, naming each", () => {
    assert.throws(() => resolveRetryOptions({ maxRetries: 100, baseDelayMs: -1, maxDelayMs: 1.5 }), {
      message:
        "Invalid Graph retry options: retry.maxRetries must be a whole number from 0 to 20, found 100; " +
        "retry.baseDelayMs must be a whole number from 0 to 3600000, found -1; " +
        "retry.maxDelayMs must be a whole number from 0 to 3600000, found 1.5.",
    });
  });
});
