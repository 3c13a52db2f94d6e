/**
 * The export command as a caller sees it: --help, one-line errors without a stack trace, exit
 * codes, the files written. Two runs spawn the command as its own process, the way `npm run export`
 * runs it (the entry's wiring of argv, environment, working directory and exit code); the other
 * command-line answers are asserted on `run`, in this process.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import { runExport, sandboxEnv } from "./support/runExport";

const ROOT = join(__dirname, "..", "..");
const MAIN = join(ROOT, "scripts", "export", "main.ts");

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command with only the given sign-in settings (nothing from this process's ARM_* / AZURE_*). */
function exportCommand(args: string[], cwd: string, identity: Record<string, string> = {}): Promise<Result> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", ...identity };
  if (process.env.NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["-r", require.resolve("ts-node/register/transpile-only"), MAIN, ...args],
      {
        cwd,
        env: { ...env, TS_NODE_PROJECT: join(ROOT, "tsconfig.json") },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function assertOneLineError(result: Result, stderr: RegExp): void {
  assert.equal(result.stderr.split("\n").filter((line) => line !== "").length, 1, result.stderr);
  assert.match(result.stderr.trimEnd(), stderr);
  assert.ok(!/\n\s+at /.test(result.stderr), `stack trace in: ${result.stderr}`);
}

describe("export command", function () {
  this.timeout(60000);
  let sandbox: Sandbox;
  let dir: string;
  useSandboxPerSuite((started) => {
    sandbox = started;
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "export-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("prints --help with the read permissions and exits 0", async () => {
    const result = await exportCommand(["--help"], dir);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, "");
    assert.match(
      result.stdout,
      /^usage: npm run export -- --stack <name> \[--out <file>\] \[--ids\] \[--report <file>\] \[--force\]\n/,
    );
    for (const permission of [
      "Policy.Read.All",
      "DeviceManagementConfiguration.Read.All",
      "GroupMember.Read.All",
      "User.Read.All",
    ]) {
      assert.ok(result.stdout.includes(permission), permission);
    }
  });

  it("writes Pulumi.<stack>.yaml and the report in the project directory; a refused read is one line and exit 1", async () => {
    sandbox.revoke("DeviceManagementConfiguration.ReadWrite.All");
    try {
      const result = await exportCommand(["--stack", "dev"], dir, sandboxEnv(sandbox));
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assertOneLineError(
        result,
        /^export: settings-catalog profiles \(settings and assignments\) not read: .* 403 .*The app needs DeviceManagementConfiguration\.Read\.All\.$/,
      );
      assert.match(
        result.stdout,
        /^export: wrote .*Pulumi\.dev\.yaml and .*dev\.export\.md \(tenant [0-9a-f-]+\)\n/,
      );
      assert.match(
        readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8"),
        /^ {2}passwordless-onboarding:temporaryAccessPass:$/m,
      );
      assert.match(readFileSync(join(dir, "dev.export.md"), "utf8"), /^# Export of tenant `/);
    } finally {
      sandbox.grant("DeviceManagementConfiguration.ReadWrite.All");
    }
  });

  it("refuses an invalid stack name with exit 2 and one line", async () => {
    const result = await runExport(dir, ["--stack", "my stack"], sandboxEnv(sandbox));
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, "");
    assertOneLineError(
      result,
      /^export: --stack "my stack" is not a valid Pulumi stack name: .* \(see --help\)$/,
    );
  });

  it("says which variables or keys are missing when there is no identity, with exit 2 and one line", async () => {
    const result = await runExport(dir, ["--stack", "dev"], {});
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, "");
    assertOneLineError(
      result,
      /^export: no Graph identity: missing ARM_TENANT_ID \(or azuread:tenantId\), ARM_CLIENT_ID \(or azuread:clientId\), a way to sign in \(ARM_CLIENT_SECRET, ARM_USE_OIDC, ARM_USE_MSI or ARM_USE_CLI\); .* Pulumi\.dev\.yaml\)$/,
    );
    assert.deepEqual(sandbox.graphRequests(), []);
  });
});
