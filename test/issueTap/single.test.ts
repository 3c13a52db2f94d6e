/**
 * `npm run issue-tap -- --user` against the sandbox, in process: what it prints, what it asks
 * Graph (exact requests and bodies), and what the tenant holds afterwards.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import {
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

const SELECT = "$select=id,userPrincipalName,accountEnabled,userType";
const PASS_LINE = /^ {4}(\S{8})$/m;

describe("issue-tap for one user", function () {
  let sandbox: Sandbox;
  let ids: Joiners;
  let dir: string;
  useSandboxPerSuite((started) => (sandbox = started));
  beforeEach(async () => {
    ids = await seedJoiners(sandbox);
    dir = mkdtempSync(join(tmpdir(), "issue-tap-"));
    writeStack(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const userRead = (user: string) => `GET /v1.0/users/${user}?${SELECT}`;
  const scopeCheck = (userId: string) =>
    `POST /v1.0/users/${userId}/checkMemberGroups {"groupIds":["${ids.newHires}","${ids.contractors}"]}`;

  it("issues a multi-use pass to a user in scope, prints it once on standard output and nowhere else", async () => {
    const start = new Date(Date.now() + 3600_000).toISOString();
    const result = await runIssueTap(sandbox, dir, [
      "--user",
      "ada@contoso.example",
      "--lifetime",
      "240",
      "--start",
      start,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    const pass = PASS_LINE.exec(result.stdout)?.[1] ?? "";
    const end = new Date(Date.parse(start) + 240 * 60_000).toISOString();
    assert.equal(
      result.stdout,
      `Temporary Access Pass for ada@contoso.example (object id ${ids.ada}):\n\n    ${pass}\n\n` +
        `valid from ${start} to ${end} (240 minutes), usable more than once.\n` +
        "Shown only this once: Graph never returns it again and this command stored it nowhere.\n",
    );
    assert.deepEqual(graphLines(sandbox), [
      POLICY_READ,
      userRead("ada%40contoso.example"),
      scopeCheck(ids.ada),
      `GET ${methodsPath(ids.ada)}`,
      `POST ${methodsPath(ids.ada)} {"startDateTime":"${start}","lifetimeInMinutes":240,"isUsableOnce":false}`,
    ]);
    assert.ok(!JSON.stringify(sandbox.requests).includes(pass), "the pass is in the request log");
    assert.deepEqual(readdirSync(dir), ["Pulumi.dev.yaml"], "no file was written");
    const [held] = await passesOf(sandbox, ids.ada);
    assert.deepEqual(
      [held.temporaryAccessPass, held.lifetimeInMinutes, held.isUsableOnce, held.methodUsabilityReason],
      [null, 240, false, "NotYetValid"],
    );
  });

  it("skips a user excluded through a nested group, and one in no included group, creating nothing", async () => {
    const excluded = await runIssueTap(sandbox, dir, ["--user", ids.dan]);
    assert.equal(excluded.code, 1);
    assert.equal(excluded.stdout, "");
    assert.equal(
      excluded.stderr,
      `issue-tap: dan@contoso.example (object id ${ids.dan}): skipped: outside the TAP policy's scope: excluded ` +
        `(member of excluded group ${ids.contractors}, directly or through nested groups)\n`,
    );
    const notIncluded = await runIssueTap(sandbox, dir, ["--user", "bob@contoso.example"]);
    assert.equal(notIncluded.code, 1);
    assert.equal(
      notIncluded.stderr,
      `issue-tap: bob@contoso.example (object id ${ids.bob}): skipped: outside the TAP policy's scope: ` +
        `not a member of any included group (${ids.newHires})\n`,
    );
    assert.deepEqual(graphLines(sandbox), [
      POLICY_READ,
      userRead(ids.dan),
      scopeCheck(ids.dan),
      POLICY_READ,
      userRead("bob%40contoso.example"),
      scopeCheck(ids.bob),
    ]);
  });

  it("skips a lifetime outside the policy's range before asking Graph about the user", async () => {
    const result = await runIssueTap(sandbox, dir, ["--user", "ada@contoso.example", "--lifetime", "600"]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      "issue-tap: ada@contoso.example: skipped: lifetime 600 minutes is outside the tenant policy's range of 60 to 480 minutes\n",
    );
    assert.deepEqual(graphLines(sandbox), [POLICY_READ]);
  });

  it("skips every user while the policy is disabled, asking Graph nothing else", async () => {
    sandbox.setTap({ state: "disabled" });
    const result = await runIssueTap(sandbox, dir, ["--user", "ada@contoso.example"]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      "issue-tap: ada@contoso.example: skipped: the tenant's Temporary Access Pass policy is disabled: Graph creates " +
        "no pass until it is enabled (temporaryAccessPass.state: enabled, then pulumi up)\n",
    );
    assert.deepEqual(graphLines(sandbox), [POLICY_READ]);
  });

  it("refuses a one-time pass for Autopilot, from the flag or from the policy, unless told it is not for Autopilot", async () => {
    const flagOnly = await runIssueTap(sandbox, dir, ["--user", "ada@contoso.example", "--usable-once"]);
    assert.equal(flagOnly.code, 2);
    assert.equal(
      flagOnly.stderr,
      "issue-tap: --usable-once: a one-time pass is used up by the first sign-in, and an Autopilot enrollment that " +
        "reboots needs a second one; if these passes are not for Autopilot, add --usable-once-not-for-autopilot (see --help)\n",
    );
    assert.deepEqual(graphLines(sandbox), []);

    sandbox.setTap({ isUsableOnce: true });
    const forcedByPolicy = await runIssueTap(sandbox, dir, ["--user", "ada@contoso.example"]);
    assert.equal(forcedByPolicy.code, 1);
    assert.match(
      forcedByPolicy.stderr,
      /skipped: the tenant's policy makes every pass one-time \(isUsableOnce: true\)/,
    );

    sandbox.clearLog();
    const confirmed = await runIssueTap(sandbox, dir, [
      "--user",
      "ada@contoso.example",
      "--usable-once-not-for-autopilot",
    ]);
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.match(confirmed.stdout, /\(60 minutes\), usable once\.\n/);
    assert.equal(graphLines(sandbox).at(-1), `POST ${methodsPath(ids.ada)} {"isUsableOnce":true}`);
  });

  it("skips a user who holds a working pass, and replaces it only with --replace", async () => {
    const seeded = await seedPass(sandbox, ids.ada);
    const kept = await runIssueTap(sandbox, dir, ["--user", ids.ada]);
    assert.equal(kept.code, 1);
    assert.match(
      kept.stderr,
      new RegExp(
        `^issue-tap: ada@contoso\\.example \\(object id ${ids.ada}\\): skipped: already holds a pass \\(created \\S+, ` +
          `valid until \\S+\\); --replace replaces it, and the old one stops working\\n$`,
      ),
    );
    assert.ok(!graphLines(sandbox).some((line) => line.startsWith(`POST ${methodsPath(ids.ada)}`)));
    assert.deepEqual(
      (await passesOf(sandbox, ids.ada)).map((pass) => pass.id),
      [seeded],
    );

    sandbox.clearLog();
    const replaced = await runIssueTap(sandbox, dir, ["--user", ids.ada, "--replace"]);
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.match(replaced.stdout, /usable more than once; replaced the pass created \S+\.\n/);
    assert.equal(graphLines(sandbox).at(-1), `POST ${methodsPath(ids.ada)} {"isUsableOnce":false}`);
    const after = await passesOf(sandbox, ids.ada);
    assert.equal(after.length, 1);
    assert.notEqual(after[0].id, seeded);
  });

  it("stops with exit 1 and Graph's answer when the policy cannot be read, asking nothing about the user", async () => {
    sandbox.setPermissions("User.Read.All", "UserAuthenticationMethod.ReadWrite.All", "GroupMember.Read.All");
    const result = await runIssueTap(sandbox, dir, ["--user", "ada@contoso.example"]);
    assert.deepEqual([result.code, result.stdout], [1, ""]);
    assert.match(
      result.stderr,
      new RegExp(
        `^issue-tap: cannot read the tenant's Temporary Access Pass policy: ${POLICY_READ} failed: 403 ` +
          "Authorization_RequestDenied: Insufficient privileges to complete the operation \\(request-id [0-9a-f-]{36}\\)\\. " +
          "The app needs Policy\\.Read\\.All or Policy\\.ReadWrite\\.AuthenticationMethod\\.\\n$",
      ),
    );
    assert.deepEqual(graphLines(sandbox), [POLICY_READ]);
  });

  it("skips a disabled account and an unknown user; a missing permission fails with Graph's answer and the hint", async () => {
    const disabled = await runIssueTap(sandbox, dir, ["--user", "cy@contoso.example"]);
    assert.equal(
      disabled.stderr,
      `issue-tap: cy@contoso.example (object id ${ids.cy}): skipped: the account is disabled (accountEnabled: false)\n`,
    );
    const unknown = await runIssueTap(sandbox, dir, ["--user", "zed@contoso.example"]);
    assert.equal(
      unknown.stderr,
      "issue-tap: zed@contoso.example: skipped: no such user (Graph answered 404 Request_ResourceNotFound)\n",
    );
    sandbox.revoke("UserAuthenticationMethod.ReadWrite.All");
    const denied = await runIssueTap(sandbox, dir, ["--user", "ada@contoso.example"]);
    assert.equal(denied.code, 1);
    assert.match(
      denied.stderr,
      new RegExp(
        `^issue-tap: ada@contoso\\.example \\(object id ${ids.ada}\\): failed: GET ${methodsPath(ids.ada)} failed: ` +
          "403 Authorization_RequestDenied: Insufficient privileges to complete the operation " +
          "\\(request-id [0-9a-f-]{36}\\)\\. The app needs UserAuthMethod-TAP\\.Read\\.All\\.\\n$",
      ),
    );
  });
});
