/**
 * Runs mocha in a child process. Arguments are passed through to mocha, so
 * `npm run test:mocha -- test/graph/client.test.ts` runs one file.
 * (The Graph sandbox's test CA is prepared here before mocha starts; see test/sandbox.)
 */
import { spawnSync } from "node:child_process";

const mocha = require.resolve("mocha/bin/mocha.js");
const result = spawnSync(process.execPath, [mocha, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: process.env,
});
process.exit(result.status ?? 1);
