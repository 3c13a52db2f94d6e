/**
 * The acceptance driver through the real `@pulumi/pulumi/automation` code, with a stand-in `pulumi`
 * first on PATH (./fakeCli.ts): workspace and stack creation, the commands and flags the SDK sends,
 * the engine events it streams back over gRPC, CommandError from a failed run, and clean-up. The
 * Pulumi CLI is never started: PATH holds only the stand-in and Node while these tests run.
 */
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { parse } from "yaml";
import { createAcceptanceDriver } from "./acceptanceDriver";
import { installFakeCli, type FakeCli } from "./fakeCli";
import { EventLog, RESOURCES, step, TAP_INPUTS } from "./recordedEvents";

const { stack: stackResource, tapPolicy, webSignIn } = RESOURCES;
const TAP = {
  state: "enabled",
  includeGroupIds: ["5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01"],
  excludeGroupIds: [],
};
const AUTOPILOT = { groupDisplayName: "Autopilot devices (acceptance)" };
const IDENTITY = {
  PASSWORDLESS_ACCEPTANCE: "1",
  ARM_TENANT_ID: "8f1c7d2e-5b0a-4f3e-9c61-2d7a4b9e0c15",
  ARM_CLIENT_ID: "2b6e0c4a-9d1f-4e83-b7a5-c0d9e8f7a6b5",
  ARM_CLIENT_SECRET: "not-a-real-secret",
};
const CLEARED = [
  "PULUMI_BACKEND_URL",
  "PULUMI_CONFIG_PASSPHRASE",
  "PULUMI_CONFIG_PASSPHRASE_FILE",
  "PULUMI_ACCESS_TOKEN",
  "PASSWORDLESS_ACCEPTANCE_STACK",
  "PASSWORDLESS_ACCEPTANCE_VERBOSE",
  "FAKE_PULUMI_VERSION",
  "FAKE_PULUMI_FAIL_INIT",
];

interface Call {
  args: string[];
  backend: string | null;
  cwd: string;
}

