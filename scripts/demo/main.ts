/**
 * `npm run demo`: a whole deployment of the example stack (Pulumi.dev.yaml) against the embedded
 * Graph sandbox, for someone who has no tenant yet. Offline, no Pulumi CLI, temporary directories
 * only. Exit codes: 0 every step did what it should; 1 a step did not (the line says which).
 *
 * The sandbox serves HTTPS with a certificate from a throw-away CA, and Node reads
 * NODE_EXTRA_CA_CERTS only when a process starts. So this entry writes a CA first (as test/run.ts
 * does for the tests) and runs the demo in a child process that trusts it. The child loads the
 * TypeScript through the project's transpile cache (scripts/transpileCache.js; the providers' hosts use
 * the same cache), so only the first run after a change pays for transpiling.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CA_DIR_ENV, writeKeyMaterial } from "../../test/sandbox/certificates";
import { PROCESS_IO, readCommandLine, UsageError } from "../cli/commandLine";

const TRANSPILE_CACHE = join(__dirname, "..", "transpileCache.js");
const WORKER = join(__dirname, "worker.ts");

/** Runs the worker in a child process that trusts a CA made for this run; resolves to its exit code. */
async function runWithFreshCa(): Promise<number> {
  const caDir = mkdtempSync(join(tmpdir(), "demo-ca-"));
  try {
    const material = writeKeyMaterial(caDir);
    const child = spawn(process.execPath, ["-r", TRANSPILE_CACHE, WORKER], {
      stdio: "inherit",
      env: { ...process.env, NODE_EXTRA_CA_CERTS: material.ca.certFile, [CA_DIR_ENV]: caDir },
    });
    return await new Promise<number>((resolve) => {
      child.on("error", (error) => {
        process.stderr.write(`demo: could not start: ${error.message}\n`);
        resolve(1);
      });
      child.on("exit", (code) => resolve(code ?? 1));
    });
  } finally {
    rmSync(caDir, { recursive: true, force: true });
  }
}

const DEMO_USAGE = `usage: npm run demo

Deploys the example stack (Pulumi.dev.yaml) to an embedded Graph sandbox and walks through up, an
empty preview, a portal edit the drift report shows, the up that repairs it and destroy. Offline:
no tenant, no Pulumi CLI. Takes no options.

Exit codes: 0 every step did what it should; 1 a step did not (the line says which); 2 bad usage.`;

function noArguments(args: readonly string[]): void {
  if (args.length > 0) throw new UsageError(`takes no arguments, found ${JSON.stringify(args[0])}`);
}

const commandLine = readCommandLine("demo", DEMO_USAGE, process.argv.slice(2), noArguments, PROCESS_IO);
if ("exitCode" in commandLine) process.exitCode = commandLine.exitCode;
else
  void runWithFreshCa().then((code) => {
    process.exitCode = code;
  });
