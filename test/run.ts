/**
 * Runs mocha in a child process. Arguments are passed through to mocha, so
 * `npm run test:mocha -- test/graph/client.test.ts` runs one file.
 *
 * Before mocha starts, a throw-away test CA (plus the Graph sandbox's server certificate and
 * token-signing key) is written to a fresh temporary directory. The child gets
 * NODE_EXTRA_CA_CERTS pointing at the CA certificate, so Node's fetch, @azure/identity and any
 * process it spawns trust the sandbox's HTTPS server, and GRAPH_SANDBOX_CA_DIR naming the
 * directory, where the sandbox finds its keys. The directory is removed afterwards.
 *
 * Mocha adds files named on the command line to the `spec` of .mocharc.json instead of
 * replacing it, so when files are named the config is passed as flags without its `spec`.
 */
import { spawnSync } from "node:child_process";
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
    if (key === "spec") continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === true) flags.push(`--${key}`);
      else if (item !== false) flags.push(`--${key}`, String(item));
    }
  }
  return [...flags, ...args];
}

/** Runs mocha with the test CA in place; returns mocha's exit status. */
function runMocha(args: string[]): number {
  const caDir = mkdtempSync(join(tmpdir(), "graph-sandbox-ca-"));
  try {
    const material = writeKeyMaterial(caDir);
    const mocha = require.resolve("mocha/bin/mocha.js");
    const result = spawnSync(process.execPath, [mocha, ...mochaArguments(args)], {
      stdio: "inherit",
      env: { ...process.env, NODE_EXTRA_CA_CERTS: material.ca.certFile, [CA_DIR_ENV]: caDir },
    });
    if (result.error) console.error(`could not start mocha: ${result.error.message}`);
    return result.status ?? 1;
  } finally {
    rmSync(caDir, { recursive: true, force: true });
  }
}

process.exit(runMocha(process.argv.slice(2)));
