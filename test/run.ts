/**
 * Runs mocha in a child process. Arguments are passed through to mocha, so
 * `npm run test:mocha -- test/graph/client.test.ts` runs one file.
 *
 * Before mocha starts, a throw-away test CA (plus the Graph sandbox's server certificate and
 * token-signing key) is written to a fresh temporary directory. The child gets
 * NODE_EXTRA_CA_CERTS pointing at the CA certificate, so Node's fetch, @azure/identity and any
 * process it spawns trust the sandbox's HTTPS server, and GRAPH_SANDBOX_CA_DIR naming the
 * directory, where the sandbox finds its keys. The directory is removed afterwards.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CA_DIR_ENV, writeKeyMaterial } from "./sandbox/certificates";

const caDir = mkdtempSync(join(tmpdir(), "graph-sandbox-ca-"));
let status = 1;
try {
  const material = writeKeyMaterial(caDir);
  const mocha = require.resolve("mocha/bin/mocha.js");
  const result = spawnSync(process.execPath, [mocha, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: material.ca.certFile, [CA_DIR_ENV]: caDir },
  });
  if (result.error) console.error(`could not start mocha: ${result.error.message}`);
  status = result.status ?? 1;
} finally {
  rmSync(caDir, { recursive: true, force: true });
}
process.exit(status);
