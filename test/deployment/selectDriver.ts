/**
 * Which driver runs the deployment scenarios: the offline one in `npm test`, the acceptance one
 * (real Pulumi CLI, real test tenant) when a maintainer sets PASSWORDLESS_ACCEPTANCE=1.
 *
 * The acceptance driver is loaded only when asked for, so `npm test` never loads the automation
 * API's driver code, and never starts the `pulumi` binary.
 */
import type { AcceptanceDriver } from "./acceptance/acceptanceDriver";
import { ACCEPTANCE_SWITCH, type Environment } from "./acceptance/acceptanceEnvironment";

export { acceptanceSkipReason, acceptanceTenantIds } from "./acceptance/acceptanceEnvironment";
export type { AcceptanceTenantIds } from "./acceptance/acceptanceEnvironment";

/** Whether the scenarios should run against a real tenant: PASSWORDLESS_ACCEPTANCE=1. */
export function acceptanceRequested(env: Environment = process.env): boolean {
  return env[ACCEPTANCE_SWITCH] === "1";
}

/**
 * The acceptance driver on the stack `options.stackName`, else PASSWORDLESS_ACCEPTANCE_STACK, else
 * `acceptance`. Rejects, saying what is missing, when there is no complete identity or no CLI:
 * a maintainer who asked for a real run should not get a silently skipped one.
 */
export async function createAcceptanceDriver(
  options: { stackName?: string } = {},
): Promise<AcceptanceDriver> {
  const acceptance = await import("./acceptance/acceptanceDriver");
  return acceptance.createAcceptanceDriver({ stackName: options.stackName });
}
