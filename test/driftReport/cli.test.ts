/**
 * Runs the drift-report command as its own process, the way the drift workflow runs it, and
 * checks what a caller relies on: standard output, one-line errors and exit codes.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const MAIN = join(ROOT, "scripts", "drift-report", "main.ts");
const FIXTURES = join(ROOT, "test", "fixtures", "engine");

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function driftReport(args: string[], input?: string): Result {
  const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", MAIN, ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    timeout: 15000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertOneLineError(result: Result, expected: RegExp): void {
  assert.equal(result.stdout, "");
  assert.equal(result.stderr.split("\n").filter((line) => line !== "").length, 1, result.stderr);
  assert.match(result.stderr.trimEnd(), expected);
  assert.ok(!/\n\s+at /.test(result.stderr), `stack trace in: ${result.stderr}`);
}

describe("drift-report command", function () {
  this.timeout(30000);
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), "drift-report-"));
  });

  after(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it("prints the Markdown report and exits 3 with --fail-on-drift when a resource drifted", () => {
    const result = driftReport([
      join(FIXTURES, "refresh-tap-drift-detailed.json"),
      "--title",
      "Drift: dev",
      "--fail-on-drift",
    ]);
    assert.equal(result.stderr, "");
    assert.equal(result.status, 3);
    assert.match(result.stdout, /^## Drift: dev\n\n1 resource drifted\.\n/);
    assert.ok(result.stdout.includes("| `maximumLifetimeInMinutes` | `480` | `720` |"));
  });

  it("reads standard input for '-' and exits 0 when nothing drifted", () => {
    const result = driftReport(
      ["-", "--kind", "refresh", "--fail-on-drift"],
      '{"steps": [], "changeSummary": {"same": 3}}',
    );
    assert.equal(result.status, 0);
    assert.equal(result.stdout, "## Drift report\n\nNo drift.\n");
  });

  it("fails with exit code 1 and one line on stderr when the input is not JSON", () => {
    const file = join(scratch, "not-json.json");
    writeFileSync(file, "error: failed to decrypt configuration\n");
    const result = driftReport([file]);
    assert.equal(result.status, 1);
    assertOneLineError(
      result,
      /^drift-report: .*not-json\.json is not JSON \(.*\); expected the JSON written by/,
    );
  });

  it("fails with exit code 1 and one line on stderr when the JSON has the wrong shape", () => {
    const file = join(scratch, "export.json");
    writeFileSync(file, JSON.stringify({ version: 3, deployment: { resources: [] } }));
    const result = driftReport([file]);
    assert.equal(result.status, 1);
    assertOneLineError(
      result,
      /^drift-report: .*export\.json: expected .* found an object with keys version, deployment\.$/,
    );
  });

  it("fails with exit code 1 when the file does not exist, and 2 with usage when no file is given", () => {
    const missing = driftReport([join(scratch, "absent.json")]);
    assert.equal(missing.status, 1);
    assertOneLineError(missing, /^drift-report: cannot read .*absent\.json: no such file\.$/);

    const usage = driftReport([]);
    assert.equal(usage.status, 2);
    assert.equal(
      usage.stderr,
      "drift-report: missing the input file\nusage: drift-report <file|-> [--title <text>] [--kind refresh|preview] [--fail-on-drift]\n",
    );
  });
});
