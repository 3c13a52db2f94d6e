import { strict as assert } from "node:assert";
import { UNKNOWN } from "../nativeProvider";
import { Clock, goDuration, OperationContext } from "./clock";
import { goJson } from "./goJson";
import { safeRetryNumber } from "./graphClient";
import { diffPlan, planObject } from "./plan";
import { GROUP_ID, parseResourceId } from "./resourceIds";
import type { Schema } from "./schema";
import { waitForState } from "./stateChange";

describe("azuread emulation: SDK and bridge mechanics", () => {
  it("formats durations as Go's time.Duration.String does", () => {
    assert.equal(goDuration(300_000), "5m0s");
    assert.equal(goDuration(1_800_000), "30m0s");
    assert.equal(goDuration(299_500), "4m59.5s");
    assert.equal(goDuration(12_000), "12s");
    assert.equal(goDuration(500), "500ms");
    assert.equal(goDuration(3_723_000), "1h2m3s");
  });

  it("derives RetryMax from what is left of the deadline (go-azure-sdk safeRetryNumber)", () => {
    assert.equal(safeRetryNumber(1_800_000), 34);
    assert.equal(safeRetryNumber(300_000), 9);
    assert.equal(safeRetryNumber(63_000), 5);
    assert.equal(safeRetryNumber(5_000), 1);
    assert.equal(safeRetryNumber(0), 0);
  });

  it("marshals bodies like Go: keys sorted at every level, HTML characters escaped", () => {
    assert.equal(
      goJson({ b: 1, a: { d: "<&>", c: [{ z: 1, y: 2 }] }, u: undefined }),
      '{"a":{"c":[{"y":2,"z":1}],"d":"\\u003c\\u0026\\u003e"},"b":1}',
    );
  });

  it("parses resource ids with the SDK's errors", () => {
    assert.equal(parseResourceId(GROUP_ID, "/groups/abc"), "abc");
    assert.throws(() => parseResourceId(GROUP_ID, "3f0c3b1e-0000-4000-8000-000000000001"), {
      message:
        'parsing "3f0c3b1e-0000-4000-8000-000000000001": parsing the Group ID: the number of segments didn\'t match\n\n' +
        "Expected a Group ID that matched (containing 2 segments):\n\n> /groups/groupId\n\n" +
        "However this value was provided (which was parsed into 0 segments):\n\n> 3f0c3b1e-0000-4000-8000-000000000001\n\n" +
        'The following Segments are expected:\n\n* Segment 0 - this should be the literal value "groups"\n' +
        '* Segment 1 - this should be the user specified value for this groupId [for example "groupId"]\n\n' +
        "The following Segments were parsed:\n\n* Segment 0 - not found\n* Segment 1 - not found\n",
    });
    assert.throws(() => parseResourceId(GROUP_ID, "/users/abc"), /the segment at position 0 didn't match/);
    assert.throws(
      () => parseResourceId(GROUP_ID, "/groups/abc/owners"),
      /unexpected segment "owners" present at the end of the URI/,
    );
  });

  it("plans like SDKv2: config wins, absent Optional+Computed keeps the prior value, absent Optional is its zero value", () => {
    const schema: Schema = {
      name: { tf: "name", kind: "string", required: true },
      note: { tf: "note", kind: "string", optional: true },
      alias: { tf: "alias", kind: "string", optional: true, computed: true, forceNew: true },
      tags: { tf: "tags", kind: "set", elem: "string", optional: true },
      order: { tf: "order", kind: "list", elem: "string", optional: true },
      flag: { tf: "flag", kind: "bool", optional: true, default: false },
    };
    assert.deepEqual(planObject(schema, undefined, { name: "a" }), {
      name: "a",
      note: null,
      alias: UNKNOWN,
      tags: null,
      order: null,
      flag: false,
    });
    const prior = { name: "a", note: "", alias: "x1", tags: ["b", "a"], order: ["1", "2"], flag: false };
    const same = planObject(schema, prior, { name: "a", tags: ["a", "b"], order: ["1", "2"] });
    assert.deepEqual(diffPlan(schema, prior, same), { diffs: [], replaces: [] });
    const reordered = planObject(schema, prior, {
      name: "a",
      tags: ["a", "b"],
      order: ["2", "1"],
      alias: "x2",
    });
    assert.deepEqual(diffPlan(schema, prior, reordered), { diffs: ["alias", "order"], replaces: ["alias"] });
    const cleared = planObject(
      schema,
      { ...prior, note: "set elsewhere" },
      { name: "a", tags: [], order: ["1", "2"] },
    );
    assert.deepEqual(diffPlan(schema, { ...prior, note: "set elsewhere" }, cleared).diffs, ["note", "tags"]);
  });

  it("polls a consistency wait at 0, 5, 15, 25 ... s: doubling while pending, 10 s cap, five targets in a row", async () => {
    const clock = new Clock(0.001);
    const ctx = new OperationContext(clock, 300_000);
    const states = ["Waiting", "Waiting", "Done", "Done", "Done", "Done", "Done"];
    const times: number[] = [];
    await waitForState(ctx, {
      pending: ["Waiting"],
      target: ["Done"],
      timeoutMs: 300_000,
      minTimeoutMs: 5_000,
      continuousTargetOccurence: 5,
      refresh: () => {
        times.push(ctx.elapsedMs());
        return Promise.resolve(states[times.length - 1]);
      },
    });
    const expected = [0, 5_000, 15_000, 25_000, 35_000, 45_000, 55_000];
    assert.equal(times.length, expected.length);
    times.forEach((time, i) =>
      assert.ok(time >= expected[i] && time < expected[i] + 1_000, `poll ${i} at ${time}`),
    );
  });

  it("ends a wait that never settles with the SDK's timeout text", async () => {
    const clock = new Clock(0.001);
    await assert.rejects(
      waitForState(new OperationContext(clock, 60_000), {
        pending: ["Waiting"],
        target: ["Done"],
        timeoutMs: 12_000,
        minTimeoutMs: 5_000,
        continuousTargetOccurence: 5,
        refresh: () => Promise.resolve("Waiting"),
      }),
      { message: "timeout while waiting for state to become 'Done' (last state: 'Waiting', timeout: 12s)" },
    );
  });
});
