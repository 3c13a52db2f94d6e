/**
 * Child process of the program-phase benchmark (programPhase.ts). Plain JavaScript because it has
 * to register ts-node itself, exactly as Pulumi's language runtime does
 * (@pulumi/pulumi/cmd/run/run.js, non-ESM branch), before any TypeScript is loaded.
 *
 * Runs with cwd = infra/ (Pulumi.yaml `main: infra/`). Environment:
 * - BENCH_PULUMI_CONFIG: the stack config as Pulumi passes it (full keys, structured values as JSON text).
 * - BENCH_STACK: the stack name.
 * - BENCH_TYPECHECK=1: register ts-node as Pulumi did before infra/tsconfig.json set `noCheck`
 *   (transpileOnly false, `noCheck` false); otherwise exactly as the project is set up now.
 * - PULUMI_NODEJS_TRANSPILE_ONLY: honoured as run.js honours it.
 * - BENCH_PROGRAM: a probe file to load instead of the program (to see whether ts-node reports
 *   its type error); the cwd is then the probe's directory, with a copy of infra/tsconfig.json.
 *
 * Prints one JSON line: the wall-clock time (ms since the epoch) at which the program's last resource
 * was registered, and what was registered; for a probe, whether ts-node reported a type error.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");

const now = () => performance.timeOrigin + performance.now();

function registerTypeScript() {
  // As run.js: the language runtime module loads @pulumi/pulumi's runtime before ts-node.
  const runDir = path.dirname(require.resolve("@pulumi/pulumi/cmd/run/run.js"));
  const tsutils = require("@pulumi/pulumi/tsutils");
  const semver = require(require.resolve("semver", { paths: [runDir] }));
  const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json";
  const skipProject = !fs.existsSync(tsConfigPath);
  const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
  let transpileOnly;
  const transpileOnlyEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
  if (transpileOnlyEnv) transpileOnly = transpileOnlyEnv === "true";
  else transpileOnly = compilerOptions.noCheck;
  if (process.env.BENCH_TYPECHECK === "1") {
    // A tsconfig.json without `noCheck`: run.js leaves transpileOnly undefined (ts-node type-checks).
    transpileOnly = false;
    compilerOptions.noCheck = false;
  }
  const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
  const ts = require(require.resolve(typescriptRequire, { paths: [runDir] }));
  const tsVersion = semver.parse(ts.version);
  const useNodeNext = tsVersion && tsVersion.compare(new semver.SemVer("4.7.0")) >= 0;
  const options = {
    compiler: typescriptRequire,
    transpileOnly,
    project: tsConfigPath,
    skipProject,
    compilerOptions: {
      target: "ES2020",
      module: useNodeNext ? "nodenext" : "commonjs",
      moduleResolution: useNodeNext ? "nodenext" : "node",
      sourceMap: "true",
      ...compilerOptions,
    },
  };
  require(require.resolve(tsnodeRequire, { paths: [runDir] })).register(options);
  return { transpileOnly: transpileOnly === true, noCheck: compilerOptions.noCheck === true };
}

async function main() {
  const pulumi = require("@pulumi/pulumi");
  const settings = require("@pulumi/pulumi/runtime/settings");
  const registered = [];
  let lastRegistration = 0;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push(`${args.type}::${args.name}`);
        lastRegistration = now();
        const inputs = args.inputs ?? {};
        if (args.custom === false) return { id: "", state: inputs };
        return {
          id: `${args.name}-id`,
          state: { ...inputs, objectId: "00000000-0000-4000-8000-000000000000" },
        };
      },
      call(args) {
        throw new Error(`The program called ${args.token}, which the benchmark does not mock`);
      },
    },
    "passwordless-onboarding",
    process.env.BENCH_STACK ?? "dev",
    true,
  );
  pulumi.runtime.setAllConfig(JSON.parse(process.env.BENCH_PULUMI_CONFIG ?? "{}"));
  const registration = registerTypeScript();
  const probe = process.env.BENCH_PROGRAM;
  if (probe !== undefined) {
    let diagnosticCodes = [];
    try {
      require(probe);
    } catch (error) {
      if (error === null || typeof error !== "object" || error.name !== "TSError") throw error;
      diagnosticCodes = error.diagnosticCodes ?? [];
    }
    process.stdout.write(`${JSON.stringify({ diagnosticCodes, ...registration })}\n`);
    return;
  }
  // As run.js: the package root is the nearest directory above the program with a package.json.
  let packageRoot = process.cwd();
  while (!fs.existsSync(path.join(packageRoot, "package.json"))) {
    const parent = path.dirname(packageRoot);
    if (parent === packageRoot) throw new Error(`no package.json above ${process.cwd()}`);
    packageRoot = parent;
  }
  const manifest = require(path.join(packageRoot, "package.json"));
  if (manifest.type === "module") throw new Error("ESM projects take run.js's other branch; not emulated");
  require(path.join(packageRoot, manifest.main));
  await settings.waitForRPCs();
  process.stdout.write(`${JSON.stringify({ lastRegistration, registered, ...registration })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
