/** The three dynamic providers the benchmark measures, with how the program stores each. */
import type * as pulumi from "@pulumi/pulumi";
import {
  CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER,
  ConfigurationPolicyAssignmentProvider,
} from "../../infra/providers/configurationPolicyAssignment";
import type { GraphProviderOptions } from "../../infra/providers/graphProviderOptions";
import {
  SETTINGS_CATALOG_POLICY_PROVIDER,
  SettingsCatalogPolicyProvider,
} from "../../infra/providers/settingsCatalogPolicy";
import {
  TEMPORARY_ACCESS_PASS_POLICY_PROVIDER,
  TemporaryAccessPassPolicyProvider,
} from "../../infra/providers/temporaryAccessPassPolicy";
import type { ProviderClassLocation } from "../../infra/providers/thinProvider";

export type ProviderKey = "tap" | "policy" | "assignment";

export interface ProviderSpec {
  key: ProviderKey;
  /** The provider class's name, for tables. */
  label: string;
  /** The resource type token the program registers. */
  type: string;
  location: ProviderClassLocation;
  /** A provider class instance (what the resource classes serialized before thin entries). */
  instance(options?: GraphProviderOptions): pulumi.dynamic.ResourceProvider;
}

/** In the order the lifecycle creates them. */
export const PROVIDERS: readonly ProviderSpec[] = [
  {
    key: "tap",
    label: "TemporaryAccessPassPolicyProvider",
    type: "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy",
    location: TEMPORARY_ACCESS_PASS_POLICY_PROVIDER,
    instance: (options) => new TemporaryAccessPassPolicyProvider(options),
  },
  {
    key: "policy",
    label: "SettingsCatalogPolicyProvider",
    type: "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy",
    location: SETTINGS_CATALOG_POLICY_PROVIDER,
    instance: (options) => new SettingsCatalogPolicyProvider(options),
  },
  {
    key: "assignment",
    label: "ConfigurationPolicyAssignmentProvider",
    type: "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment",
    location: CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER,
    instance: (options) => new ConfigurationPolicyAssignmentProvider(options),
  },
];

/** Millisecond retries and replication-lag waits, so that a lifecycle against the sandbox is quick. */
export const FAST_OPTIONS: GraphProviderOptions = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 400, initialDelayMs: 10, maxDelayMs: 40 },
};
