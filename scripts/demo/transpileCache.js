/**
 * Preload of the demo's process (`node -r`, see main.ts): loads `.ts` files through the project's
 * transpile cache (infra/providers/hostLoader.js). Plain JavaScript: it runs before any TypeScript.
 */
"use strict";
const path = require("node:path");

require("../../infra/providers/hostLoader.js").useTranspileCache(path.join(__dirname, "..", ".."));
