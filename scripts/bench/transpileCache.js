/**
 * Preloaded (`node -r`) into the lifecycle and floor workers in place of ts-node: TypeScript is
 * loaded as Pulumi's dynamic-provider host loads it (infra/providers/hostLoader.js, from the
 * transpile cache, without TypeScript in memory once the cache is warm), so those measurements
 * carry no ts-node heap or hooks that a provider host would not have.
 */
"use strict";
const path = require("node:path");

require("../../infra/providers/hostLoader.js").useTranspileCache(path.resolve(__dirname, "..", ".."));
