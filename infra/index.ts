/**
 * Entry point: read the stack config, resolve what it names in the tenant, run the guardrails,
 * declare the onboarding, export its ids.
 *
 * 1. The config is read and validated synchronously: a bad value stops the program here, before
 *    anything is looked up in the tenant.
 * 2. In preview and up alike, groups and users named in the config are looked up through the
 *    azuread provider's data sources (infra/references), and the objects the config adopts through
 *    Graph (infra/native/adoption.ts), all at once. Every failure of either is reported in one error
 *    before any resource is declared.
 * 3. The component runs the guardrails on the resolved settings (object ids only), then declares
 *    its resources.
 *
 * The exports are Outputs of that work; when it fails, each export fails with the same error, which
 * Pulumi reports once.
 */
import * as pulumi from "@pulumi/pulumi";
import type { DeclaredOnboardingSettings, OnboardingSettings } from "../policies/settings";
import { CONFIG_NAMESPACE, readSettings, SETTINGS_KEYS } from "./config";
import { planAdoption, type AdoptionPlan } from "./native/adoption";
import { finderFor } from "./native/existingObjects";
import { programGraphClient } from "./native/programGraphClient";
import { PasswordlessOnboarding } from "./onboarding";
import { azureadLookups } from "./references/azureadLookups";
import { resolveReferences } from "./references/resolveReferences";
import { isSecretKey } from "./settings/secrets";

const declared = readSettings();

/** The structured keys set with `--secret`: their names stay out of messages. */
function secretSections() {
  return SETTINGS_KEYS.filter((key) => isSecretKey(`${CONFIG_NAMESPACE}:${key}`));
}

/** Both results, or one error carrying every failure (a RunError: Pulumi shows it without a stack trace). */
async function bothOrAllFailures(
  settings: Promise<OnboardingSettings>,
  adoption: Promise<AdoptionPlan>,
): Promise<[OnboardingSettings, AdoptionPlan]> {
  const [resolved, adopted] = await Promise.allSettled([settings, adoption]);
  if (resolved.status === "fulfilled" && adopted.status === "fulfilled") {
    return [resolved.value, adopted.value];
  }
  const failures = [resolved, adopted].filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failures.length === 1) throw failures[0].reason;
  const messages = failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason)));
  throw new pulumi.RunError(messages.join("\n"));
}

async function declareOnboarding(settings: DeclaredOnboardingSettings) {
  const [resolved, adoption] = await bothOrAllFailures(
    resolveReferences(settings, azureadLookups(), { secretSections: secretSections() }),
    planAdoption(settings, finderFor(programGraphClient)),
  );
  // The component runs the guardrails before it declares anything.
  const onboarding = new PasswordlessOnboarding("onboarding", { settings: resolved, adoption });
  return {
    temporaryAccessPassPolicyId: onboarding.temporaryAccessPassPolicyId,
    registrationPolicyId: onboarding.registrationPolicyId,
    autopilotGroupId: onboarding.autopilotGroupId,
    webSignInPolicyId: onboarding.webSignInPolicyId,
    webSignInAssignmentId: onboarding.webSignInAssignmentId,
    summary: onboarding.summary,
  };
}

const onboarding = pulumi.output(declareOnboarding(declared));

export const temporaryAccessPassPolicyId = onboarding.temporaryAccessPassPolicyId;
export const registrationPolicyId = onboarding.registrationPolicyId;
export const autopilotGroupId = onboarding.autopilotGroupId;
export const webSignInPolicyId = onboarding.webSignInPolicyId;
export const webSignInAssignmentId = onboarding.webSignInAssignmentId;
export const summary = onboarding.summary;
