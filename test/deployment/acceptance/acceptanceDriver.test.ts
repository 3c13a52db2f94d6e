import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AcceptanceDriver,
  atLeast,
  DEFAULT_ACCEPTANCE_STACK,
  createAcceptanceDriver,
  planAcceptanceWorkspace,
  releaseWorkspace,
  unwrapOutputs,
} from "./acceptanceDriver";
import { failedRun } from "./cliFailures";
import { FakeStack } from "./fakeStack";
import { EventLog, RESOURCES, step, TAP_INPUTS } from "./recordedEvents";

const { stack: stackResource, tapPolicy, webSignIn } = RESOURCES;
const TAP = { state: "enabled", includeGroupIds: ["all_users"] };
const OUTPUTS = {
  temporaryAccessPassPolicyId: { value: "TemporaryAccessPass", secret: false },
  summary: { value: "TAP enabled for all users", secret: false },
};

function driverFor(stack: FakeStack, lines: string[] = []): AcceptanceDriver {
  let clock = 0;
  return new AcceptanceDriver({
    stack,
    log: (line) => lines.push(line),
    now: () => (clock += 21_000),
  });
}

describe("acceptance driver", () => {
  describe("runs", () => {
    it("up: writes the step's config, runs up, returns the changes and the unwrapped outputs", async () => {
      const stack = new FakeStack().willRun("up", {
        events: new EventLog()
          .pre(step("create", stackResource, { new: {} }))
          .both(step("create", tapPolicy, { new: { inputs: TAP_INPUTS } }))
          .both(step("create", webSignIn, { new: { inputs: {} } }))
          .summary({ create: 3 }).events,
      });
      stack.outputMap = OUTPUTS;
      const lines: string[] = [];
      const result = await driverFor(stack, lines).up({ temporaryAccessPass: TAP });

      assert.deepEqual(result, {
        operation: "up",
        ok: true,
        changes: [
          { type: tapPolicy.type, name: tapPolicy.name, op: "create", diffs: [] },
          { type: webSignIn.type, name: webSignIn.name, op: "create", diffs: [] },
        ],
        outputs: { temporaryAccessPassPolicyId: "TemporaryAccessPass", summary: "TAP enabled for all users" },
      });
      assert.deepEqual(stack.calls, [
        "config --json",
        "config set-all --json passwordless-onboarding:temporaryAccessPass",
        "up",
      ]);
      assert.deepEqual(stack.file, { "passwordless-onboarding:temporaryAccessPass": TAP });
      assert.deepEqual(lines, [
        "      [acceptance acceptance] up: ok in 21 s; create onboarding-tap-policy; create onboarding-web-sign-in",
      ]);
    });

    it("removes the previous step's keys before the next run", async () => {
      const stack = new FakeStack().willRun("up").willRun("preview");
      const driver = driverFor(stack);
      await driver.up({ temporaryAccessPass: TAP, autopilot: { groupTag: "NewHires" } });
      await driver.preview({ temporaryAccessPass: TAP });
      assert.deepEqual(stack.calls.slice(3), [
        "config --json",
        "config rm-all passwordless-onboarding:autopilot",
        "config set-all --json passwordless-onboarding:temporaryAccessPass",
        "preview",
      ]);
    });

    it("up --refresh: passes refresh and lists what the refresh found before what up did", async () => {
      const disabled = { ...TAP_INPUTS, state: "disabled" };
      const stack = new FakeStack().willRun("up", {
        events: new EventLog()
          .pre(step("refresh", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }))
          .outputs(step("update", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: disabled } }))
          .both(step("update", tapPolicy, { old: { inputs: disabled }, new: { inputs: TAP_INPUTS } })).events,
      });
      const result = await driverFor(stack).up({}, { refresh: true });
      assert.equal(result.operation, "up --refresh");
      assert.deepEqual(stack.operationOptions, [{ operation: "up", options: { refresh: true } }]);
      assert.deepEqual(
        result.changes.map((c) => `${c.op} ${c.name} [${c.diffs.join(", ")}]`),
        ["refresh onboarding-tap-policy [state]", "update onboarding-tap-policy [state]"],
      );
    });

    it("preview: passes refresh, names the operation after it, returns no outputs", async () => {
      const stack = new FakeStack().willRun("preview").willRun("preview");
      stack.outputMap = OUTPUTS;
      const driver = driverFor(stack);
      const plain = await driver.preview({});
      const refreshed = await driver.preview({}, { refresh: true });
      assert.deepEqual([plain.operation, refreshed.operation], ["preview", "preview --refresh"]);
      assert.deepEqual([plain.outputs, refreshed.outputs], [{}, {}]);
      assert.deepEqual(
        stack.operationOptions.map(({ options }) => options),
        [{ refresh: false }, { refresh: true }],
      );
      assert.equal(stack.calls.includes("stack output"), false);
    });

    it("refresh: lists every object it read, logs only what it found, returns the outputs afterwards", async () => {
      const disabled = { ...TAP_INPUTS, state: "disabled" };
      const stack = new FakeStack().willRun("refresh", {
        events: new EventLog()
          .pre(step("refresh", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }))
          .pre(step("refresh", webSignIn, { old: { inputs: {} }, new: { inputs: {} } }))
          .outputs(step("same", webSignIn, { old: { inputs: {} }, new: { inputs: {} } }))
          .outputs(step("update", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: disabled } }))
          .events,
      });
      stack.outputMap = OUTPUTS;
      const lines: string[] = [];
      const result = await driverFor(stack, lines).refresh({});
      assert.equal(result.operation, "refresh");
      assert.deepEqual(result.changes, [
        { type: tapPolicy.type, name: tapPolicy.name, op: "refresh", diffs: ["state"] },
        { type: webSignIn.type, name: webSignIn.name, op: "refresh", diffs: [] },
      ]);
      assert.deepEqual(lines, [
        "      [acceptance acceptance] refresh: ok in 21 s; refresh onboarding-tap-policy [state]",
      ]);
      assert.equal(result.outputs.summary, "TAP enabled for all users");
      assert.deepEqual(stack.calls.slice(-2), ["refresh", "stack output"]);
    });

    it("destroy: returns what it deleted and no outputs", async () => {
      const stack = new FakeStack().willRun("destroy", {
        events: new EventLog().both(step("delete", tapPolicy, { old: { inputs: TAP_INPUTS } })).events,
      });
      stack.outputMap = OUTPUTS;
      const result = await driverFor(stack).destroy({ temporaryAccessPass: TAP });
      assert.deepEqual(result, {
        operation: "destroy",
        ok: true,
        changes: [{ type: tapPolicy.type, name: tapPolicy.name, op: "delete", diffs: [] }],
        outputs: {},
      });
    });
  });

  describe("failures resolve, never reject", () => {
    it("a failed up: the error diagnostics, the changes so far and the outputs the stack kept", async () => {
      const stack = new FakeStack().willRun("up", {
        events: new EventLog()
          .both(step("create", tapPolicy, { new: { inputs: TAP_INPUTS } }))
          .pre(step("create", webSignIn, { new: { inputs: {} } }))
          .diagnostic({
            urn: webSignIn.urn,
            prefix: "error: ",
            message:
              "<{%reset%}>POST /beta/deviceManagement/configurationPolicies failed: 403 Forbidden<{%reset%}>\n",
            severity: "error",
          })
          .failed(step("create", webSignIn, { new: { inputs: {} } }))
          .diagnostic({ urn: stackResource.urn, message: "update failed\n", severity: "error" }).events,
        error: failedRun("Updating (acceptance):\n", ""),
      });
      stack.outputMap = { temporaryAccessPassPolicyId: OUTPUTS.temporaryAccessPassPolicyId };
      const lines: string[] = [];
      const result = await driverFor(stack, lines).up({});

      assert.deepEqual(result, {
        operation: "up",
        ok: false,
        error:
          "onboarding-web-sign-in: POST /beta/deviceManagement/configurationPolicies failed: 403 Forbidden",
        changes: [
          { type: tapPolicy.type, name: tapPolicy.name, op: "create", diffs: [] },
          { type: webSignIn.type, name: webSignIn.name, op: "create", diffs: [] },
        ],
        outputs: { temporaryAccessPassPolicyId: "TemporaryAccessPass" },
      });
      assert.deepEqual(lines, [
        "      [acceptance acceptance] up: FAILED in 21 s; create onboarding-tap-policy; create onboarding-web-sign-in",
        "        onboarding-web-sign-in: POST /beta/deviceManagement/configurationPolicies failed: 403 Forbidden",
      ]);
    });

    it("a preview the CLI refused before any event: its cleaned message", async () => {
      const stack = new FakeStack().willRun("preview", {
        error: failedRun("", "\u001b[31merror: \u001b[0mno Pulumi.yaml project file found\n"),
      });
      const result = await driverFor(stack).preview({});
      assert.deepEqual(result, {
        operation: "preview",
        ok: false,
        error: "error: no Pulumi.yaml project file found",
        changes: [],
        outputs: {},
      });
    });

    it("a config the CLI cannot write: the run is not started", async () => {
      const stack = new FakeStack();
      stack.configError = failedRun("", "error: incorrect passphrase\n");
      const result = await driverFor(stack).up({ temporaryAccessPass: TAP });
      assert.deepEqual(result, {
        operation: "up",
        ok: false,
        error: "could not write the stack config: error: incorrect passphrase",
        changes: [],
        outputs: {},
      });
      assert.deepEqual(stack.calls, ["config --json"]);
    });
  });

  describe("dispose", () => {
    it("releases once and refuses runs afterwards; it never destroys", async () => {
      let released = 0;
      const stack = new FakeStack();
      const driver = new AcceptanceDriver({
        stack,
        release: () => void (released += 1),
        log: () => undefined,
      });
      await driver.dispose();
      await driver.dispose();
      assert.equal(released, 1);
      await assert.rejects(driver.up({}), /disposed/);
      assert.deepEqual(stack.calls, []);
    });
  });

  describe("workspace plan", () => {
    let workDir: string;
    let backends: string[];
    const makeTemporaryDir = (): string => {
      const dir = mkdtempSync(join(tmpdir(), "acceptance-plan-backend-"));
      backends.push(dir);
      return dir;
    };

    beforeEach(() => {
      workDir = mkdtempSync(join(tmpdir(), "acceptance-plan-repo-"));
      backends = [];
    });
    afterEach(() => {
      for (const dir of [workDir, ...backends]) rmSync(dir, { recursive: true, force: true });
    });

    it("uses a fresh file backend with a generated passphrase when PULUMI_BACKEND_URL is not set", () => {
      const plan = planAcceptanceWorkspace({
        env: {},
        workDir,
        makeTemporaryDir,
        makePassphrase: () => "generated",
      });
      assert.equal(plan.stackName, DEFAULT_ACCEPTANCE_STACK);
      assert.equal(plan.workDir, workDir);
      assert.deepEqual(plan.envVars, {
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_BACKEND_URL: `file://${backends[0]}`,
        PULUMI_CONFIG_PASSPHRASE: "generated",
      });
      assert.equal(plan.temporaryBackendDir, backends[0]);
      assert.equal(plan.stackConfigFile, join(workDir, "Pulumi.acceptance.yaml"));
    });

    it("keeps the maintainer's passphrase (or passphrase file) for the throw-away backend", () => {
      for (const env of [
        { PULUMI_CONFIG_PASSPHRASE: "mine" },
        { PULUMI_CONFIG_PASSPHRASE_FILE: "/run/pass" },
      ]) {
        const plan = planAcceptanceWorkspace({
          env,
          workDir,
          makeTemporaryDir,
          makePassphrase: () => "generated",
        });
        assert.equal(plan.envVars.PULUMI_CONFIG_PASSPHRASE, undefined);
      }
    });

    it("uses PULUMI_BACKEND_URL when set: no throw-away backend, nothing generated", () => {
      const plan = planAcceptanceWorkspace({
        env: { PULUMI_BACKEND_URL: " azblob://acceptance-state ", PULUMI_ACCEPTANCE_IGNORED: "x" },
        workDir,
        makeTemporaryDir,
      });
      assert.deepEqual(plan.envVars, {
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_BACKEND_URL: "azblob://acceptance-state",
      });
      assert.equal(plan.temporaryBackendDir, undefined);
      assert.deepEqual(backends, []);
    });

    it("takes the stack name from the caller, else PASSWORDLESS_ACCEPTANCE_STACK, else acceptance", () => {
      const env = { PULUMI_BACKEND_URL: "file:///state", PASSWORDLESS_ACCEPTANCE_STACK: "acceptance-ci" };
      assert.equal(planAcceptanceWorkspace({ env, workDir }).stackName, "acceptance-ci");
      assert.equal(planAcceptanceWorkspace({ env, workDir, stackName: "mine" }).stackName, "mine");
      const qualified = planAcceptanceWorkspace({
        env,
        workDir,
        stackName: "org/passwordless-onboarding/acc",
      });
      assert.equal(qualified.stackConfigFile, join(workDir, "Pulumi.acc.yaml"));
    });

    it("refuses the deployment stacks' names and names that are not file-safe", () => {
      for (const stackName of ["dev", "test", "prod", "org/passwordless-onboarding/prod", "../x", "a b"]) {
        assert.throws(
          () => planAcceptanceWorkspace({ env: { PULUMI_BACKEND_URL: "file:///state" }, workDir, stackName }),
          /is not allowed: .*not dev, test, prod/,
          stackName,
        );
      }
    });

    it("will not take over a Pulumi.<stack>.yaml it did not create when the backend is thrown away", () => {
      writeFileSync(join(workDir, "Pulumi.acceptance.yaml"), "config: {}\n");
      assert.throws(
        () => planAcceptanceWorkspace({ env: {}, workDir, makeTemporaryDir }),
        /Pulumi\.acceptance\.yaml already exists\. .*Delete it if an interrupted acceptance run left it behind/,
      );
      assert.deepEqual(backends, [], "no backend directory was made");
      const kept = planAcceptanceWorkspace({ env: { PULUMI_BACKEND_URL: "file:///state" }, workDir });
      assert.equal(kept.createsStackConfigFile, false);
    });

    it("release removes the throw-away backend and the stack file made for it, and nothing of a maintainer's backend", () => {
      const plan = planAcceptanceWorkspace({ env: {}, workDir, makeTemporaryDir });
      mkdirSync(join(backends[0], ".pulumi"));
      writeFileSync(plan.stackConfigFile, "encryptionsalt: v1:abc\n");
      releaseWorkspace(plan);
      assert.equal(existsSync(backends[0]), false);
      assert.equal(existsSync(plan.stackConfigFile), false);

      const userPlan = planAcceptanceWorkspace({ env: { PULUMI_BACKEND_URL: `file://${workDir}` }, workDir });
      writeFileSync(userPlan.stackConfigFile, "encryptionsalt: v1:abc\n");
      releaseWorkspace(userPlan);
      assert.equal(existsSync(userPlan.stackConfigFile), true);
    });
  });

  describe("opening", () => {
    it("refuses to start, naming what is missing, before it runs any pulumi command", async () => {
      await assert.rejects(
        createAcceptanceDriver({ env: { PASSWORDLESS_ACCEPTANCE: "1", PATH: "" } }),
        /^Error: The acceptance tests cannot run: ARM_TENANT_ID and ARM_CLIENT_ID are not set; .*the pulumi CLI is not on PATH/,
      );
    });

    it("compares CLI versions numerically", () => {
      assert.equal(atLeast("v3.265.0", "3.214.0"), true);
      assert.equal(atLeast("3.214.0", "3.214.0"), true);
      assert.equal(atLeast("3.99.1", "3.214.0"), false);
      assert.equal(atLeast("4.0.0-alpha.1", "3.214.0"), true);
      assert.equal(atLeast("unknown", "3.214.0"), false);
    });

    it("unwraps outputs, secrets included", () => {
      assert.deepEqual(
        unwrapOutputs({ a: { value: 1, secret: false }, b: { value: { x: "s" }, secret: true } }),
        {
          a: 1,
          b: { x: "s" },
        },
      );
    });
  });
});
