/** `npm run journey` as a command, before it reaches Graph: help, usage errors and their exit codes. */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HELP, run } from "../../scripts/journey/main";
import { runInProcess } from "../support/commandRun";
import { CHECKED_AT, writeStack } from "./support/journeyTenant";

describe("journey command line", function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "journey-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const plain = (args: string[], env: Record<string, string> = {}) =>
    runInProcess(run, args, { dir, env, now: CHECKED_AT });

  it("prints --help with the six steps, the permissions and the exit codes (exit 0)", async () => {
    const result = await plain(["--help"]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, HELP);
    assert.match(HELP, /^usage: npm run journey -- --stack <name> \[--json <file>\] \[--markdown <file>\]/);
    assert.match(HELP, /DeviceManagementApps\.Read\.All/);
    assert.match(HELP, /Exit codes: 0 no step blocked; 1 a step is blocked/);
  });

  it("refuses bad usage with one line and exit 2", async () => {
    const cases: [string[], string][] = [
      [[], "journey: missing --stack <name> (see --help)\n"],
      [["--stack"], "journey: --stack needs a value (see --help)\n"],
      [["--stack", "dev", "--verbose"], "journey: unknown option --verbose (see --help)\n"],
      [["dev"], 'journey: unexpected argument "dev" (the stack is given with --stack <name>) (see --help)\n'],
      [
        ["--stack", "dev", "--json", "a.md", "--markdown", "a.md"],
        "journey: --json and --markdown name the same file (see --help)\n",
      ],
      [["--stack", "dev"], `journey: Pulumi.dev.yaml not found in ${dir} (see --help)\n`],
    ];
    for (const [args, stderr] of cases) {
      const result = await plain(args);
      assert.deepEqual([result.code, result.stderr, result.stdout], [2, stderr, ""], args.join(" "));
    }
  });

  it("exits 2 without a Graph identity, saying what to set", async () => {
    writeStack(dir, { autopilot: { groupDisplayName: "Autopilot devices", adoptExisting: false } });
    const result = await plain(["--stack", "dev"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^journey: no Graph identity: missing ARM_TENANT_ID/);
  });
});
