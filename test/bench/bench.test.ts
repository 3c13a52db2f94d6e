/** The benchmark's pure helpers (scripts/bench/). */
import { strict as assert } from "node:assert";
import { beginMarker, endMarker, renderTable, replaceBetweenMarkers } from "../../scripts/bench/markdown";
import { parseArguments } from "../../scripts/bench/options";
import { formatRatio, median } from "../../scripts/bench/stats";

describe("bench helpers", () => {
  it("takes the median of odd and even counts", () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]), /empty/);
  });

  it("formats ratios and refuses a zero denominator", () => {
    assert.equal(formatRatio(1, 4), "0.25×");
    assert.equal(formatRatio(1, 0), "n/a");
  });

  it("renders a table, escaping pipes, and rejects a row of the wrong width", () => {
    assert.equal(
      renderTable(["a", "b"], [["1", "x|y"]]),
      ["| a | b |", "| --- | --- |", "| 1 | x\\|y |"].join("\n"),
    );
    assert.throws(() => renderTable(["a", "b"], [["1"]]), /1 cells, expected 2/);
  });

  it("replaces the text between markers, appends missing markers, refuses a broken pair", () => {
    const document = `intro\n${beginMarker("r")}\nold\n${endMarker("r")}\noutro\n`;
    assert.equal(
      replaceBetweenMarkers(document, "r", "new"),
      `intro\n${beginMarker("r")}\n\nnew\n\n${endMarker("r")}\noutro\n`,
    );
    assert.equal(
      replaceBetweenMarkers("intro\n", "r", "new"),
      `intro\n\n${beginMarker("r")}\n\nnew\n\n${endMarker("r")}\n`,
    );
    assert.throws(() => replaceBetweenMarkers(`${endMarker("r")}${beginMarker("r")}`, "r", "x"), /broken/);
  });

  it("parses the command line: npm test only on request, --only in any order", () => {
    const defaults = parseArguments([]);
    assert.equal(defaults.sections.has("npm-test"), false);
    assert.equal(defaults.partial, false);
    assert.equal(defaults.runs, 5);
    assert.equal(parseArguments(["--npm-test"]).sections.has("npm-test"), true);
    const only = parseArguments(["--npm-test", "--only", "settings", "--runs", "3"]);
    assert.deepEqual([...only.sections].sort(), ["npm-test", "settings"]);
    assert.equal(only.partial, true);
    assert.equal(only.runs, 3);
    assert.throws(() => parseArguments(["--only", "nope"]), /unknown section/);
    assert.throws(() => parseArguments(["--runs", "0"]), /unknown or incomplete/);
  });
});
