/**
 * What every whole-deployment scenario shares, in the shape of terraform-plugin-testing's
 * TestCase/TestStep: a driver (offline by default; the acceptance driver when
 * PASSWORDLESS_ACCEPTANCE=1), the tenant seen through Graph, the tenant's object ids a stack config
 * refers to, and checks on a run's reported changes. After every successful `up` the scenario runs
 * a `preview` and fails on any change (plancheck.ExpectEmptyPlan); the offline driver also asserts
 * that preview sent no Graph write.
 */
import * as assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startSandbox, type Sandbox } from "../../sandbox";
import {
  describeChanges,
  type ChangeOp,
  type DeploymentDriver,
  type RunResult,
  type StackConfig,
} from "../driver";
import { HostPool } from "../offline/hostPool";
import { OfflineDriver } from "../offline/offlineDriver";
import { GraphTenant, type GraphObject } from "../tenant";

/** The tenant objects a stack config points at (they exist before the first `up`). */
export interface TenantIds {
  newHiresGroupId: string;
  /** A second security group, e.g. an existing Autopilot group to switch to. */
  existingDeviceGroupId: string;
  breakGlassUserIds: [string, string];
}

export interface Scenario {
  driver: DeploymentDriver;
  tenant: GraphTenant;
  ids: TenantIds;
  /** The TAP configuration the tenant had before the scenario's first run (what destroy restores). */
  tapBefore: GraphObject;
  /** Offline only: the Graph sandbox (faults, request log). */
  sandbox?: Sandbox;
  /** Offline only: the driver with access to the state it keeps. */
  offline?: OfflineDriver;
}

/** The managed TAP properties (a destroy must put them back as they were). */
export { TAP_PROPERTIES } from "../../../infra/providers/temporaryAccessPass/model";

/** A Temporary Access Pass configuration someone set by hand before this module arrived (offline tenants). */
export const HAND_MADE_TAP = {
  state: "enabled",
  defaultLifetimeInMinutes: 120,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 600,
  defaultLength: 10,
  isUsableOnce: false,
};

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stack config of Pulumi.dev.yaml, pointing at this tenant's objects, with sections replaced by `overrides`. */
export function stackConfig(ids: TenantIds, overrides: Partial<Record<string, unknown>> = {}): StackConfig {
  return {
    temporaryAccessPass: {
      state: "enabled",
      includeGroupIds: [ids.newHiresGroupId],
      excludeGroupIds: [],
      minimumLifetimeInMinutes: 60,
      defaultLifetimeInMinutes: 480,
      maximumLifetimeInMinutes: 480,
      defaultLength: 8,
      isUsableOnce: false,
      onDestroy: "restore",
    },
    registrationPolicy: {
      displayName: "Require MFA to register security info",
      state: "enabledForReportingButNotEnforced",
      breakGlassUserIds: ids.breakGlassUserIds,
      excludeGroupIds: [],
      excludeGuests: true,
      excludeRoleTemplateIds: ["62e90394-69f5-4237-9190-012177145e10"],
      allowFromTrustedLocations: true,
    },
    autopilot: { groupDisplayName: "Autopilot devices (scenario)" },
    webSignIn: {
      policyName: "Windows - Enable Web Sign-in (scenario)",
      description: "Lets Autopilot devices accept a Temporary Access Pass at the Windows sign-in screen.",
      enablePasswordlessExperience: false,
      adoptExisting: false,
    },
    guardrails: { suppress: {} },
    ...overrides,
  };
}

function acceptanceRequested(): boolean {
  return process.env.PASSWORDLESS_ACCEPTANCE === "1";
}

/**
 * One Graph sandbox and provider-host pool for the offline scenarios of a root suite: each scenario
 * resets the sandbox's tenant first, which saves starting both (and the host processes' start-up)
 * per scenario. Started on first use; stopped by a hook on the root suite of every test file that
 * uses it. Mocha's parallel mode gives each file its own root suite in a reused worker process,
 * where a hook registered once when this module loads would stop them after the first file only
 * and leave the later files' host processes running after the run.
 */
let shared: Promise<{ sandbox: Sandbox; hosts: HostPool }> | undefined;
const rootsWithCleanup = new WeakSet<Mocha.Suite>();

function sharedSandbox(): Promise<{ sandbox: Sandbox; hosts: HostPool }> {
  shared ??= startSandbox().then((sandbox) => ({ sandbox, hosts: new HostPool(sandbox.env()) }));
  return shared;
}

async function stopSharedSandbox(): Promise<void> {
  const started = await shared;
  shared = undefined;
  await started?.hosts.dispose();
  await started?.sandbox.stop();
}

function stopSharedSandboxAfter(suite: Mocha.Suite): void {
  let root = suite;
  while (root.parent !== undefined) root = root.parent;
  if (rootsWithCleanup.has(root)) return;
  rootsWithCleanup.add(root);
  root.afterAll(stopSharedSandbox);
}

/** Resets the sandbox's tenant and seeds the objects a scenario's config refers to; returns their ids. */
export function seedScenarioTenant(sandbox: Sandbox): TenantIds {
  sandbox.resetTenant();
  const group = (displayName: string): string =>
    sandbox.addGroup({
      displayName,
      securityEnabled: true,
      mailEnabled: false,
      mailNickname: randomUUID().slice(0, 8),
    });
  const ids: TenantIds = {
    newHiresGroupId: group("New hires"),
    existingDeviceGroupId: group("Autopilot devices (hand-made)"),
    breakGlassUserIds: [randomUUID(), randomUUID()],
  };
  sandbox.setTap(HAND_MADE_TAP);
  return ids;
}

