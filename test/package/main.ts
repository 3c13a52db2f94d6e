/**
 * `npm run test:package`: the package as a program outside this repository gets it. Packs it with
 * `npm pack` (the prepack build), installs the tarball into a temporary program (extracted into
 * its node_modules; the package's dependencies are linked from this checkout's node_modules, as no
 * test may reach the registry), then:
 * - type-checks a TypeScript consumer against the published declarations;
 * - runs the TypeScript and a JavaScript consumer under Pulumi's mocks: the expected resources,
 *   each Graph resource with the component's connection;
 * - shows the component's guardrails stopping a one-time pass before anything is declared;
 * - loads a serialized provider the way the dynamic-provider host does, from the program's
 *   directory, and has it answer `check` from the package's compiled code.
 * Not part of `npm test` (the build takes most of its time); CI runs it (.ci/run).
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const REPO = join(__dirname, "..", "..");
const CONSUMER_FILES = join(__dirname, "consumer");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

interface Declared {
  resources: { type: string; name: string; inputs: Record<string, unknown> }[];
  error?: string;
}

function step(text: string): void {
  process.stdout.write(`- ${text}\n`);
}

function pack(into: string): { tarball: string; files: string[] } {
  const output = execFileSync(NPM, ["pack", "--json", "--pack-destination", into], {
    cwd: REPO,
    encoding: "utf8",
  });
  const [packed] = JSON.parse(output.slice(output.indexOf("["))) as {
    filename: string;
    files: { path: string }[];
  }[];
  return { tarball: join(into, packed.filename), files: packed.files.map((file) => file.path) };
}

function install(tarball: string, consumer: string): void {
  const modules = join(consumer, "node_modules");
  const own = join(modules, "passwordless-onboarding");
  mkdirSync(own, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", own, "--strip-components=1"]);
  for (const entry of readdirSync(join(REPO, "node_modules"))) {
    if ([".bin", ".cache", "passwordless-onboarding"].includes(entry)) continue;
    symlinkSync(join(REPO, "node_modules", entry), join(modules, entry));
  }
  for (const file of readdirSync(CONSUMER_FILES))
    copyFileSync(join(CONSUMER_FILES, file), join(consumer, file));
  writeFileSync(
    join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "commonjs",
        target: "ES2022",
        esModuleInterop: true,
        skipLibCheck: true,
      },
      files: ["program.ts"],
    }),
  );
}

function runUnderMocks(consumer: string, program: string, config: unknown = {}): Declared {
  const args = program.endsWith(".ts") ? ["-r", "ts-node/register/transpile-only"] : [];
  const run = spawnSync(process.execPath, [...args, "runUnderMocks.js", program], {
    cwd: consumer,
    encoding: "utf8",
    env: {
      ...process.env,
      CONSUMER_CONFIG: JSON.stringify(config),
      TS_NODE_PROJECT: join(consumer, "tsconfig.json"),
    },
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Declared;
}

const CONNECTION = { tenantId: "0f0e0d0c-0b0a-4909-8807-060504030201", useOidc: true };
const GRAPH_RESOURCES = [
  "pulumi-nodejs:dynamic/entra:DisplayNameGuard contoso-registration-policy-guard",
  "pulumi-nodejs:dynamic/entra:DisplayNameGuard contoso-autopilot-group-guard",
  "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy contoso-tap-policy",
  "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy contoso-web-sign-in",
  "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment contoso-web-sign-in-assignment",
];

function assertDeclaresOnboarding(declared: Declared, consumer: string): void {
  assert.equal(declared.error, undefined, declared.error);
  const names = declared.resources.map((resource) => `${resource.type} ${resource.name}`);
  for (const expected of [
    "passwordless:onboarding:PasswordlessOnboarding contoso",
    "pulumi:providers:azuread contoso-azuread",
    "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy contoso-registration-policy",
    "azuread:index/group:Group contoso-autopilot-group",
    ...GRAPH_RESOURCES,
  ]) {
    assert.ok(
      names.includes(expected),
      `${consumer}: ${expected} is declared; declared: ${names.join(", ")}`,
    );
  }
  for (const resource of declared.resources.filter((r) => GRAPH_RESOURCES.includes(`${r.type} ${r.name}`))) {
    assert.deepEqual(
      resource.inputs.connection,
      CONNECTION,
      `${resource.name} acts on the component's tenant`,
    );
  }
}

function main(): void {
  const scratch = mkdtempSync(join(tmpdir(), "passwordless-onboarding-package-"));
  try {
    const { tarball, files } = pack(scratch);
    step(`npm pack: ${files.length} files`);
    assert.ok(files.includes("dist/infra/library/index.d.ts"), "type declarations are shipped");
    assert.ok(files.includes("dist/infra/providers/hostLoader.js"), "the host loader is shipped");
    const unexpected = files.filter(
      (file) => !/^(dist\/(infra|policies)\/|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/.test(file),
    );
    assert.deepEqual(unexpected, [], "only the build, the README, the CHANGELOG and the licence are shipped");
    assert.ok(
      !files.some((file) => file.endsWith(".ts") && !file.endsWith(".d.ts")),
      "no TypeScript sources",
    );

    const consumer = join(scratch, "consumer");
    install(tarball, consumer);
    const tsc = spawnSync(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", consumer, "--noEmit"],
      {
        encoding: "utf8",
      },
    );
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    step("a TypeScript consumer type-checks against the published declarations");

    const fromTypeScript = runUnderMocks(consumer, "program.ts");
    assertDeclaresOnboarding(fromTypeScript, "TypeScript consumer");
    step(`the TypeScript consumer declares ${fromTypeScript.resources.length} resources under mocks`);
    assertDeclaresOnboarding(runUnderMocks(consumer, "program.js"), "JavaScript consumer");
    step("so does the JavaScript consumer");

    const oneTime = runUnderMocks(consumer, "program.js", { temporaryAccessPass: { isUsableOnce: true } });
    assert.match(oneTime.error ?? "", /^Guardrails stopped the program before any resource was declared/);
    assert.match(oneTime.error ?? "", /PO-TAP-001/);
    assert.deepEqual(oneTime.resources, [], "nothing declared");
    step("the guardrails stop a one-time pass before anything is declared");

    const tap = fromTypeScript.resources.find((resource) => resource.name === "contoso-tap-policy");
    const providerText = join(scratch, "provider.js");
    writeFileSync(providerText, String(tap?.inputs.__provider));
    const { __provider: _code, ...inputs } = tap?.inputs ?? {};
    const loaded = spawnSync(process.execPath, ["loadInHost.js", providerText, JSON.stringify(inputs)], {
      cwd: consumer,
      encoding: "utf8",
    });
    const checked = JSON.parse(loaded.stdout || "{}") as {
      inputs?: Record<string, unknown>;
      failures?: unknown[];
      error?: string;
    };
    assert.equal(checked.error, undefined, checked.error);
    assert.deepEqual(checked.failures ?? [], []);
    assert.deepEqual(checked.inputs?.connection, CONNECTION);
    step(
      "the serialized provider loads the package's compiled code in the program's directory and checks inputs",
    );
    process.stdout.write("package check passed\n");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
