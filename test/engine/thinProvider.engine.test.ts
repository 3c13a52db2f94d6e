/**
 * The provider entry stored in state (infra/providers/thinProvider.ts) across builds: state
 * written by this checkout's entry is refreshed and destroyed by the next build's code, which is a
 * copy of this project with a changed provider (node_modules shared); state written before
 * the entry was printed here (main at 8b9be89: the closure serializer printed it; a byte-exact
 * fixture) is refreshed and destroyed by this checkout. And without the project, the host says what it cannot find.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TEMPORARY_ACCESS_PASS_POLICY_PROVIDER } from "../../infra/providers/temporaryAccessPassPolicy";
import { thinProviderText } from "../../infra/providers/thinProvider";
import { startSandbox, type Sandbox } from "../sandbox";
import { HostCallError, PROJECT_ROOT, ProviderHost, resourceRef } from "./providerHost";

/** The TAP entry as main at 8b9be89 stored it in state (the closure serializer's text, options FAST). */
const ENTRY_OF_8B9BE89 = fs.readFileSync(
  path.join(PROJECT_ROOT, "test/fixtures/engine/thin-entry-serialized-8b9be89.js"),
  "utf8",
);

const TAP_TYPE = "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy";
const TAP_PATH =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 20 } };
const DESIRED = {
  state: "enabled",
  defaultLifetimeInMinutes: 120,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 12,
  isUsableOnce: false,
  includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
  excludeTargets: [],
};

/** What the next build's TAP provider adds to everything it reads: proof that its code ran. */
const NEXT_BUILD_CHANGE = `
const readOfThisBuild = TemporaryAccessPassPolicyProvider.prototype.read;
TemporaryAccessPassPolicyProvider.prototype.read = async function (id: string, props?: Record<string, unknown>) {
  const result = await readOfThisBuild.call(this, id, props);
  return { ...result, props: { ...result.props, readBy: "the next build" } };
};
`;

