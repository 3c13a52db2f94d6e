/**
 * The one way guardrail tests state expectations: settings are DEFAULT_SETTINGS with a deep
 * patch, and a rule is either compliant (no findings) or non-compliant with exactly the listed
 * details, in order.
 */
import { strict as assert } from "node:assert";
import type { GuardrailContext, GuardrailRule } from "../../../policies/guardrails";
import { DEFAULT_SETTINGS, type OnboardingSettings } from "../../../policies/settings";

/** Objects merge key by key; arrays and scalars replace; an explicit `undefined` removes the key. */
export type DeepPatch<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPatch<T[K]> : T[K];
};

export const NEW_JOINERS_GROUP_ID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
export const CONTRACTORS_GROUP_ID = "9a8b7c6d-5e4f-4321-8fed-cba987654321";
export const BREAK_GLASS_USER_ID = "1f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7b";

export function settingsWith(patch: DeepPatch<OnboardingSettings> = {}): OnboardingSettings {
  return merge(structuredClone(DEFAULT_SETTINGS), patch) as OnboardingSettings;
}

export interface RuleExpectation {
  /** Asserts the rule finds nothing in DEFAULT_SETTINGS + patch. */
  compliant(patch?: DeepPatch<OnboardingSettings>): RuleExpectation;
  /** Asserts the rule reports exactly one finding per pattern, each detail matching its pattern. */
  nonCompliant(patch: DeepPatch<OnboardingSettings>, ...details: RegExp[]): RuleExpectation;
}

/** `context`: the tenant facts a caller such as preflight passes; none (as under `pulumi preview`) by default. */
export function expectRule(rule: GuardrailRule, context: GuardrailContext = {}): RuleExpectation {
  const expectation: RuleExpectation = {
    compliant(patch = {}) {
      const findings = rule.check(settingsWith(patch), context);
      assert.deepEqual(findings, [], `${rule.id} should find nothing for ${JSON.stringify(patch)}`);
      return expectation;
    },
    nonCompliant(patch, ...details) {
      assert.ok(details.length > 0, "nonCompliant needs at least one expected detail");
      const findings = rule.check(settingsWith(patch), context);
      const shown = JSON.stringify(findings, null, 2);
      assert.equal(
        findings.length,
        details.length,
        `${rule.id} findings for ${JSON.stringify(patch)}: ${shown}`,
      );
      details.forEach((pattern, index) =>
        assert.match(findings[index], pattern, `${rule.id} finding ${index}`),
      );
      return expectation;
    },
  };
  return expectation;
}

function merge(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(target) || !isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete result[key];
    else result[key] = merge(result[key], value);
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
