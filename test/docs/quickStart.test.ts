/**
 * The README's quick start, walked against the Graph sandbox as far as it runs offline: every
 * shell block in the README is marked `<!-- run: offline -->` (executed here, in order, in a copy
 * of the checkout made of links, each block starting from the environment the one before left)
 * or `<!-- run: skip, <reason> -->` (listed below as pending, with the reason). The steps that
 * need a tenant are stood in for by the sandbox: its connection variables replace step 2's
 * identity, and its objects' ids replace the placeholders step 3 looks up with the Azure CLI.
 *
 * docs/sandbox.md's "point a shell at it" block is walked too, as written.
 */
import * as assert from "node:assert/strict";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../sandbox";
import { seedTenant, type TenantIds } from "../preflight/support/tenant";
import { checkoutMirror, type CheckoutMirror } from "./checkoutMirror";
import { codeBlocks, readDoc, section, type CodeBlock } from "./markdown";
import { processesGone } from "./processes";
import { runShellBlock, type ShellRun } from "./shellBlock";

const README = readDoc("README.md");
const shellBlocks = codeBlocks(README).filter((block) => block.language === "sh");
const quickStart = codeBlocks(section(README, "Quick start") ?? "").filter(
  (block) => block.language === "sh",
);
const SANDBOX_DOC_BLOCK = codeBlocks(readDoc("docs/sandbox.md")).find((block) => block.marker === "offline");
const BLOCK_TIMEOUT_MS = 60_000;

function isOffline(block: CodeBlock): boolean {
  return block.marker === "offline";
}

function skipReason(block: CodeBlock): string | undefined {
  return /^skip, (.+)$/.exec(block.marker ?? "")?.[1];
}