/** A fresh tenant (the shared sandbox, reset) and an offline driver; seeds the objects the config refers to. */
async function offlineScenario(): Promise<Scenario> {
  const { sandbox, hosts } = await sharedSandbox();
  const ids = seedScenarioTenant(sandbox);
  const offline = new OfflineDriver({ sandbox, hosts });
  const tenant = GraphTenant.fromEnvironment(sandbox.env());
  return { driver: offline, offline, sandbox, ids, tenant, tapBefore: await tenant.tap() };
}

/** Acceptance: the real CLI against the tenant named by the environment (see the README). */
async function acceptanceScenario(): Promise<Scenario> {
  // Loaded only when asked for, so `npm test` never needs the automation API's CLI.
  const acceptance = require("../acceptance/acceptanceDriver") as {
    createAcceptanceDriver(options: { stackName?: string }): Promise<DeploymentDriver>;
  };
  const environment = require("../acceptance/acceptanceEnvironment") as {
    acceptanceTenantIds(env?: NodeJS.ProcessEnv): TenantIds;
  };
  const driver = await acceptance.createAcceptanceDriver({});
  const tenant = GraphTenant.fromEnvironment(process.env);
  return { driver, ids: environment.acceptanceTenantIds(), tenant, tapBefore: await tenant.tap() };
}

/**
 * Registers the suite's hooks and returns an accessor for the scenario. `offlineOnly` names why a
 * suite cannot run against a real tenant (e.g. it injects faults); it is then skipped there.
 */
export function useScenario(suite: Mocha.Suite, options: { offlineOnly?: string } = {}): () => Scenario {
  let scenario: Scenario | undefined;
  suite.timeout(acceptanceRequested() ? 30 * 60_000 : 60_000);
  stopSharedSandboxAfter(suite);
  suite.beforeAll(async function () {
    if (acceptanceRequested() && options.offlineOnly) this.skip();
    scenario = acceptanceRequested() ? await acceptanceScenario() : await offlineScenario();
  });
  suite.afterAll(async () => {
    await scenario?.driver.dispose();
  });
  return () => {
    if (!scenario) throw new Error("the scenario has not started");
    return scenario;
  };
}

/** Graph writes the sandbox has seen since its log was last cleared (undefined against a real tenant). */
export function graphWrites(scenario: Scenario): string[] | undefined {
  return scenario.sandbox
    ?.graphRequests()
    .filter((request) => request.method !== "GET")
    .map((request) => `${request.method} ${request.path}`);
}

export interface ExpectedChange {
  op: ChangeOp;
  name: string;
  diffs?: string[];
}

/**
 * Asserts the run succeeded and changed exactly `expected`, in any order. A refresh that reports
 * drift is allowed only on a resource the expectation names.
 */
export function expectChanges(result: RunResult, expected: ExpectedChange[]): void {
  assert.equal(result.error, undefined, `${result.operation} failed`);
  assert.ok(result.ok, `${result.operation} failed`);
  const actual = result.changes
    .filter((change) => change.op !== "same" && change.op !== "refresh")
    .map((change) => ({ op: change.op, name: change.name, diffs: change.diffs }));
  const normalize = (changes: ExpectedChange[]) =>
    changes
      .map(
        (change) =>
          `${change.op} ${change.name}${change.diffs ? ` [${[...change.diffs].sort().join(", ")}]` : ""}`,
      )
      .sort();
  // Diffs are compared only where the expectation names them.
  const withDiffs = actual.map((change) => ({
    ...change,
    diffs: expected.some((e) => e.name === change.name && e.op === change.op && e.diffs)
      ? change.diffs
      : undefined,
  }));
  assert.deepEqual(
    normalize(withDiffs),
    normalize(expected),
    `${result.operation} changed: ${describeChanges(result).join("; ") || "nothing"}`,
  );
  const drift = result.changes.filter(
    (change) =>
      change.op === "refresh" && change.diffs.length > 0 && !expected.some((e) => e.name === change.name),
  );
  assert.deepEqual(
    drift.map((change) => `${change.name} [${change.diffs.join(", ")}]`),
    [],
    "the refresh reported drift nobody made",
  );
}

/** `up`, expected to succeed with `expected` changes, followed by a preview that must change nothing. */
export async function upAndExpect(
  scenario: Scenario,
  config: StackConfig,
  expected: ExpectedChange[],
  options: { refresh?: boolean } = {},
): Promise<RunResult> {
  const result = await scenario.driver.up(config, options);
  expectChanges(result, expected);
  await expectEmptyPreview(scenario, config);
  return result;
}

/** A preview that reports no change and (offline) sends no Graph write. */
export async function expectEmptyPreview(scenario: Scenario, config: StackConfig): Promise<void> {
  scenario.sandbox?.clearLog();
  const preview = await scenario.driver.preview(config);
  expectChanges(preview, []);
  const writes = graphWrites(scenario);
  if (writes) assert.deepEqual(writes, [], "a preview must not write to Graph");
}
