/**
 * Preload (`node -r`) for the project's own Node processes that load TypeScript as Pulumi's
 * dynamic-provider host does: through the project's transpile cache
 * (infra/providers/hostLoader.js), without ts-node. `npm run demo` runs under it, and so do the
 * bench workers that time provider operations (no ts-node heap or hooks a provider host would not
 * have). Plain JavaScript: it runs before any TypeScript.
 */
"use strict";
const path = require("node:path");

require("../infra/providers/hostLoader.js").useTranspileCache(path.join(__dirname, ".."));