/** A user's shell: no test CA (the sandbox makes its own), temporary files in `tempDir`. */
function userShellEnv(tempDir: string): Record<string, string> {
  const env: Record<string, string> = { TMPDIR: tempDir };
  for (const name of ["PATH", "HOME", "LANG"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Stands in for step 3's look-ups: each placeholder id in the stack files the walk wrote becomes a sandbox object's. */
function fillPlaceholders(dir: string, ids: TenantIds): void {
  const standIns: Record<string, string> = {
    "00000000-0000-0000-0000-0000000000a1": ids.newHires,
    "00000000-0000-0000-0000-0000000000b1": ids.breakGlass[0].id,
    "00000000-0000-0000-0000-0000000000b2": ids.breakGlass[1].id,
  };
  for (const file of readdirSync(dir).filter((name) => /^Pulumi\..+\.yaml$/.test(name))) {
    if (file === "Pulumi.dev.yaml") continue; // the link to the repository's example: never written
    const path = join(dir, file);
    const text = readFileSync(path, "utf8");
    const filled = text.replace(/00000000-0000-0000-0000-0000000000[0-9a-f]{2}/g, (id) => standIns[id] ?? id);
    const unknown = /00000000-0000-0000-0000-0000000000[0-9a-f]{2}/.exec(filled.replace(/#.*$/gm, ""));
    assert.equal(unknown, null, `${file}: no sandbox stand-in for the placeholder ${unknown?.[0]}`);
    writeFileSync(path, filled);
  }
}

function describeRun(run: ShellRun): string {
  return `exit ${run.status}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

describe("README quick start, walked against the Graph sandbox", function () {
  this.timeout(150_000);
  let mirror: CheckoutMirror;
  let tempDir: string;
  let sandbox: Sandbox;
  let ids: TenantIds;
  let quickStartRuns: Promise<ShellRun[]>;
  let sandboxDocRun: Promise<ShellRun>;
  let sandboxDocTemp: string;

  before(async () => {
    mirror = checkoutMirror();
    tempDir = mkdtempSync(join(tmpdir(), "docs-walk-"));
    sandbox = await startSandbox();
    ids = await seedTenant(sandbox);
    // Both walks at once: each is mostly waiting on `npm run` start-ups.
    quickStartRuns = walkQuickStart();
    sandboxDocTemp = mkdtempSync(join(tempDir, "sandbox-doc-"));
    sandboxDocRun = runShellBlock(SANDBOX_DOC_BLOCK?.body ?? "false", {
      cwd: mirror.dir,
      env: userShellEnv(sandboxDocTemp),
      timeoutMs: BLOCK_TIMEOUT_MS,
    });
    await Promise.allSettled([quickStartRuns, sandboxDocRun]);
  });

  after(async () => {
    await sandbox?.stop();
    mirror?.remove();
    rmSync(tempDir, { recursive: true, force: true });
  });

  async function walkQuickStart(): Promise<ShellRun[]> {
    // The sandbox's identity (and the CA that signed its certificate) stands in for step 2.
    let env: Record<string, string> = { ...userShellEnv(tempDir), ...sandbox.env() };
    const runs: ShellRun[] = [];
    for (const block of quickStart.filter(isOffline)) {
      fillPlaceholders(mirror.dir, ids);
      const run = await runShellBlock(block.body, { cwd: mirror.dir, env, timeoutMs: BLOCK_TIMEOUT_MS });
      runs.push(run);
      if (run.status !== 0) break;
      env = run.env;
    }
    return runs;
  }

  it("marks every shell block in the README as run offline or skipped, with the reason", () => {
    const unmarked = shellBlocks
      .filter((block) => !isOffline(block) && skipReason(block) === undefined)
      .map(
        (block) =>
          `README.md:${block.line} (${block.section}): ${block.marker ?? "no <!-- run: … --> marker"}`,
      );
    assert.deepEqual(unmarked, []);
    assert.ok(quickStart.filter(isOffline).length >= 3, "the quick start has offline steps to walk");
  });

  it("runs every offline step of the quick start, in order, and each succeeds", async () => {
    const runs = await quickStartRuns;
    const offline = quickStart.filter(isOffline);
    runs.forEach((run, index) =>
      assert.equal(
        run.status,
        0,
        `README.md:${offline[index].line}:\n${offline[index].body}\n${describeRun(run)}`,
      ),
    );
    assert.equal(runs.length, offline.length);
  });

  it("ends with a stack file from the example that passes preflight against the tenant", async () => {
    const runs = await quickStartRuns;
    const stack = runs.at(-1)?.env.STACK;
    assert.ok(stack, "the quick start exports STACK");
    assert.ok(
      existsSync(join(mirror.dir, `Pulumi.${stack}.yaml`)),
      "the stack file was written in the checkout",
    );
    const report = JSON.parse(readFileSync(join(mirror.dir, `${stack}.preflight.json`), "utf8")) as {
      result: string;
    };
    assert.notEqual(report.result, "fail", JSON.stringify(report, null, 2));
  });

  it("docs/sandbox.md: starting the sandbox, exporting its tenant and stopping it work as written, outside the checkout", async () => {
    assert.ok(SANDBOX_DOC_BLOCK, "docs/sandbox.md has a block marked <!-- run: offline -->");
    const run = await sandboxDocRun;
    assert.equal(run.status, 0, describeRun(run));
    assert.match(run.stdout, /export: wrote .*Pulumi\.sandbox\.yaml/);
    assert.ok(existsSync(join(sandboxDocTemp, "Pulumi.sandbox.yaml")), "the stack file is where --out says");
    assert.deepEqual(
      readdirSync(mirror.dir).filter((file) => file.includes("sandbox")),
      [],
      "the checkout gets no file from it",
    );
    assert.deepEqual(await processesGone("test/sandbox/main.ts", realpathSync(mirror.dir), 10_000), []);
  });

  for (const block of shellBlocks.filter((candidate) => skipReason(candidate) !== undefined)) {
    const firstCommand = block.body.split("\n").find((line) => line.trim() !== "") ?? "";
    it(`skipped, ${skipReason(block)}: ${firstCommand.replace(/\s+#.*$/, "")}`);
  }
});
