/**
 * Stack traces of TypeScript loaded through the transpile cache (infra/providers/hostLoader.js)
 * point at the TypeScript source lines, both where ts-node's source-map support formats them (the
 * program's process under Pulumi) and in the dynamic-provider host, which has no ts-node but has
 * registered source-map-support before it loads anything (@pulumi/pulumi
 * cmd/dynamic-provider/index.js: `require("source-map-support/register")`), so its stack-trace
 * formatter, not Node's, decides what a trace says.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const HOST_LOADER = path.join(REPO_ROOT, "infra", "providers", "hostLoader.js");

// Type-only lines vanish when transpiled, so an unmapped trace would name a line far above 12.
const THROWER = `interface First {
  a: string;
  b: number;
}
interface Second {
  c: string;
  d: number;
}
type Third = First & Second;
export function fail(value: Third | undefined): never {
  void value;
  throw new Error("thrown on line 12");
}
`;

type Process = "ts-node" | "pulumi-host" | "bare";

const PULUMI_HOST_ENTRY = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js", {
  paths: [REPO_ROOT],
});

function childScript(kind: Process, root: string): string {
  const withTsNode = kind === "ts-node";
  return `
    ${
      kind === "pulumi-host"
        ? `require(require.resolve("source-map-support/register", { paths: [${JSON.stringify(path.dirname(PULUMI_HOST_ENTRY))}] }));`
        : ""
    }
    ${
      withTsNode
        ? `require(require.resolve("ts-node", { paths: [${JSON.stringify(REPO_ROOT)}] })).register({
             transpileOnly: true, project: ${JSON.stringify(path.join(root, "tsconfig.json"))},
             compilerOptions: { target: "ES2020", module: "commonjs", moduleResolution: "node", sourceMap: "true" } });`
        : ""
    }
    require(${JSON.stringify(HOST_LOADER)}).useTranspileCache(${JSON.stringify(root)});
    try { require(${JSON.stringify(path.join(root, "thrower.ts"))}).fail(undefined); }
    catch (error) { process.stdout.write(error.stack); }
    process.stdout.write("\\nsourceMapsEnabled=" + process.sourceMapsEnabled);
  `;
}

describe("stack traces of TypeScript loaded through the transpile cache", function () {
  this.timeout(30_000);
  let root = "";

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "transpile-cache-traces-"));
    writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "traces" }));
    // An outDir, as the project's tsconfig has: the cache loads the output in the source's place.
    writeFileSync(
      path.join(root, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, sourceMap: true, outDir: "bin" } }),
    );
    writeFileSync(path.join(root, "thrower.ts"), THROWER);
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const [label, kind] of [
    ["with ts-node registered (the program's process)", "ts-node"],
    ["in Pulumi's dynamic-provider host (its source-map-support registered, no ts-node)", "pulumi-host"],
    ["in a process with neither", "bare"],
  ] as const) {
    it(`name the TypeScript line ${label}, first run and from the cache`, () => {
      for (const run of ["first", "cached"]) {
        const result = spawnSync(process.execPath, ["-e", childScript(kind, root)], {
          cwd: root,
          encoding: "utf8",
          timeout: 20_000,
        });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /thrown on line 12/);
        assert.ok(
          result.stdout.includes(`(${path.join(root, "thrower.ts")}:12:`),
          `${run} run:\n${result.stdout}`,
        );
        // Node's own source maps parse every loaded module's map up front (tens of milliseconds
        // in a provider host); the traces are mapped lazily instead.
        assert.match(result.stdout, /sourceMapsEnabled=false$/);
      }
    });
  }
});
