/**
 * The project's three dynamic providers as their resource classes hand them to Pulumi: the thin
 * entry's text with default options (infra/providers/thinProvider.ts), as stored in `__provider`.
 */
import { CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER } from "../../infra/providers/configurationPolicyAssignment";
import { SETTINGS_CATALOG_POLICY_PROVIDER } from "../../infra/providers/settingsCatalogPolicy";
import { TEMPORARY_ACCESS_PASS_POLICY_PROVIDER } from "../../infra/providers/temporaryAccessPassPolicy";
import { thinProviderText, type ProviderClassLocation } from "../../infra/providers/thinProvider";
import type { SerializedProvider } from "./serializeProvider";

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

const LOCATIONS: Readonly<Record<ProjectResource, ProviderClassLocation>> = {
  TemporaryAccessPassPolicy: TEMPORARY_ACCESS_PASS_POLICY_PROVIDER,
  SettingsCatalogPolicy: SETTINGS_CATALOG_POLICY_PROVIDER,
  ConfigurationPolicyAssignment: CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER,
};

/** The `__provider` text the resource class registers (default provider options). */
export function projectProviderText(resource: ProjectResource): string {
  return thinProviderText(LOCATIONS[resource], undefined);
}

export interface TimedSerialization extends SerializedProvider {
  /** How long making the text took. */
  serializeMs: number;
}

export function serializedProjectProvider(resource: ProjectResource): Promise<TimedSerialization> {
  const started = performance.now();
  const text = projectProviderText(resource);
  return Promise.resolve({
    text,
    containsSecrets: false,
    bytes: Buffer.byteLength(text, "utf8"),
    serializeMs: performance.now() - started,
  });
}
