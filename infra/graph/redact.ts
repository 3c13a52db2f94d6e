/** Removes known secret values from text before it leaves the Graph layer (errors, logs). */
import type { CredentialPlan } from "./connection";

const MIN_SECRET_LENGTH = 4;

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    result = result.split(secret).join("[redacted]");
  }
  return result;
}

/** The secret values a credential plan signs in with: what an error message must never repeat. */
export function credentialSecrets(plan: CredentialPlan): string[] {
  switch (plan.kind) {
    case "clientSecret":
      return [plan.clientSecret.read()];
    case "oidcToken":
      return [plan.oidcToken.read()];
    case "githubActionsOidc":
      return [plan.requestToken.read()];
    default:
      return [];
  }
}
