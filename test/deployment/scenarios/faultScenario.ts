/**
 * Graph failing during the first `up` at one write: the run fails with a message naming the
 * resource, `refresh` then works, and the next `up` converges with no duplicate object, no lost
 * TAP configuration and no hand editing of the state. Offline only (faults are injected into the
 * Graph sandbox). The cases are split over two test files so mocha's workers run them side by side.
 */
import * as assert from "node:assert/strict";
import type { FaultSpec } from "../../sandbox/faults";
import { expectEmptyPreview, HAND_MADE_TAP, stackConfig, TAP_PROPERTIES, useScenario } from "./scenario";

/** Fails every attempt a client makes (Graph's clients retry 503 and 429; Retry-After 0 keeps it fast). */
export const EVERY_ATTEMPT = 60;

export interface FaultCase {
  write: string;
  /** The resource (or resources) whose step fails. */
  resource: string | string[];
  faults: FaultSpec[];
  /** The provider reconciles the fault itself and the first up succeeds. */
  recovers?: boolean;
  /** Run `pulumi refresh` between the failed up and the next one (default true). */
  refreshBetween?: boolean;
}

export const TAP_PATH = /\/authenticationMethodConfigurations\/TemporaryAccessPass$/;
export const CA_PATH = /\/identity\/conditionalAccess\/policies$/;
export const GROUPS_PATH = /^\/beta\/groups$/;
export const PROFILES_PATH = /\/deviceManagement\/configurationPolicies$/;
export const ASSIGN_PATH = /\/deviceManagement\/configurationPolicies\/[^/]+\/assign$/;

export const unavailable = (method: FaultSpec["method"], path: RegExp): FaultSpec => ({
  method,
  path,
  status: 503,
  retryAfter: "0",
  times: EVERY_ATTEMPT,
});

export function describeFaultCases(title: string, cases: readonly FaultCase[]): void {
  describe(title, () => {
    for (const { write, resource, faults, recovers, refreshBetween = true } of cases) {
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
}
