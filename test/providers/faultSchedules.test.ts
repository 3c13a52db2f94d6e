/**
 * Seeded random Graph fault schedules over whole lifecycles of the three dynamic providers
 * (up, changed up, refresh, unchanged up, destroy), each failed operation run again the way the
 * next `pulumi up` / `refresh` / `destroy` would (support/engineSteps.ts), with no faults once
 * three attempts have failed. Faults: 429 with and without Retry-After, 500, 503, 504, connection
 * resets before and after the write is applied, and (profiles) a list that lags a create.
 *
 * Invariants: the TAP configuration found before the first up is restored by destroy; never more
 * than one profile with the managed name, and the stack's id is that profile; assignments as
 * declared after every successful up; every operation converges; every error names the operation,
 * Graph's status or the cause, and the request-id when Graph answered; no secret in any error.
 *
 * FAULT_SEED=<n> replays a schedule (the seed is printed on failure); FAULT_LIFECYCLES=<n> runs
 * more lifecycles per provider than CI's default.
 */
import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import { ConfigurationPolicyAssignmentProvider } from "../../infra/providers/configurationPolicyAssignment";
import { SettingsCatalogPolicyProvider } from "../../infra/providers/settingsCatalogPolicy";
import { TemporaryAccessPassPolicyProvider } from "../../infra/providers/temporaryAccessPassPolicy";
import type { FaultSpec, HttpMethod } from "../sandbox/faults";
import type { JsonObject, Sandbox } from "../sandbox";
import { engineRefresh, engineUp, type RecordedResource } from "./support/engineSteps";
import { useSandboxInEnvironment } from "./support/providerSuite";
import { WEB_SIGN_IN } from "./support/webSignInProfile";

type Props = Record<string, unknown>;

const SEED = Number(process.env.FAULT_SEED ?? 20261130);
const LIFECYCLES = Number(process.env.FAULT_LIFECYCLES ?? 6);
/** Attempts of one operation that may meet faults; later attempts run fault-free. */
const FAULTY_ATTEMPTS = 3;
const MAX_ATTEMPTS = 6;
/** Longer than the lookups after an unknown POST (5 + 10 + 20 ms); each next run waits it out. */
const LIST_LAG_MS = 60;
const FAST = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
  replicationLag: { timeoutMs: 100, initialDelayMs: 5, maxDelayMs: 20 },
};

const TAP = /\/authenticationMethodConfigurations\/TemporaryAccessPass$/;
const PROFILES = /\/deviceManagement\/configurationPolicies$/;
const PROFILE = /\/deviceManagement\/configurationPolicies\/[^/]+$/;
const ASSIGN = /\/deviceManagement\/configurationPolicies\/[^/]+\/assign$/;
const ASSIGNMENTS = /\/deviceManagement\/configurationPolicies\/[^/]+\/assignments$/;

/** mulberry32: a small seeded generator, so a failing schedule can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Target {
  method: HttpMethod;
  path: RegExp;
}

function randomFault(random: () => number, targets: readonly Target[]): FaultSpec {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const { method, path } = pick(targets);
  const times = 1 + Math.floor(random() * 4);
  const skip = Math.floor(random() * 2);
  const effects: FaultSpec[] = [
    { status: 429, retryAfter: "0" },
    { status: 429 },
    { status: 500 },
    { status: 503 },
    { status: 504 },
    { reset: "before" },
    ...(method === "GET" ? [] : [{ reset: "after" } as FaultSpec]),
  ];
  return { method, path, times, skip, ...pick(effects) };
}

interface Lifecycle {
  provider: pulumi.dynamic.ResourceProvider;
  targets: readonly Target[];
  /** Sets the tenant up before the first up; returns the two programs (first up, changed up). */
  arrange(random: () => number): { first: Props; changed: Props; listLag: boolean };
  /** Checked after every attempt of every operation. */
  always(state: RecordedResource | undefined): void;
  /** Checked after a successful up of `program`. */
  converged(state: RecordedResource, program: Props): void;
  /** Checked after a successful destroy. */
  destroyed(): void;
}

interface Figures {
  lifecycles: number;
  operations: number;
  failedAttempts: number;
  recovered: number;
  maxWrites: number;
  violations: string[];
}

