import type { ReplicationLagOptions, RetryOptions } from "../graph/types";

/**
 * Tuning every Graph-backed dynamic provider accepts in its constructor. Plain data only: it is
 * serialized with the provider into Pulumi state, so it must never hold a credential.
 */
export interface GraphProviderOptions {
  retry?: RetryOptions;
  replicationLag?: ReplicationLagOptions;
}

/** The `azuread:` stack config keys the Graph connection honours, so one identity configures both. */
export const AZUREAD_CONFIG_KEYS = [
  "clientId",
  "clientSecret",
  "tenantId",
  "environment",
  "useOidc",
  "oidcToken",
  "oidcTokenFilePath",
  "useMsi",
  "useCli",
] as const;

/** Reads the `azuread:` keys from a dynamic provider's configure request (values kept in memory only). */
export function readAzureadConfig(config: {
  get(key: string): string | undefined;
}): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const key of AZUREAD_CONFIG_KEYS) {
    const value = config.get(`azuread:${key}`);
    if (value !== undefined && value !== "") values[key] = value;
  }
  return values;
}