describe("acceptance driver through @pulumi/pulumi/automation (stand-in CLI)", function () {
  this.timeout(60_000);
  let cli: FakeCli;
  let workDir: string;
  let savedEnv: NodeJS.ProcessEnv;

  before(function () {
    if (process.platform === "win32") this.skip(); // the stand-in is a shebang script
  });

  beforeEach(() => {
    cli = installFakeCli();
    workDir = mkdtempSync(join(tmpdir(), "acceptance-automation-repo-"));
    savedEnv = { ...process.env };
    for (const name of CLEARED) delete process.env[name];
    // Only the stand-in and Node: never node_modules/.bin/pulumi or an installed CLI.
    process.env.PATH = [cli.binDir, dirname(process.execPath)].join(delimiter);
  });

  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
    rmSync(cli.binDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  const calls = (): Call[] =>
    readFileSync(cli.callsFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Call);
  const commands = (): string[] => calls().map(({ args }) => args.slice(0, 2).join(" "));
  const open = () =>
    createAcceptanceDriver({ env: { ...IDENTITY, PATH: process.env.PATH }, workDir, log: () => undefined });

  it("creates the stack in a throw-away backend, runs up / preview --refresh / destroy, and cleans up", async () => {
    cli.plan([
      {
        command: "up",
        events: new EventLog()
          .prelude()
          .pre(step("create", stackResource, { new: {} }))
          .both(step("create", tapPolicy, { new: { inputs: TAP_INPUTS } }))
          .both(step("create", webSignIn, { new: { inputs: {} } }))
          .summary({ create: 3 }).events,
        stdout: "Updating (acceptance):\n",
        outputs: { temporaryAccessPassPolicyId: "TemporaryAccessPass" },
      },
      {
        command: "preview",
        events: new EventLog()
          .pre(step("refresh", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }), true)
          .outputs(
            step("same", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }),
            true,
          )
          .both(step("same", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }), true)
          .summary({ same: 1 }).events,
      },
      {
        command: "destroy",
        events: new EventLog()
          .both(step("delete", webSignIn, { old: { inputs: {} } }))
          .both(step("delete", tapPolicy, { old: { inputs: TAP_INPUTS } })).events,
      },
    ]);

    const driver = await open();
    assert.equal(driver.stackName, "acceptance");
    const up = await driver.up({ temporaryAccessPass: TAP, autopilot: AUTOPILOT });
    assert.deepEqual(up, {
      operation: "up",
      ok: true,
      changes: [
        { type: tapPolicy.type, name: tapPolicy.name, op: "create", diffs: [] },
        { type: webSignIn.type, name: webSignIn.name, op: "create", diffs: [] },
      ],
      outputs: { temporaryAccessPassPolicyId: "TemporaryAccessPass" },
    });
    const stackFile = join(workDir, "Pulumi.acceptance.yaml");
    assert.deepEqual(parse(readFileSync(stackFile, "utf8")), {
      encryptionsalt: "v1:fake-salt",
      config: {
        "passwordless-onboarding:temporaryAccessPass": TAP,
        "passwordless-onboarding:autopilot": AUTOPILOT,
      },
    });

    const preview = await driver.preview({ temporaryAccessPass: TAP }, { refresh: true });
    assert.deepEqual(preview, {
      operation: "preview --refresh",
      ok: true,
      changes: [{ type: tapPolicy.type, name: tapPolicy.name, op: "same", diffs: [] }],
      outputs: {},
    });
    assert.deepEqual(Object.keys((parse(readFileSync(stackFile, "utf8")) as { config: object }).config), [
      "passwordless-onboarding:temporaryAccessPass",
    ]);

    const destroy = await driver.destroy({ temporaryAccessPass: TAP });
    assert.deepEqual(
      destroy.changes.map((change) => `${change.op} ${change.name}`),
      ["delete onboarding-web-sign-in", "delete onboarding-tap-policy"],
    );

    assert.deepEqual(commands(), [
      "version",
      "stack select",
      "stack init",
      "config --show-secrets",
      "config set-all",
      "up --yes",
      "stack output",
      "stack output",
      "stack history",
      "config --show-secrets",
      "config rm-all",
      "config set-all",
      "preview --refresh",
      "config --show-secrets",
      "config set-all",
      "destroy --yes",
      "stack history",
    ]);
    const operations = calls().filter(({ args }) => ["up", "preview", "destroy"].includes(args[0]));
    for (const { args } of operations) {
      assert.ok(args.includes("--exec-kind") && args.includes("auto.local"), args.join(" "));
      assert.equal(args[args.indexOf("--stack") + 1], "acceptance");
    }
    assert.ok(operations[0].args.includes("--skip-preview"), "up runs without its own preview");
    const setAll = calls().find(({ args }) => args[1] === "set-all")?.args ?? [];
    assert.deepEqual(JSON.parse(setAll[setAll.indexOf("--json") + 1]), {
      "passwordless-onboarding:temporaryAccessPass": {
        value: JSON.stringify(TAP),
        objectValue: TAP,
        secret: false,
      },
      "passwordless-onboarding:autopilot": {
        value: JSON.stringify(AUTOPILOT),
        objectValue: AUTOPILOT,
        secret: false,
      },
    });

    const backends = new Set(calls().map(({ backend }) => backend));
    backends.delete(null); // `pulumi version` runs before the workspace's environment applies
    assert.equal(backends.size, 1);
    const [backend] = [...backends] as string[];
    assert.match(backend, /^file:\/\/.*passwordless-acceptance-/);
    assert.ok(calls().every(({ cwd, args }) => args[0] === "version" || cwd === workDir));

    await driver.dispose();
    assert.equal(existsSync(backend.slice("file://".length)), false, "the throw-away backend is removed");
    assert.equal(existsSync(stackFile), false, "the stack file written for it is removed");
  });

  it("resolves a failed run to ok: false with the CLI's diagnostics, not a rejection", async () => {
    cli.plan([
      {
        command: "up",
        exitCode: 255,
        stdout: [
          "Updating (acceptance):",
          " +  pulumi:pulumi:Stack passwordless-onboarding-acceptance creating (1s) error: Running program failed",
          "Diagnostics:",
          "  pulumi:pulumi:Stack (passwordless-onboarding-acceptance):",
          "    error: Running program '/repo/infra/' failed with an unhandled exception:",
          "    Error: Invalid stack configuration (1 problem):",
          '      - passwordless-onboarding:webSignIn.adoptExisting must be true or false; got "maybe"',
          "",
          "Resources:",
          "    + 1 created",
          "",
        ].join("\n"),
      },
    ]);
    const driver = await open();
    const result = await driver.up({ webSignIn: { adoptExisting: "maybe" } });
    await driver.dispose();
    assert.deepEqual(result, {
      operation: "up",
      ok: false,
      error: [
        "pulumi:pulumi:Stack (passwordless-onboarding-acceptance):",
        "  error: Running program '/repo/infra/' failed with an unhandled exception:",
        "  Error: Invalid stack configuration (1 problem):",
        '    - passwordless-onboarding:webSignIn.adoptExisting must be true or false; got "maybe"',
      ].join("\n"),
      changes: [],
      outputs: {},
    });
  });

  it("refuses a CLI too old for structured config, and leaves nothing behind", async () => {
    process.env.FAKE_PULUMI_VERSION = "v3.200.0";
    await assert.rejects(
      open(),
      /needs Pulumi CLI 3\.214\.0 or later \(for structured stack config\); found 3\.200\.0/,
    );
    const backend = calls().find(({ backend }) => backend)?.backend ?? "";
    assert.equal(existsSync(backend.slice("file://".length)), false);
    assert.equal(existsSync(join(workDir, "Pulumi.acceptance.yaml")), false);
  });

  it("reports a stack that cannot be created in one cleaned line", async () => {
    process.env.FAKE_PULUMI_FAIL_INIT = "could not create the stack: access denied";
    await assert.rejects(
      open(),
      /^Error: Could not create or select the stack acceptance: error: could not create the stack: access denied$/,
    );
    assert.deepEqual(commands(), ["version", "stack select", "stack init"]);
  });
});
