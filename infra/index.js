/**
 * The program's entry for Pulumi (Pulumi.yaml `main: infra/index.js`). When Pulumi's ts-node only transpiles
 * (infra/tsconfig.json sets `noCheck`), the program's TypeScript is taken from the transpile cache
 * the providers use (providers/hostLoader.js), so a run transpiles only files that changed, not the
 * whole program. A run with type-checking keeps ts-node's own handler. Plain JavaScript: it runs
 * before anything else of the program is loaded.
 */
"use strict";
const path = require("node:path");

const tsNode = process[Symbol.for("ts-node.register.instance")];
if (tsNode !== undefined && tsNode.options.transpileOnly === true) {
  require("./providers/hostLoader.js").useTranspileCache(path.resolve(__dirname, ".."));
}
module.exports = require("./index.ts");
