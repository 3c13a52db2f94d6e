// Copies into dist/ the plain-JavaScript file the compiled package needs at run time and tsc does
// not emit: the loader the dynamic-provider host runs (infra/providers/hostLoader.js).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "..");
for (const file of ["infra/providers/hostLoader.js"]) {
  fs.mkdirSync(path.dirname(path.join(root, "dist", file)), { recursive: true });
  fs.copyFileSync(path.join(root, file), path.join(root, "dist", file));
}
