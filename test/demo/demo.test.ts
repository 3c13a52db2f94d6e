/**
 * `npm run demo` as a new user runs it from a fresh clone: its own process, no test CA in the
 * environment, offline. It must say what each step changed in the tenant, exit 0, clean up its
 * temporary directories and leave no provider host running.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CA_DIR_ENV } from "../sandbox/certificates";
import { hostProcessesFor } from "./hostProcesses";

const PROJECT_ROOT = join(__dirname, "..", "..");

interface DemoRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function runDemo(tempDir: string): Promise<DemoRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tempDir };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env[CA_DIR_ENV];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "demo"], { cwd: PROJECT_ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) =>
      resolve({ status, stdout, stderr, seconds: (Date.now() - started) / 1000 }),
    );
  });
}

describe("npm run demo", function () {
  this.timeout(90_000);
  let tempDir: string;
  let run: DemoRun;

  before(async () => {
    tempDir = mkdtempSync(join(tmpdir(), "demo-test-"));
    run = await runDemo(tempDir);
  });
  after(() => rmSync(tempDir, { recursive: true, force: true }));

  it("exits 0 with nothing on standard error", () => {
    assert.equal(run.stderr, "", run.stderr);
    assert.equal(run.status, 0, run.stdout);
  });

  it("deploys the example stack and says what the first up changed in the tenant", () => {
    assert.match(run.stdout, /^Demo: the example stack Pulumi\.dev\.yaml deployed to the Graph sandbox/);
    assert.match(run.stdout, /Temporary Access Pass policy disabled for all users/);
    const up = section(run.stdout, "1. pulumi up");
    assert.match(
      up,
      /Set the Temporary Access Pass policy .*: enabled for group "New hires", 480-minute default lifetime \(60-480 allowed\), reusable, 8 characters\./,
    );
    assert.match(
      up,
      /Created the Conditional Access policy "Require MFA to register security info": report-only/,
    );
    assert.match(up, /Created the dynamic device group "Autopilot devices \(dev\)": every Autopilot device/);
    assert.match(
      up,
      /Created the Intune settings-catalog profile "Windows - Enable Web Sign-in \(dev\)": Web sign-in enabled\./,
    );
    assert.match(up, /Assigned the profile to group "Autopilot devices \(dev\)"\./);
  });

  it("previews no change after the up", () => {
    assert.match(section(run.stdout, "2. pulumi preview"), /No changes: .*\(no write to Graph\)\./);
  });

  it("shows the portal edit in the drift report, and the up --refresh that sets it back", () => {
    const drift = section(run.stdout, "3. Someone edits");
    assert.match(drift, /Someone changed maximumLifetimeInMinutes from 480 to 720 minutes in the portal\./);
    assert.match(drift, /1 resource would change\./);
    assert.match(drift, /\| `maximumLifetimeInMinutes` \| `720` \| `480` \|/);
    const repair = section(run.stdout, "4. pulumi up --refresh");
    assert.match(repair, /Set the Temporary Access Pass policy's maximumLifetimeInMinutes back/);
    assert.match(repair, /\(1 write to Graph \(PATCH 1\)\.\) `pulumi up` set the portal edit back/);
  });

  it("destroys, restoring the TAP policy found before the first up", () => {
    const destroy = section(run.stdout, "5. pulumi destroy");
    assert.match(
      destroy,
      /Restored the Temporary Access Pass policy to what the first up found: disabled for all users, 60-minute default lifetime/,
    );
    assert.match(destroy, /Deleted the Conditional Access policy "Require MFA to register security info"\./);
    assert.match(destroy, /The tenant is as the demo found it/);
  });

  it("removes its temporary directories and leaves no provider host running", () => {
    // npm itself keeps its compile cache there.
    const left = readdirSync(tempDir).filter((entry) => !entry.startsWith("v8-compile-cache"));
    assert.deepEqual(left, []);
    const endpoint = /Graph sandbox \((https:\/\/127\.0\.0\.1:\d+)\)/.exec(run.stdout)?.[1];
    assert.ok(endpoint, "the demo names its sandbox's endpoint");
    assert.deepEqual(hostProcessesFor(endpoint), []);
  });

  it("finishes well under a minute", () => {
    assert.ok(run.seconds < 60, `took ${run.seconds} s`);
  });
});

/** The lines of one numbered step, from its heading to the next blank line. */
function section(output: string, heading: string): string {
  const start = output.indexOf(`\n${heading}`);
  assert.ok(start >= 0, `no step "${heading}" in:\n${output}`);
  const end = output.indexOf("\n\n", start + 1);
  return output.slice(start, end < 0 ? undefined : end);
}
