/**
 * Runs the shell scripts of the drift workflow's report and issue steps with bash, the way the
 * runner does (`bash -e`), against engine JSON fixtures. `npm` runs the real drift-report command;
 * `gh` is a stand-in that records its arguments and plays the list of open drift issues.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { EXIT_DRIFT } from "../../scripts/drift-report/main";

const ROOT = join(__dirname, "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures", "engine");

interface Step {
  name?: string;
  run?: string;
}

function stepScript(name: string): string {
  const workflow = parse(readFileSync(join(ROOT, ".github", "workflows", "drift.yml"), "utf8")) as {
    jobs: { drift: { steps: Step[] } };
  };
  const step = workflow.jobs.drift.steps.find((candidate) => candidate.name === name);
  assert.ok(step?.run, `drift.yml has no step named ${name}`);
  return step.run;
}

const NPM_SHIM = `#!/usr/bin/env bash
# Stands in for "npm run --silent drift-report -- <args>" and runs the real command.
if [ "$1 $2 $3 $4" != "run --silent drift-report --" ]; then echo "unexpected npm call: $*" >&2; exit 99; fi
shift 4
exec "$NODE" -r "$TS_NODE_REGISTER" "$DRIFT_REPORT_MAIN" "$@"
`;

const GH_SHIM = `#!/usr/bin/env bash
echo "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then printf '%s' "$FAKE_OPEN_ISSUES"; fi
`;

describe("drift workflow scripts", function () {
  this.timeout(30000);
  let workdir: string;

  beforeEach(() => {
    workdir = mkdtempSync(join(tmpdir(), "drift-workflow-"));
    for (const [name, body] of [
      ["npm", NPM_SHIM],
      ["gh", GH_SHIM],
    ]) {
      writeFileSync(join(workdir, name), body);
      chmodSync(join(workdir, name), 0o755);
    }
    writeFileSync(join(workdir, "outputs"), "");
  });

  afterEach(() => {
    rmSync(workdir, { recursive: true, force: true });
  });

  function runStep(
    name: string,
    extraEnv: Record<string, string> = {},
  ): { status: number | null; stderr: string } {
    const result = spawnSync("bash", ["-e", "-c", stepScript(name)], {
      cwd: workdir,
      encoding: "utf8",
      timeout: 20000,
      env: {
        PATH: `${workdir}:${process.env.PATH ?? ""}`,
        NODE: process.execPath,
        TS_NODE_REGISTER: require.resolve("ts-node/register/transpile-only"),
        TS_NODE_PROJECT: join(ROOT, "tsconfig.json"),
        DRIFT_REPORT_MAIN: join(ROOT, "scripts", "drift-report", "main.ts"),
        GITHUB_OUTPUT: join(workdir, "outputs"),
        GH_LOG: join(workdir, "gh.log"),
        STACK: "dev",
        ISSUE_TITLE: "Drift detected in stack dev",
        RUN_URL: "https://github.com/contoso/onboarding/actions/runs/42",
        ...extraEnv,
      },
    });
    return { status: result.status, stderr: result.stderr };
  }

  const read = (file: string): string => readFileSync(join(workdir, file), "utf8");

  it("maps the report's drift exit code to drifted=true and keeps the Markdown report", () => {
    assert.equal(EXIT_DRIFT, 3, "drift.yml's case statement expects exit code 3 for drift");
    copyFileSync(join(FIXTURES, "refresh-profile-deleted.json"), join(workdir, "refresh.json"));
    const result = runStep("Drift report");
    assert.equal(result.status, 0, result.stderr);
    assert.equal(read("outputs"), "drifted=true\n");
    assert.match(read("drift-report.md"), /^## Drift check: stack dev\n\n2 resources drifted\.\n/);
  });

  it("reports drifted=false for a clean refresh preview", () => {
    copyFileSync(join(FIXTURES, "refresh-no-drift.json"), join(workdir, "refresh.json"));
    assert.equal(runStep("Drift report").status, 0);
    assert.equal(read("outputs"), "drifted=false\n");
    assert.equal(read("drift-report.md"), "## Drift check: stack dev\n\nNo drift.\n");
  });

  it("writes a short explanation instead of a report when pulumi printed no JSON", () => {
    writeFileSync(join(workdir, "refresh.json"), "");
    assert.equal(runStep("Drift report").status, 0);
    assert.equal(read("outputs"), "drifted=unknown\n");
    assert.equal(
      read("drift-report.md"),
      "## Drift check: stack dev\n\nThe refresh preview printed no usable JSON; see https://github.com/contoso/onboarding/actions/runs/42\n",
    );
  });

  it("creates the drift issue when none is open", () => {
    writeFileSync(join(workdir, "drift-report.md"), "## Drift check: stack dev\n\n1 resource drifted.\n");
    const result = runStep("Open or update the drift issue", { FAKE_OPEN_ISSUES: "" });
    assert.equal(result.status, 0, result.stderr);
    const calls = read("gh.log").trimEnd().split("\n");
    assert.equal(calls.length, 3);
    assert.match(calls[0], /^label create drift /);
    assert.match(calls[1], /^issue list --state open --label drift /);
    assert.equal(
      calls[2],
      "issue create --title Drift detected in stack dev --label drift --body-file issue-body.md",
    );
    assert.equal(
      read("issue-body.md"),
      "## Drift check: stack dev\n\n1 resource drifted.\n\n---\nLast checked by https://github.com/contoso/onboarding/actions/runs/42\n",
    );
  });

  it("edits the open drift issue instead of creating another", () => {
    writeFileSync(join(workdir, "drift-report.md"), "## Drift check: stack dev\n\n1 resource drifted.\n");
    const result = runStep("Open or update the drift issue", { FAKE_OPEN_ISSUES: "17\n" });
    assert.equal(result.status, 0, result.stderr);
    const calls = read("gh.log").trimEnd().split("\n");
    assert.equal(calls[2], "issue edit 17 --body-file issue-body.md");
    assert.ok(!calls.some((call) => call.startsWith("issue create")));
  });

  it("closes every open drift issue of the stack once the tenant matches again", () => {
    const result = runStep("Close the drift issue", { FAKE_OPEN_ISSUES: "17\n" });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(read("gh.log").trimEnd().split("\n").slice(1), [
      "issue close 17 --comment No drift found by https://github.com/contoso/onboarding/actions/runs/42",
    ]);
  });
});
