/** The command as its own process: --help and a usage error (exit codes, one line, no stack trace). */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const MAIN = join(ROOT, "scripts", "preflight", "main.ts");

function preflight(
  args: string[],
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["-r", require.resolve("ts-node/register/transpile-only"), MAIN, ...args],
      {
        cwd,
        env: { PATH: process.env.PATH ?? "", TS_NODE_PROJECT: join(ROOT, "tsconfig.json") },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("preflight command", function () {
  this.timeout(20000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "preflight-cli-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints --help and exits 0", async () => {
    const result = await preflight(["--help"], dir);
    assert.equal(result.status, 0);
    assert.equal(result.stderr, "");
    assert.match(
      result.stdout,
      /^usage: npm run preflight -- --stack <name> \[--identity reader\|deployer\] \[--json <file>\] \[--markdown <file>\]\n/,
    );
    assert.match(result.stdout, /Exit codes: 0 all checks passed/);
    assert.match(result.stdout, /--identity <which> {2}deployer \(default\)/);
  });

  it("exits 2 with one line for an unknown --identity", async () => {
    const result = await preflight(["--stack", "dev", "--identity", "admin"], dir);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      'preflight: --identity must be reader or deployer, not "admin" (see --help)\n',
    );
  });

  it("exits 2 with one line and no stack trace when the stack file is missing", async () => {
    const result = await preflight(["--stack", "nosuch"], dir);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr.trimEnd(), `preflight: Pulumi.nosuch.yaml not found in ${dir} (see --help)`);
  });
});
