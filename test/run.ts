/**
 * Runs mocha in a child process. Arguments are passed through to mocha, so
 * `npm run test:mocha -- test/graph/client.test.ts` runs one file. With `--typecheck` (what
 * `npm test` passes), `tsc --noEmit` over the project runs at the same time, its output is printed
 * after mocha's, and the run fails when either fails: the type-check's CPU time overlaps the tests'
 * waits on subprocesses and sockets instead of adding to them.
 *
 * Before mocha starts, a throw-away test CA (plus the Graph sandbox's server certificate and
 * token-signing key) is written to a fresh temporary directory. The child gets
 * NODE_EXTRA_CA_CERTS pointing at the CA certificate, so Node's fetch, @azure/identity and any
 * process it spawns trust the sandbox's HTTPS server, and GRAPH_SANDBOX_CA_DIR naming the
 * directory, where the sandbox finds its keys. The directory is removed afterwards.
 *
 * Mocha adds files named on the command line to the `spec` of .mocharc.json instead of
 * replacing it, so when files are named the config is passed as flags without its `spec` and
 * `ignore` (which leaves the deployment scenarios to `npm run test:scenarios`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CA_DIR_ENV, writeKeyMaterial } from "./sandbox/certificates";

/** Mocha arguments: as given, or, when test files are named, the config's options as flags plus those files. */
function mochaArguments(args: string[]): string[] {
  const namesFiles = args.some(
    (arg, i) =>
      !arg.startsWith("-") && (/\.[cm]?[jt]s$/.test(arg) || i === 0 || !args[i - 1].startsWith("-")),
  );
  if (!namesFiles) return args;
  const config = JSON.parse(readFileSync(join(__dirname, "..", ".mocharc.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const flags: string[] = ["--no-config"];
  for (const [key, value] of Object.entries(config)) {
    // Named files replace the config's file selection, its exclusions included.
    if (key === "spec" || key === "ignore") continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === true) flags.push(`--${key}`);
      else if (item !== false) flags.push(`--${key}`, String(item));
    }
  }
  return [...flags, ...args];
}

/** Runs mocha with the test CA in place; resolves to mocha's exit status. */
async function runMocha(args: string[]): Promise<number> {
  const caDir = mkdtempSync(join(tmpdir(), "graph-sandbox-ca-"));
  try {
    const material = writeKeyMaterial(caDir);
    const mocha = require.resolve("mocha/bin/mocha.js");
    const child = spawn(process.execPath, [mocha, ...mochaArguments(args)], {
      stdio: "inherit",
      env: { ...process.env, NODE_EXTRA_CA_CERTS: material.ca.certFile, [CA_DIR_ENV]: caDir },
    });
    return await new Promise<number>((resolve) => {
      child.on("error", (error) => {
        console.error(`could not start mocha: ${error.message}`);
        resolve(1);
      });
      child.on("exit", (code) => resolve(code ?? 1));
    });
  } finally {
    rmSync(caDir, { recursive: true, force: true });
  }
}

/** `tsc --noEmit` over the project, output kept for the end; resolves to its status and output. */
function typecheck(): Promise<{ status: number; output: string }> {
  const tsc = require.resolve("typescript/bin/tsc");
  const child = spawn(process.execPath, [tsc, "-p", join(__dirname, "..", "tsconfig.json"), "--noEmit"]);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on("error", (error) => resolve({ status: 1, output: `could not start tsc: ${error.message}` }));
    child.on("exit", (code) => resolve({ status: code ?? 1, output }));
  });
}

async function main(argv: string[]): Promise<number> {
  const withTypecheck = argv.includes("--typecheck");
  const args = argv.filter((arg) => arg !== "--typecheck");
  const typechecked = withTypecheck ? typecheck() : undefined;
  const mochaStatus = await runMocha(args);
  if (typechecked === undefined) return mochaStatus;
  const { status, output } = await typechecked;
  if (status !== 0) console.error(`\ntsc --noEmit failed:\n${output}`);
  else console.log("tsc --noEmit: no errors");
  return mochaStatus !== 0 ? mochaStatus : status;
}

void main(process.argv.slice(2)).then((status) => process.exit(status));
