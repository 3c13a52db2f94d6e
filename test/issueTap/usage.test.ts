/** Bad command lines and the CSV reader: exit 2 with one line naming the flag, before any sign-in. */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { csvLine, parseCsv } from "../../scripts/issue-tap/csv";
import { HELP, run } from "../../scripts/issue-tap/main";
import { runInProcess } from "../support/commandRun";
import { writeStack } from "./support/joiners";

describe("issue-tap command line", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "issue-tap-usage-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const NOW = new Date("2026-03-02T10:00:00.000Z");
  const issueTap = (args: string[], env: Record<string, string> = {}) =>
    runInProcess(run, args, { dir, env, now: NOW });

  it("prints --help (usage, checks, permissions, exit codes) and exits 0", async () => {
    const result = await issueTap(["--help"]);
    assert.deepEqual([result.code, result.stderr], [0, ""]);
    assert.equal(result.stdout, HELP);
    assert.match(
      HELP,
      /^usage: npm run issue-tap -- --stack <name> --user <UPN or object id> \[--lifetime <minutes>\] \[--start <ISO time>\]\n/,
    );
    assert.match(HELP, /--usable-once-not-for-autopilot\n/);
    assert.match(HELP, /Authentication Administrator role/);
    assert.match(HELP, /Exit codes: 0 every pass issued; 1 a user was skipped or failed/);
  });

  it("refuses bad usage with one line naming the flag, what was expected and what was found", async () => {
    const cases: [string[], string][] = [
      [["--user", "ada@contoso.example"], "missing --stack <name>"],
      [["--stack", "dev"], "give either --user <UPN or id> or --from <csv>, not both and not neither"],
      [
        ["--stack", "dev", "--user", "a@b.example", "--from", "x.csv"],
        "give either --user <UPN or id> or --from <csv>, not both and not neither",
      ],
      [
        ["--stack", "dev", "--user", "a@b.example", "--lifetime", "5"],
        '--lifetime: expected whole minutes from 10 to 43200, found "5"',
      ],
      [
        ["--stack", "dev", "--user", "a@b.example", "--lifetime", "90.5"],
        '--lifetime: expected whole minutes from 10 to 43200, found "90.5"',
      ],
      [
        ["--stack", "dev", "--user", "a@b.example", "--start", "2026-03-02T09:00:00Z"],
        "--start: expected a time not in the past (leave it out to start now), found 2026-03-02T09:00:00Z, before 2026-03-02T10:00:00.000Z",
      ],
      [
        ["--stack", "dev", "--user", "a@b.example", "--start", "2026-04-01T08:00"],
        '--start: expected an ISO 8601 time with a zone, e.g. 2026-09-01T08:00:00+02:00 or 2026-09-01T06:00:00Z, found "2026-04-01T08:00"',
      ],
      [
        ["--stack", "dev", "--user", "ada"],
        '--user: expected a user principal name (name@domain) or an object id (a GUID), found "ada"',
      ],
      [
        ["--stack", "dev", "--user", "a@b.example", "--out", "p.csv"],
        "--out is only for --from: a single pass is printed, never written to a file",
      ],
      [
        ["--stack", "dev", "--from", "x.csv", "--lifetime", "60"],
        "--lifetime cannot be used with --from: give it per user in the CSV's lifetime column",
      ],
      [
        ["--stack", "dev", "--from", "x.csv", "--out", "x.csv"],
        "--out names the --from file: the passes need a file of their own",
      ],
      [["--stack", "dev", "--user", "a@b.example", "--force"], "unknown option --force"],
      [["--stack", "nosuch", "--user", "a@b.example"], `Pulumi.nosuch.yaml not found in ${dir}`],
    ];
    for (const [args, message] of cases) {
      const result = await issueTap(args);
      assert.deepEqual(
        [result.code, result.stdout, result.stderr],
        [2, "", `issue-tap: ${message} (see --help)\n`],
        args.join(" "),
      );
    }
  });

  it("stops with exit 2 when no Graph identity is configured", async () => {
    writeStack(dir);
    const result = await issueTap(["--stack", "dev", "--user", "ada@contoso.example"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^issue-tap: no Graph identity: missing ARM_TENANT_ID/);
  });
});

describe("issue-tap CSV", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF, a byte-order mark and blank lines", () => {
    const text = '\ufeffuser,start\r\n"a,b@x.example","say ""hi""\nthere"\r\n\r\nc@x.example,\n';
    assert.deepEqual(parseCsv(text, "f.csv"), [
      { line: 1, cells: ["user", "start"] },
      { line: 2, cells: ["a,b@x.example", 'say "hi"\nthere'] },
      { line: 5, cells: ["c@x.example", ""] },
    ]);
  });

  it("refuses a quoted field that is never closed, naming its line", () => {
    assert.throws(
      () => parseCsv('user\n"ada@x.example\n', "f.csv"),
      /^UsageError: f\.csv line 2: a quoted field is not closed$/,
    );
  });

  it("writes every field quoted, so a pass with a comma or quote stays one column", () => {
    const line = csvLine(["line 2", 'a,"b', 480, false]);
    assert.equal(line, '"line 2","a,""b","480","false"\n');
    assert.deepEqual(parseCsv(line, "out").at(0)?.cells, ["line 2", 'a,"b', "480", "false"]);
  });
});
