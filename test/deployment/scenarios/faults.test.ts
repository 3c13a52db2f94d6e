/**
 * Graph failing during the first `up`, at each write in turn: the run fails with a message naming
 * the resource, `refresh` then works, and the next `up` converges with no duplicate object, no
 * lost TAP configuration and no hand editing of the state. Offline only (faults are injected into
 * the Graph sandbox).
 */
import * as assert from "node:assert/strict";
import type { FaultSpec } from "../../sandbox/faults";
import { expectEmptyPreview, HAND_MADE_TAP, stackConfig, TAP_PROPERTIES, useScenario } from "./scenario";

/** Fails every attempt a client makes (Graph's clients retry 503 and 429; Retry-After 0 keeps it fast). */
const EVERY_ATTEMPT = 60;

interface FaultCase {
  write: string;
  /** The resource (or resources) whose step fails. */
  resource: string | string[];
  faults: FaultSpec[];
  /** The provider reconciles the fault itself and the first up succeeds. */
  recovers?: boolean;
  /** Run `pulumi refresh` between the failed up and the next one (default true). */
  refreshBetween?: boolean;
}

const TAP_PATH = /\/authenticationMethodConfigurations\/TemporaryAccessPass$/;
const CA_PATH = /\/identity\/conditionalAccess\/policies$/;
const GROUPS_PATH = /^\/beta\/groups$/;
const PROFILES_PATH = /\/deviceManagement\/configurationPolicies$/;
const ASSIGN_PATH = /\/deviceManagement\/configurationPolicies\/[^/]+\/assign$/;

const unavailable = (method: FaultSpec["method"], path: RegExp): FaultSpec => ({
  method,
  path,
  status: 503,
  retryAfter: "0",
  times: EVERY_ATTEMPT,
});

const CASES: FaultCase[] = [
  {
    write: "TAP policy PATCH answered 503",
    resource: "onboarding-tap-policy",
    faults: [unavailable("PATCH", TAP_PATH)],
  },
  {
    write: "TAP policy PATCH applied, connection reset, then 503",
    resource: "onboarding-tap-policy",
    faults: [{ method: "PATCH", path: TAP_PATH, reset: "after" }, unavailable("PATCH", TAP_PATH)],
  },
  {
    // Independent steps: both run, both fail, in one up.
    write: "CA policy POST and group POST answered 503",
    resource: ["onboarding-registration-policy", "onboarding-autopilot-group"],
    faults: [unavailable("POST", CA_PATH), unavailable("POST", GROUPS_PATH)],
  },
  {
    write: "profile POST answered 503",
    resource: "onboarding-web-sign-in",
    faults: [unavailable("POST", PROFILES_PATH)],
  },
  {
    // The provider looks the profile up by name after a POST whose outcome is unknown.
    write: "profile POST applied, connection reset",
    resource: "onboarding-web-sign-in",
    faults: [{ method: "POST", path: PROFILES_PATH, reset: "after" }],
    recovers: true,
  },
  {
    // Lookups after the unanswered POST fail, so the create records an unresolved attempt;
    // refresh takes over the profile it made.
    write: "profile POST applied, connection reset, every lookup after it failing; then refresh",
    resource: "onboarding-web-sign-in",
    faults: [
      { method: "POST", path: PROFILES_PATH, reset: "after" },
      { method: "GET", path: PROFILES_PATH, status: 500, skip: 1, times: 4 },
    ],
  },
  {
    // The same without refresh: the next up replaces the unresolved record (deletes what it made first).
    write: "profile POST applied, connection reset, every lookup after it failing; no refresh",
    resource: "onboarding-web-sign-in",
    faults: [
      { method: "POST", path: PROFILES_PATH, reset: "after" },
      { method: "GET", path: PROFILES_PATH, status: 500, skip: 1, times: 4 },
    ],
    refreshBetween: false,
  },
  {
    // Graph's clients retry 429 and 503 the same way; 503 is covered at the other writes.
    write: "assign POST throttled (429) on every attempt",
    resource: "onboarding-web-sign-in-assignment",
    faults: [{ method: "POST", path: ASSIGN_PATH, status: 429, retryAfter: "0", times: EVERY_ATTEMPT }],
  },
];

describe("whole deployment: Graph faults at each write of the first up", () => {
  for (const { write, resource, faults, recovers, refreshBetween = true } of CASES) {
    describe(write, function () {
      const scenario = useScenario(this, { offlineOnly: "it injects faults into the Graph sandbox" });

      it("fails naming the resource, then refresh works and the next up converges without duplicates", async () => {
        const s = scenario();
        const sandbox = s.sandbox!;
        const config = stackConfig(s.ids);
        for (const fault of faults) sandbox.fault(fault);
        const first = await s.driver.up(config);
        if (recovers) assert.equal(first.error, undefined, `the up with "${write}" recovers`);
        else {
          assert.equal(first.ok, false, `the up with "${write}" must fail`);
          for (const name of [resource].flat())
            assert.match(first.error ?? "", new RegExp(`\\(${name}\\): error: `));
        }
        sandbox.clearFaults();

        if (refreshBetween) {
          const refreshed = await s.driver.refresh(config);
          assert.equal(refreshed.error, undefined, "refresh after the failed up");
        }

        const converged = await s.driver.up(config);
        assert.equal(converged.error, undefined, "the next up");
        // Converged: a preview plans nothing and writes nothing (a second up would do the same).
        await expectEmptyPreview(s, config);

        const outputs = converged.outputs as Record<string, string>;
        assert.equal(
          (await s.tenant.conditionalAccessPoliciesNamed("Require MFA to register security info")).length,
          1,
        );
        assert.equal((await s.tenant.groupsNamed("Autopilot devices (scenario)")).length, 1);
        const profiles = await s.tenant.profilesNamed("Windows - Enable Web Sign-in (scenario)");
        assert.deepEqual(
          profiles.map((p) => p.id),
          [outputs.webSignInPolicyId],
        );
        const assignments = await s.tenant.assignments(outputs.webSignInPolicyId);
        assert.deepEqual(
          assignments.map((a) => (a.target as Record<string, unknown>).groupId),
          [outputs.autopilotGroupId],
        );

        const tapState = s.offline!.state().resources.find((r) => r.name === "onboarding-tap-policy");
        const previous = tapState?.outputs.previous as Record<string, unknown> | undefined;
        for (const [key, value] of Object.entries(HAND_MADE_TAP))
          assert.deepEqual(
            previous?.[key],
            value,
            `the TAP configuration found before the first up (${key}) is kept`,
          );
        if (resource === "onboarding-tap-policy") {
          const destroyed = await s.driver.destroy(config);
          assert.equal(destroyed.error, undefined, "destroy");
          const tapAfter = await s.tenant.tap();
          for (const key of TAP_PROPERTIES)
            assert.deepEqual(tapAfter[key], s.tapBefore[key], `destroy restores the TAP's ${key}`);
        }
      });
    });
  }
});