describe(`Graph fault schedules over provider lifecycles (FAULT_SEED=${SEED}, FAULT_LIFECYCLES=${LIFECYCLES})`, function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  const secret = (): string => sandbox.env().ARM_CLIENT_SECRET;
  useSandboxInEnvironment((started) => (sandbox = started));
  afterEach(() => {
    sandbox.setProfileListLag(0);
    sandbox.resetTenant();
  });

  /** Checks one failed attempt's error; returns the problems found. */
  function errorProblems(error: unknown): string[] {
    const problems: string[] = [];
    const text = error instanceof Error ? error.message : String(error);
    const recorded = JSON.stringify((error as { properties?: unknown }).properties ?? {});
    if (
      !/^(Creating|Reading|Updating|Deleting|Looking up|Assigning|Removing|TemporaryAccessPassPolicy: could not)/.test(
        text,
      )
    )
      problems.push(`no operation named: ${text}`);
    const status = /(?:failed(?: after \d+ attempts)?|\/\S+): (\d{3}) |no response \(|not sent \(/.exec(text);
    if (status === null) problems.push(`no status or cause: ${text}`);
    else if (status[1] !== undefined && !/request-id [0-9a-f-]{36}/.test(text))
      problems.push(`no request-id for Graph's ${status[1]}: ${text}`);
    if (text.includes(secret()) || recorded.includes(secret())) problems.push("the client secret leaked");
    return problems;
  }

  function run(name: string, lifecycle: () => Lifecycle): void {
    it(`${name}: every lifecycle converges with no lost setting, duplicate or orphan`, async function () {
      const figures: Figures = {
        lifecycles: 0,
        operations: 0,
        failedAttempts: 0,
        recovered: 0,
        maxWrites: 0,
        violations: [],
      };
      const random = seededRandom(SEED + name.length);
      try {
        for (let n = 0; n < LIFECYCLES; n++) {
          sandbox.resetTenant();
          await oneLifecycle(lifecycle(), random, figures);
          figures.lifecycles += 1;
        }
      } catch (error) {
        throw new Error(`FAULT_SEED=${SEED}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      console.log(
        `      ${name}: ${figures.lifecycles} lifecycles, ${figures.operations} operations, ` +
          `${figures.failedAttempts} failed attempts, ${figures.recovered} operations recovered, ` +
          `${figures.violations.length} violations, max ${figures.maxWrites} writes per attempt`,
      );
      assert.deepEqual(figures.violations, [], `FAULT_SEED=${SEED}`);
    });
  }

  async function oneLifecycle(l: Lifecycle, random: () => number, figures: Figures): Promise<void> {
    const { first, changed, listLag } = l.arrange(random);
    let state: RecordedResource | undefined;

    /** Runs one operation until it succeeds, injecting random faults into its first attempts. */
    const operate = async (what: string, attempt: () => Promise<unknown>): Promise<void> => {
      figures.operations += 1;
      for (let n = 1; ; n++) {
        if (n > MAX_ATTEMPTS) {
          figures.violations.push(`${what} did not converge in ${MAX_ATTEMPTS} attempts`);
          return;
        }
        if (n <= FAULTY_ATTEMPTS && random() < 0.85) {
          const count = 1 + Math.floor(random() * 3);
          for (let i = 0; i < count; i++) sandbox.fault(randomFault(random, l.targets));
        }
        sandbox.setProfileListLag(listLag && random() < 0.5 ? LIST_LAG_MS : 0);
        sandbox.clearLog();
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        sandbox.clearFaults();
        const writes = sandbox.graphRequests().filter((r) => r.method !== "GET").length;
        figures.maxWrites = Math.max(figures.maxWrites, writes);
        try {
          l.always(state);
        } catch (violation) {
          figures.violations.push(`${what}, attempt ${n}: ${(violation as Error).message}`);
        }
        if (error === undefined) {
          if (n > 1) figures.recovered += 1;
          return;
        }
        figures.failedAttempts += 1;
        figures.violations.push(...errorProblems(error).map((p) => `${what}, attempt ${n}: ${p}`));
        // The next run starts later than Graph's list lag lasts.
        await new Promise((resolve) => setTimeout(resolve, listLag ? LIST_LAG_MS : 0));
      }
    };
    const up = (program: Props) => async (): Promise<void> => {
      const step = await engineUp(l.provider, state, program);
      state = step.state;
      if (step.error !== undefined) {
        throw step.error instanceof Error ? step.error : new Error(JSON.stringify(step.error));
      }
      try {
        l.converged(state as RecordedResource, program);
      } catch (violation) {
        figures.violations.push(`after a successful up: ${(violation as Error).message}`);
      }
    };

    await operate("first up", up(first));
    await operate("changed up", up(changed));
    await operate("refresh", async () => {
      state = await engineRefresh(l.provider, state as RecordedResource);
    });
    await operate("unchanged up", up(changed));
    await operate("destroy", async () => {
      if (state !== undefined) await l.provider.delete!(state.id, state.outputs);
      state = undefined;
      try {
        l.destroyed();
      } catch (violation) {
        figures.violations.push(`after destroy: ${(violation as Error).message}`);
      }
    });
  }

  run("TemporaryAccessPassPolicy", () => {
    const provider = new TemporaryAccessPassPolicyProvider(FAST);
    let handMade: JsonObject = {};
    const tapProgram = (lifetime: number, usableOnce: boolean, group: string): Props => ({
      state: "enabled",
      defaultLifetimeInMinutes: lifetime,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      defaultLength: 12,
      isUsableOnce: usableOnce,
      includeTargets: [{ id: group, targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
    });
    return {
      provider,
      targets: [
        { method: "GET", path: TAP },
        { method: "PATCH", path: TAP },
      ],
      arrange(random) {
        const lifetime = 30 + Math.floor(random() * 60);
        sandbox.setTap({
          defaultLifetimeInMinutes: lifetime,
          minimumLifetimeInMinutes: 15,
          isUsableOnce: random() < 0.5,
        });
        handMade = sandbox.tap();
        const group = sandbox.addGroup({ displayName: "TAP users" });
        return {
          first: tapProgram(120, false, group),
          changed: tapProgram(240, true, group),
          listLag: false,
        };
      },
      always() {},
      converged(_state, program) {
        assert.equal(sandbox.tap().defaultLifetimeInMinutes, program.defaultLifetimeInMinutes);
      },
      destroyed() {
        assert.deepEqual(
          sandbox.tap(),
          handMade,
          "destroy restores the configuration found before the first up",
        );
      },
    };
  });

  run("SettingsCatalogPolicy", () => {
    const provider = new SettingsCatalogPolicyProvider(FAST);
    const name = "Fault schedule profile";
    const profiles = () => sandbox.configurationPolicies().filter((p) => p.name === name);
    const profileProgram = (description: string, option: string): Props => ({
      name,
      description,
      platforms: "windows10",
      technologies: "mdm",
      settings: [
        {
          settingInstance: {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
            settingDefinitionId: WEB_SIGN_IN,
            choiceSettingValue: { value: `${WEB_SIGN_IN}_${option}` },
          },
        },
      ],
    });
    return {
      provider,
      targets: [
        // The create's lookup and POST carry the risk of duplicates and orphans: aimed at more often.
        { method: "GET", path: PROFILES },
        { method: "GET", path: PROFILES },
        { method: "POST", path: PROFILES },
        { method: "POST", path: PROFILES },
        { method: "POST", path: PROFILES },
        { method: "GET", path: PROFILE },
        { method: "PATCH", path: PROFILE },
        { method: "PUT", path: PROFILE },
        { method: "DELETE", path: PROFILE },
      ],
      arrange: () => ({
        first: profileProgram("first", "1"),
        changed: profileProgram("changed", "0"),
        listLag: true,
      }),
      always() {
        assert.ok(profiles().length <= 1, `${profiles().length} profiles are named "${name}"`);
      },
      converged(state, program) {
        const [profile] = profiles();
        assert.equal(state.id, profile?.id, "the stack records the one profile with the managed name");
        assert.equal(profile.description, program.description);
      },
      destroyed() {
        assert.equal(profiles().length, 0, "destroy leaves no profile behind");
      },
    };
  });

  run("ConfigurationPolicyAssignment", () => {
    const provider = new ConfigurationPolicyAssignmentProvider(FAST);
    let policyId = "";
    const targets = () =>
      ((sandbox.configurationPolicy(policyId)?.assignments ?? []) as { target: { groupId?: string } }[])
        .map((a) => a.target.groupId)
        .sort();
    return {
      provider,
      targets: [
        { method: "POST", path: ASSIGN },
        { method: "GET", path: ASSIGNMENTS },
      ],
      arrange() {
        policyId = sandbox.seedConfigurationPolicy({
          name: "Assigned",
          platforms: "windows10",
          technologies: "mdm",
          settings: [],
        });
        const devices = sandbox.addGroup({ displayName: "Autopilot devices" });
        const pilots = sandbox.addGroup({ displayName: "Pilot devices" });
        const program = (groups: string[]): Props => ({
          policyId,
          assignments: groups.map((groupId) => ({ target: "group", groupId })),
        });
        return { first: program([devices]), changed: program([devices, pilots]), listLag: false };
      },
      always() {},
      converged(_state, program) {
        const declared = (program.assignments as { groupId: string }[]).map((a) => a.groupId).sort();
        assert.deepEqual(targets(), declared);
      },
      destroyed() {
        assert.deepEqual(targets(), []);
      },
    };
  });
});
