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

/**
 * Part of every cache key: changed whenever the options below change what a transpiled file
 * holds, so no file transpiled the old way is read again.
 */
const CACHE_FORMAT = "2: output in the source's place";

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
      // The output is loaded in the source's place, so its inline map must name the source as a
      // sibling: an outDir, rootDir or sourceRoot would make it name a path that does not exist.
      const compilerOptions = {
        ...options,
        outDir: undefined,
        rootDir: undefined,
        sourceRoot: undefined,
        mapRoot: undefined,
        sourceMap: false,
        inlineSourceMap: true,
        inlineSources: false,
      };
      compile = (text, fileName) => ts.transpileModule(text, { compilerOptions, fileName }).outputText;
    }
    return compile(source, filename);
  };
  const outputs = mapStackTraces(root);
  require.extensions[".ts"] = function loadTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto
      .createHash("sha256")
      .update(`${CACHE_FORMAT}\0${typescriptVersion}\0${tsconfigText}\0${filename}\0${source}`)
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
 * Makes stack traces name TypeScript lines, from the inline source map of each transpiled file,
 * parsed only when a trace needs it. The source-map-support that already formats this process's
 * traces is handed the transpiled text: ts-node's in the program's process, and in the
 * dynamic-provider host the copy @pulumi/pulumi registers before it loads anything
 * (cmd/dynamic-provider/index.js); its formatter overrides Node's, so Node's own source maps
 * would map nothing there, and they would parse every module's map at load. Only a process with
 * neither package falls back to Node's source maps. Returns the map of file name to transpiled
 * text to fill.
 */
function mapStackTraces(root) {
  const outputs = new Map();
  try {
    const support = loadSourceMapSupport(root);
    support.install({ retrieveFile: (file) => outputs.get(file), handleUncaughtExceptions: false });
  } catch {
    process.setSourceMapsEnabled(true);
  }
  return outputs;
}

function loadSourceMapSupport(root) {
  const [owner, name] =
    process[Symbol.for("ts-node.register.instance")] === undefined
      ? ["@pulumi/pulumi", "source-map-support"]
      : ["ts-node", "@cspotcode/source-map-support"];
  const ownerDir = path.dirname(require.resolve(owner, { paths: [root] }));
  return require(require.resolve(name, { paths: [ownerDir] }));
}
