/**
 * `npm run issue-tap -- --from <csv>` against the sandbox, in process: the results table, the
 * owner-only pass file, the exit code, throttling and outages mid-batch, and bad CSVs refused
 * before Graph is asked anything.
 */
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsv } from "../../scripts/issue-tap/csv";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import {
  addJoinerInScope,
  graphLines,
  methodsPath,
  passesOf,
  POLICY_READ,
  runIssueTap,
  seedJoiners,
  seedPass,
  writeStack,
  type Joiners,
} from "./support/joiners";

const TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/.source;
const REQUEST_ID = /\(request-id [0-9a-f-]{36}\)/.source;

/** The table rows (without header) of a batch's standard output. */
function rows(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| source") && !line.startsWith("| ---"));
}

describe("issue-tap for a batch", function () {
  let sandbox: Sandbox;
  let ids: Joiners;
  let dir: string;
  useSandboxPerSuite((started) => (sandbox = started));
  beforeEach(async () => {
    ids = await seedJoiners(sandbox);
    dir = mkdtempSync(join(tmpdir(), "issue-tap-batch-"));
    writeStack(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeCsv = (text: string): string => {
    writeFileSync(join(dir, "joiners.csv"), text);
    return join(dir, "joiners.passes.csv");
  };

  it("issues, skips and fails per user, goes on after a failure, writes only issued passes to a 0600 file, exits 1", async () => {
    const eve = await addJoinerInScope(sandbox, ids, "eve");
    const fay = await addJoinerInScope(sandbox, ids, "fay");
    await seedPass(sandbox, eve);
    sandbox.fault({ method: "POST", path: methodsPath(fay), status: 500 });
    const start = new Date(Date.now() + 86_400_000).toISOString();
    const passFile = writeCsv(
      "user,start,lifetime\n" +
        `ada@contoso.example,${start},480\n` +
        "bob@contoso.example,,\n" +
        `${ids.dan},,\n` +
        "cy@contoso.example,,\n" +
        "eve@contoso.example,,\n" +
        "fay@contoso.example,,\n" +
        "zed@contoso.example,,120\n" +
        "gus@contoso.example,,600\n",
    );
    const result = await runIssueTap(sandbox, dir, ["--from", "joiners.csv"]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stderr, "");
    const expected = [
      `\\| line 2 \\| ada@contoso\\.example \\(object id ${ids.ada}\\) \\| issued \\| valid from ${start.replace(/\./g, "\\.")} to ${TIME} \\(480 minutes\\), usable more than once \\|`,
      `\\| line 3 \\| bob@contoso\\.example \\(object id ${ids.bob}\\) \\| skipped \\| outside the TAP policy's scope: not a member of any included group \\(${ids.newHires}\\) \\|`,
      `\\| line 4 \\| dan@contoso\\.example \\(object id ${ids.dan}\\) \\| skipped \\| outside the TAP policy's scope: excluded \\(member of excluded group ${ids.contractors}, directly or through nested groups\\) \\|`,
      `\\| line 5 \\| cy@contoso\\.example \\(object id ${ids.cy}\\) \\| skipped \\| the account is disabled \\(accountEnabled: false\\) \\|`,
      `\\| line 6 \\| eve@contoso\\.example \\(object id ${eve}\\) \\| skipped \\| already holds a pass \\(created ${TIME.replace("\\.\\d{3}", "\\.\\d{6}")}, valid until ${TIME}\\); --replace replaces it, and the old one stops working \\|`,
      `\\| line 7 \\| fay@contoso\\.example \\(object id ${fay}\\) \\| failed \\| POST ${methodsPath(fay)} failed: 500 InternalServerError: An internal server error occurred ${REQUEST_ID}\\. \\|`,
      `\\| line 8 \\| zed@contoso\\.example \\| skipped \\| no such user \\(Graph answered 404 Request_ResourceNotFound\\) \\|`,
      `\\| line 9 \\| gus@contoso\\.example \\| skipped \\| lifetime 600 minutes is outside the tenant policy's range of 60 to 480 minutes \\|`,
    ];
    const printed = rows(result.stdout);
    assert.equal(printed.length, expected.length, result.stdout);
    printed.forEach((row, index) => assert.match(row, new RegExp(`^${expected[index]}$`)));
    assert.ok(
      result.stdout.endsWith(
        `\nissue-tap: 1 issued, 6 skipped, 1 failed. The pass is in ${passFile}, readable only by you (mode 0600): ` +
          "hand each to its user, then delete the file.\n",
      ),
      result.stdout,
    );

    assert.equal(statSync(passFile).mode & 0o777, 0o600);
    const records = parseCsv(readFileSync(passFile, "utf8"), "passes").map((record) => record.cells);
    assert.equal(records.length, 2);
    assert.deepEqual(records[0], [
      "source",
      "user",
      "userPrincipalName",
      "objectId",
      "temporaryAccessPass",
      "startDateTime",
      "endDateTime",
      "lifetimeInMinutes",
      "isUsableOnce",
    ]);
    const [source, user, upn, objectId, pass, passStart, , lifetime, once] = records[1];
    assert.deepEqual(
      [source, user, upn, objectId, passStart, lifetime, once],
      ["line 2", "ada@contoso.example", "ada@contoso.example", ids.ada, start, "480", "false"],
    );
    assert.match(pass, /^\S{8}$/);
    assert.ok(!result.stdout.includes(pass) && !JSON.stringify(sandbox.requests).includes(pass));

    assert.deepEqual(
      graphLines(sandbox).filter(
        (line) => line.startsWith("POST /v1.0/users/") && line.includes("temporaryAccessPassMethods"),
      ),
      [
        `POST ${methodsPath(ids.ada)} {"startDateTime":"${start}","lifetimeInMinutes":480,"isUsableOnce":false}`,
        `POST ${methodsPath(fay)} {"isUsableOnce":false}`,
      ],
    );
    for (const [userId, count] of [
      [ids.ada, 1],
      [ids.bob, 0],
      [ids.dan, 0],
      [ids.cy, 0],
      [eve, 1],
      [fay, 0],
    ] as const)
      assert.equal((await passesOf(sandbox, userId)).length, count, userId);
  });

  it("rides out 429 and 503 mid-batch; a user whose requests keep failing fails alone, with Graph's code and request-id", async () => {
    const eve = await addJoinerInScope(sandbox, ids, "eve");
    sandbox.fault({ method: "GET", path: "/v1.0/users/ada%40contoso.example", status: 429, retryAfter: "0" });
    sandbox.fault({ method: "POST", path: methodsPath(ids.ada), status: 503 });
    sandbox.fault({ method: "POST", path: `/v1.0/users/${eve}/checkMemberGroups`, status: 503, times: 3 });
    sandbox.fault({ method: "GET", path: "/v1.0/users/dan%40contoso.example", status: 429, times: 3 });
    const passFile = writeCsv("user\nada@contoso.example\neve@contoso.example\ndan@contoso.example\n");
    const result = await runIssueTap(sandbox, dir, ["--from", "joiners.csv"]);
    assert.equal(result.code, 1);
    const printed = rows(result.stdout);
    assert.match(printed[0], /\| issued \|/);
    assert.match(
      printed[1],
      new RegExp(
        `\\| failed \\| POST /v1\\.0/users/${eve}/checkMemberGroups failed after 3 attempts: 503 ServiceUnavailable: ` +
          `The service is temporarily unavailable\\. Try again later ${REQUEST_ID}\\. \\|$`,
      ),
    );
    assert.match(
      printed[2],
      new RegExp(
        `^\\| line 4 \\| dan@contoso\\.example \\| failed \\| GET /v1\\.0/users/dan%40contoso\\.example\\?\\$select=id%2CuserPrincipalName%2CaccountEnabled%2CuserType ` +
          `failed after 3 attempts: 429 TooManyRequests: Too many requests ${REQUEST_ID}\\. \\|$`,
      ),
    );
    assert.deepEqual(sandbox.pendingFaults(), []);
    const statuses = sandbox.graphRequests().map((entry) => `${entry.method} ${entry.status}`);
    assert.deepEqual(statuses.slice(0, 7), [
      "GET 200",
      "GET 429",
      "GET 200",
      "POST 200",
      "GET 200",
      "POST 503",
      "POST 201",
    ]);
    assert.equal(parseCsv(readFileSync(passFile, "utf8"), "passes").length, 2, "header and ada's pass");
    assert.equal((await passesOf(sandbox, ids.ada)).length, 1);
  });

  it("skips every row while the policy is disabled, asks Graph nothing else and keeps no pass file", async () => {
    sandbox.setTap({ state: "disabled" });
    const passFile = writeCsv("user\nada@contoso.example\nbob@contoso.example\n");
    const result = await runIssueTap(sandbox, dir, ["--from", "joiners.csv"]);
    assert.equal(result.code, 1);
    assert.equal(rows(result.stdout).length, 2);
    assert.ok(
      rows(result.stdout).every((row) =>
        row.includes("| skipped | the tenant's Temporary Access Pass policy is disabled"),
      ),
    );
    assert.ok(
      result.stdout.endsWith(
        "issue-tap: 0 issued, 2 skipped, 0 failed. No pass was issued, so no pass file was kept.\n",
      ),
    );
    assert.equal(existsSync(passFile), false);
    assert.deepEqual(graphLines(sandbox), [POLICY_READ]);
  });

  it("refuses a bad CSV naming the line and column, and an existing pass file, before asking Graph anything", async () => {
    const cases: [string, string][] = [
      [
        "user,lifetime\nada@contoso.example,480\nbob@contoso.example,eight\n",
        'joiners.csv line 3 column lifetime: expected whole minutes from 10 to 43200, found "eight"',
      ],
      [
        "user,start\nada@contoso.example,2026-09-01 08:00\n",
        'joiners.csv line 2 column start: expected an ISO 8601 time with a zone, e.g. 2026-09-01T08:00:00+02:00 or 2026-09-01T06:00:00Z, found "2026-09-01 08:00"',
      ],
      [
        "user,manager\nada@contoso.example,bob\n",
        'joiners.csv line 1: expected the columns user, start, lifetime, found column "manager"',
      ],
      [
        "user\nada@contoso.example\nADA@contoso.example\n",
        "joiners.csv line 3 column user: ADA@contoso.example is already on line 2; give each user once",
      ],
      [
        "user\nada\n",
        'joiners.csv line 2 column user: expected a user principal name (name@domain) or an object id (a GUID), found "ada"',
      ],
    ];
    for (const [csv, message] of cases) {
      writeCsv(csv);
      const result = await runIssueTap(sandbox, dir, ["--from", "joiners.csv"]);
      assert.deepEqual(
        [result.code, result.stdout, result.stderr],
        [2, "", `issue-tap: ${message} (see --help)\n`],
      );
    }
    const passFile = writeCsv("user\nada@contoso.example\n");
    writeFileSync(passFile, "earlier passes\n");
    const exists = await runIssueTap(sandbox, dir, ["--from", "joiners.csv"]);
    assert.equal(exists.code, 2);
    assert.equal(
      exists.stderr,
      `issue-tap: --out ${passFile}: the file exists (it may hold passes from an earlier run); remove it or name another (see --help)\n`,
    );
    assert.equal(readFileSync(passFile, "utf8"), "earlier passes\n");
    assert.deepEqual(graphLines(sandbox), []);
  });
});
