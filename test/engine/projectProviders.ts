/**
 * The project's three dynamic providers as their resource classes hand them to Pulumi (the thin
 * entry with default options, see infra/providers/thinProvider.ts), serialized once per test run,
 * as `pulumi.dynamic.Resource` would.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER } from "../../infra/providers/configurationPolicyAssignment";
import { SETTINGS_CATALOG_POLICY_PROVIDER } from "../../infra/providers/settingsCatalogPolicy";
import { TEMPORARY_ACCESS_PASS_POLICY_PROVIDER } from "../../infra/providers/temporaryAccessPassPolicy";
import { sharedThinProvider } from "../../infra/providers/thinProvider";
import { serializeProvider, type SerializedProvider } from "./serializeProvider";

export type ProjectResource =
  "TemporaryAccessPassPolicy" | "SettingsCatalogPolicy" | "ConfigurationPolicyAssignment";

export const PROJECT_RESOURCES: readonly ProjectResource[] = [
  "TemporaryAccessPassPolicy",
  "SettingsCatalogPolicy",
  "ConfigurationPolicyAssignment",
];

/** The type token each resource class registers (`pulumi-nodejs:dynamic/<module>:<type>`). */
export const RESOURCE_TYPES: Readonly<Record<ProjectResource, string>> = {
  TemporaryAccessPassPolicy: "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy",
  SettingsCatalogPolicy: "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy",
  ConfigurationPolicyAssignment: "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment",
};

export function newProjectProvider(resource: ProjectResource): pulumi.dynamic.ResourceProvider {
  switch (resource) {
    case "TemporaryAccessPassPolicy":
      return sharedThinProvider(TEMPORARY_ACCESS_PASS_POLICY_PROVIDER, undefined);
    case "SettingsCatalogPolicy":
      return sharedThinProvider(SETTINGS_CATALOG_POLICY_PROVIDER, undefined);
    case "ConfigurationPolicyAssignment":
      return sharedThinProvider(CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER, undefined);
  }
}

export interface TimedSerialization extends SerializedProvider {
  /** How long the first (uncached) serialization took. */
  serializeMs: number;
}

const cache = new Map<ProjectResource, Promise<TimedSerialization>>();

export function serializedProjectProvider(resource: ProjectResource): Promise<TimedSerialization> {
  let pending = cache.get(resource);
  if (!pending) {
    const started = performance.now();
    pending = serializeProvider(newProjectProvider(resource), { label: resource }).then((serialized) => ({
      ...serialized,
      serializeMs: performance.now() - started,
    }));
    cache.set(resource, pending);
  }
  return pending;
}
