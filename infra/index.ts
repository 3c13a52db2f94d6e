/** Entry point: read the stack config, run the guardrails, declare the onboarding, export its ids. */
import { readSettings } from "./config";
import { enforceGuardrails } from "./guardrails";
import { PasswordlessOnboarding } from "./onboarding";

const settings = readSettings();
enforceGuardrails(settings);

const onboarding = new PasswordlessOnboarding("onboarding", { settings });

export const temporaryAccessPassPolicyId = onboarding.temporaryAccessPassPolicyId;
export const registrationPolicyId = onboarding.registrationPolicyId;
export const autopilotGroupId = onboarding.autopilotGroupId;
export const webSignInPolicyId = onboarding.webSignInPolicyId;
export const webSignInAssignmentId = onboarding.webSignInAssignmentId;
export const summary = onboarding.summary;
