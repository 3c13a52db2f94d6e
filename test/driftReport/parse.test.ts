import { strict as assert } from "node:assert";
import { DriftReportInputError, parseDigest } from "../../scripts/drift-report/parse";

function parseError(text: string): string {
  try {
    parseDigest(text, "drift.json");
  } catch (error) {
    assert.ok(
      error instanceof DriftReportInputError,
      `expected a DriftReportInputError, got ${String(error)}`,
    );
    return error.message;
  }
  assert.fail("expected the document to be rejected");
}

const TAP_URN =
  "urn:pulumi:dev::passwordless-onboarding::pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy::tap";

describe("drift report input", () => {
  it("rejects an empty file and asks whether pulumi failed", () => {
    assert.equal(
      parseError("  \n"),
      "drift.json is empty; expected the JSON written by `pulumi preview --json` or " +
        "`pulumi refresh --preview-only --json` (an object with `steps` and `changeSummary`). " +
        "Did the pulumi command fail before printing it?",
    );
  });

  it("rejects text that is not JSON and names the parser's reason", () => {
    assert.match(
      parseError("Previewing refresh (dev):"),
      /^drift\.json is not JSON \(Unexpected token .*\); expected/,
    );
  });

  it("rejects a JSON array", () => {
    assert.match(parseError("[]"), /^drift\.json: expected the JSON written by .* found an array\.$/);
  });

  it("rejects a stack export, naming the keys it found", () => {
    assert.match(
      parseError('{"version":3,"deployment":{"resources":[]}}'),
      /found an object with keys version, deployment\.$/,
    );
  });

  it("names the step and property when a step has no URN", () => {
    assert.equal(
      parseError(JSON.stringify({ steps: [{ op: "same", urn: TAP_URN }, { op: "update" }] })),
      "drift.json: steps[1].urn: expected a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>), found nothing.",
    );
  });

  it("rejects a URN that is not a Pulumi URN", () => {
    assert.equal(
      parseError(JSON.stringify({ steps: [{ op: "update", urn: "tap-policy" }] })),
      'drift.json: steps[0].urn: expected a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>), found "tap-policy".',
    );
  });

  it("rejects a change summary count that is not a whole number", () => {
    assert.equal(
      parseError(JSON.stringify({ steps: [], changeSummary: { update: "1" } })),
      'drift.json: changeSummary.update: expected a resource count (a whole number of 0 or more), found the string "1".',
    );
  });

  it("rejects a detailed diff entry without a kind", () => {
    const document = {
      steps: [{ op: "update", urn: TAP_URN, detailedDiff: { state: { inputDiff: true } } }],
    };
    assert.equal(
      parseError(JSON.stringify(document)),
      'drift.json: steps[0].detailedDiff["state"].kind: expected a diff kind such as "update", found nothing.',
    );
  });

  it("rejects inputs that are not a property map", () => {
    const document = { steps: [{ op: "update", urn: TAP_URN, oldState: { inputs: [1, 2] } }] };
    assert.equal(
      parseError(JSON.stringify(document)),
      "drift.json: steps[0].oldState.inputs: expected an object, found an array.",
    );
  });

  it("accepts null detailed diffs and missing optional sections", () => {
    const digest = parseDigest(
      JSON.stringify({
        steps: [{ op: "refresh", urn: TAP_URN, detailedDiff: null }],
        changeSummary: { same: 1 },
      }),
      "drift.json",
    );
    assert.deepEqual(digest.diagnostics, []);
    assert.equal(digest.steps[0].detailedDiff, null);
    assert.deepEqual(digest.changeSummary, { same: 1 });
  });
});
