// A consumer program in plain TypeScript: only the package's public entry points.
import * as pulumi from "@pulumi/pulumi";
import { PasswordlessOnboarding, type TenantConnection } from "passwordless-onboarding";
import { ALL_RULES } from "passwordless-onboarding/guardrails";
import { DEFAULT_SETTINGS } from "passwordless-onboarding/settings";

const connection: TenantConnection = { tenantId: "0f0e0d0c-0b0a-4909-8807-060504030201", useOidc: true };
const config = JSON.parse(process.env.CONSUMER_CONFIG ?? "{}") as Record<string, unknown>;
const onboarding = new PasswordlessOnboarding("contoso", { config, connection });

export const rules: number = ALL_RULES.length;
export const defaultLength: number = DEFAULT_SETTINGS.temporaryAccessPass.defaultLength;
export const tapPolicyId: pulumi.Output<string> = onboarding.temporaryAccessPassPolicyId;
