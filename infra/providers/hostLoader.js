/**
 * Loads a provider class from this checkout into Pulumi's dynamic-provider host, for the entry
 * stored in state (thinProvider.ts). Plain JavaScript: the host has no TypeScript support when it
 * loads this file.
 *
 * TypeScript files are transpiled (not type-checked: `tsc` in CI and `npm test` does that) with
 * the project's tsconfig.json, and the JavaScript is kept in node_modules/.cache, keyed by a hash
 * of the compiler version, the tsconfig and the source. The engine starts a fresh host for every
 * operation, so only the first one after a change pays for TypeScript; the others read the cache.
 * A cache that cannot be written only costs time.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

exports.useTranspileCache = useTranspileCache;

exports.loadProvider = function loadProvider(root, target) {
  // A checkout has the TypeScript source; the package's dist/ has the compiled JavaScript only.
  const source = path.join(root, target.modulePath);
  const file = fs.existsSync(source) ? source : source.replace(/\.ts$/, ".js");
  if (file.endsWith(".ts")) installTypeScript(root);
  const exported = require(file)[target.exportName];
  if (typeof exported !== "function") {
    throw new Error(`${target.modulePath} does not export a provider class named ${target.exportName}.`);
  }
  return new exported(target.options);
};

function installTypeScript(root) {
  if (require.extensions[".ts"] !== undefined) return; // ts-node (the program's process, tests)
  useTranspileCache(root);
}

/**
 * Loads `.ts` files through the cache, in place of any other handler. The host uses it; so does
 * the program's entry (infra/index.js) when Pulumi's ts-node only transpiles.
 */
function useTranspileCache(root) {
  const tsconfigPath = path.join(root, "tsconfig.json");
  const tsconfigText = fs.readFileSync(tsconfigPath, "utf8");
  const typescriptVersion = require(require.resolve("typescript/package.json", { paths: [root] })).version;
  const cacheDir = path.join(root, "node_modules", ".cache", "passwordless-onboarding-transpiled");
  let compile;
  const transpile = (source, filename) => {
    if (compile === undefined) {
      const ts = require(require.resolve("typescript", { paths: [root] }));
      const { config } = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
      const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
      const compilerOptions = { ...options, sourceMap: false, inlineSourceMap: true, inlineSources: false };
      compile = (text, fileName) => ts.transpileModule(text, { compilerOptions, fileName }).outputText;
    }
    return compile(source, filename);
  };
  const outputs = mapStackTraces(root);
  require.extensions[".ts"] = function loadTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto
      .createHash("sha256")
      .update(`${typescriptVersion}\0${tsconfigText}\0${filename}\0${source}`)
      .digest("hex");
    const cached = path.join(cacheDir, `${key}.js`);
    let output;
    try {
      output = fs.readFileSync(cached, "utf8");
    } catch {
      output = transpile(source, filename);
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const temporary = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, output);
        fs.renameSync(temporary, cached);
      } catch {
        // Read-only checkout: transpile again next time.
      }
    }
    outputs.set(filename, output);
    module._compile(output, filename);
  };
}

/**
 * Makes stack traces name TypeScript lines, from the inline source map of each transpiled file.
 * Where ts-node is registered (the program's process), its source-map support formats every stack
 * trace and reads each file's text to find the map, so it is handed the transpiled text; Node's
 * own source maps would never be consulted there. Elsewhere (the dynamic-provider host) Node's
 * source maps do the work. Returns the map of file name to transpiled text to fill.
 */
function mapStackTraces(root) {
  const outputs = new Map();
  if (process[Symbol.for("ts-node.register.instance")] === undefined) {
    process.setSourceMapsEnabled(true);
    return outputs;
  }
  try {
    const tsNodeDir = path.dirname(require.resolve("ts-node", { paths: [root] }));
    const sourceMapSupport = require(
      require.resolve("@cspotcode/source-map-support", { paths: [tsNodeDir] }),
    );
    sourceMapSupport.install({ retrieveFile: (file) => outputs.get(file) });
  } catch {
    // Without ts-node's source-map support the traces name transpiled lines: only less precise.
  }
  return outputs;
}