/** A copy of the project (the files a host loads) with the TAP provider changed. */
function nextBuild(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "next-build-"));
  for (const entry of ["package.json", "tsconfig.json", "infra", "policies"]) {
    fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(root, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  fs.appendFileSync(path.join(root, "infra/providers/temporaryAccessPassPolicy.ts"), NEXT_BUILD_CHANGE);
  return root;
}

const TRANSPILE_CACHE = path.join(
  PROJECT_ROOT,
  "node_modules",
  ".cache",
  "passwordless-onboarding-transpiled",
);

function cachedFiles(): string[] {
  return fs.existsSync(TRANSPILE_CACHE)
    ? fs.readdirSync(TRANSPILE_CACHE).map((name) => path.join(TRANSPILE_CACHE, name))
    : [];
}

describe("the provider entry in state across builds", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let entry: string;
  let nextRoot: string;
  let cachedBefore: Set<string>;
  const hosts: ProviderHost[] = [];

  const startHost = async (cwd: string): Promise<ProviderHost> => {
    const host = await ProviderHost.start({
      viaShim: true,
      cwd,
      env: { PATH: process.env.PATH ?? "", ...sandbox.env(), PULUMI_RUNTIME_TYPESCRIPT: "true" },
    });
    hosts.push(host);
    await host.configure({});
    return host;
  };

  before(async () => {
    sandbox = await startSandbox();
    entry = thinProviderText(TEMPORARY_ACCESS_PASS_POLICY_PROVIDER, FAST);
    nextRoot = nextBuild();
    cachedBefore = new Set(cachedFiles());
  });

  after(async () => {
    await Promise.all(hosts.map((host) => host.stop()));
    await sandbox?.stop();
    if (nextRoot) fs.rmSync(nextRoot, { recursive: true, force: true });
    // The copy shares node_modules, so its transpiled files landed in this project's cache.
    for (const file of cachedFiles()) if (!cachedBefore.has(file)) fs.rmSync(file, { force: true });
  });

  it("is a few KB that names no path of this machine", () => {
    assert.ok(Buffer.byteLength(entry) < 8 * 1024, `${Buffer.byteLength(entry)} bytes`);
    assert.ok(!entry.includes(PROJECT_ROOT), "the entry holds the project's absolute path");
  });

  it("state written by this build is refreshed and destroyed by the next build's code", async () => {
    const ref = resourceRef(TAP_TYPE, "tap");
    const before = sandbox.tap();
    const thisBuild = await startHost(path.join(PROJECT_ROOT, "infra"));
    const created = await thisBuild.create(ref, { ...DESIRED, onDestroy: "restore", __provider: entry });
    assert.equal(created.properties.__provider, entry, "the host stores the entry with the outputs");

    const next = await startHost(path.join(nextRoot, "infra"));
    const read = await next.read(ref, created.id, created.properties, {});
    assert.equal(read.properties.readBy, "the next build");
    assert.equal(read.properties.__provider, entry, "refresh keeps the same entry in state");

    await next.delete(ref, created.id, read.properties, {});
    assert.deepEqual(sandbox.tap(), before, "destroy with the next build restored what the first up found");
  });

  it("state written by 8b9be89's serialized entry is refreshed and destroyed by this checkout", async () => {
    const ref = resourceRef(TAP_TYPE, "tap");
    const before = sandbox.tap();
    const host = await startHost(path.join(PROJECT_ROOT, "infra"));
    const created = await host.create(ref, {
      ...DESIRED,
      onDestroy: "restore",
      __provider: ENTRY_OF_8B9BE89,
    });
    assert.equal(created.properties.__provider, ENTRY_OF_8B9BE89);

    // A fresh host, as the next `pulumi refresh` and `pulumi destroy` start.
    const later = await startHost(path.join(PROJECT_ROOT, "infra"));
    sandbox.setTap({ defaultLength: 14 });
    const read = await later.read(ref, created.id, created.properties, {});
    assert.equal(read.properties.defaultLength, 14, "refresh saw the portal edit");
    assert.equal(read.properties.__provider, ENTRY_OF_8B9BE89, "refresh keeps the stored entry");

    await later.delete(ref, created.id, read.properties, {});
    assert.deepEqual(sandbox.tap(), before, "destroy restored what the first up found");
  });

  it("differs from 8b9be89's entry only in how it was printed: same target, same contract", () => {
    for (const text of [entry, ENTRY_OF_8B9BE89]) {
      assert.ok(text.startsWith("exports.handler = "));
      assert.ok(text.includes('"infra/providers/temporaryAccessPassPolicy.ts"'));
      assert.ok(text.includes('"TemporaryAccessPassPolicyProvider"'));
      assert.ok(text.includes("infra/providers/hostLoader.js"));
      assert.ok(text.includes("loader.loadProvider(root, target)"));
    }
  });

  it("prints a failing refresh's stack trace with TypeScript lines", async () => {
    // The host registers source-map-support before it loads anything; its formatter makes the
    // trace it prints when a read or delete fails (Pulumi shows it under the resource).
    sandbox.fault({ path: TAP_PATH, status: 403 });
    const host = await startHost(path.join(PROJECT_ROOT, "infra"));
    await assert.rejects(
      host.read(resourceRef(TAP_TYPE, "tap"), "TemporaryAccessPass", { ...DESIRED, __provider: entry }, {}),
      HostCallError,
    );
    const frame = /\((\/[^()]+\/infra\/[^()]+\.ts):(\d+):(\d+)\)/.exec(host.stderr);
    assert.ok(frame, `no frame in a TypeScript file of infra/:\n${host.stderr}`);
    const [, file, line, column] = frame;
    const source = fs.readFileSync(file, "utf8").split("\n")[Number(line) - 1] ?? "";
    // The first frame is where the error was made: `new` at exactly that line and column.
    assert.ok(source.slice(Number(column) - 1).startsWith("new "), `${frame[0]} is: ${source}`);
  });

  it("fails naming what it looked for when the host runs outside the project", async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "no-project-"));
    try {
      const host = await ProviderHost.start({ cwd: elsewhere, env: { PATH: process.env.PATH ?? "" } });
      hosts.push(host);
      await host.configure({});
      const error = await host
        .read(resourceRef(TAP_TYPE, "tap"), "TemporaryAccessPass", { ...DESIRED, __provider: entry }, {})
        .then(
          () => assert.fail("read succeeded without the project"),
          (e: unknown) => e as HostCallError,
        );
      assert.match(
        error.details,
        /Cannot load the TemporaryAccessPassPolicyProvider provider: no passwordless-onboarding project \(package\.json\) in .*no-project-\w+ or above it/,
      );
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
