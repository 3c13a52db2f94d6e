import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { createGraphClient } from "../../infra/graph/client";
import { startSandbox, type Sandbox } from "../sandbox";
import { TAP_PATH } from "./sandboxClient";

const PROJECT_DIR = join(__dirname, "..", "..");

/** Runs a script with node; NODE_PATH lets the serialized code `require` the project's packages. */
function runNode(script: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script],
      {
        cwd: PROJECT_DIR,
        env: { PATH: process.env.PATH ?? "", NODE_PATH: join(PROJECT_DIR, "node_modules"), ...env },
        timeout: 15_000,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout, stderr }),
    );
  });
}

describe("createGraphClient inside a serialized function (as Pulumi runs dynamic providers)", () => {
  let sandbox: Sandbox;
  let dir: string;

  before(async () => {
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), "graph-serialized-"));
  });
  after(async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serializes without capturing a secret and reaches Graph from a fresh process", async () => {
    const readTap = async (): Promise<unknown> => {
      const client = createGraphClient({ retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 } });
      return client.get(TAP_PATH);
    };
    const serialized = await pulumi.runtime.serializeFunction(() => readTap, { allowSecrets: false });
    assert.equal(serialized.containsSecrets, false);
    assert.ok(!serialized.text.includes(sandbox.clientSecret));
    assert.ok(
      !/require\("(\.|\/)/.test(serialized.text),
      "no project-relative require in the serialized text",
    );

    const module = join(dir, "readTap.js");
    writeFileSync(module, serialized.text);
    const script = join(dir, "main.js");
    writeFileSync(
      script,
      `require(${JSON.stringify(module)}).handler()().then(` +
        `(tap) => console.log(JSON.stringify(tap)), (e) => { console.error(e.message); process.exit(1); });`,
    );
    const { stdout } = await runNode(script, sandbox.env());
    const tap = JSON.parse(stdout) as { id: string };
    assert.equal(tap.id, "TemporaryAccessPass");
    assert.equal(sandbox.graphRequests().length, 1);
  });
});
