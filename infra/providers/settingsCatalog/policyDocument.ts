import { normalizeSettings } from "./normalizeSettings";
import { normalizePolicyState, type SettingsCatalogPolicyState } from "./policyInputs";

/** A configuration policy as Graph returns it (only the fields this project reads). */
export interface GraphConfigurationPolicy {
  id: string;
  name?: string;
  description?: string | null;
  platforms?: string;
  technologies?: string;
  roleScopeTagIds?: string[] | null;
  templateReference?: { templateId?: string | null } | null;
  /** ISO 8601, set by Graph. */
  createdDateTime?: string;
  settings?: unknown[];
  "settings@odata.nextLink"?: string;
}

/**
 * The whole policy document for a POST (create, settings inline) or a PUT (replace settings).
 * Server-only fields are never sent.
 */
export function policyDocument(state: SettingsCatalogPolicyState): Record<string, unknown> {
  return {
    name: state.name,
    description: state.description,
    platforms: state.platforms,
    technologies: state.technologies,
    roleScopeTagIds: state.roleScopeTagIds,
    templateReference: { templateId: state.templateId },
    settings: state.settings,
  };
}

/** The declared state read back from Graph (`adoptExisting` is not a Graph property: kept as given). */
export function stateFromGraph(
  policy: GraphConfigurationPolicy,
  settings: readonly unknown[],
  adoptExisting: boolean,
): SettingsCatalogPolicyState {
  return normalizePolicyState({
    name: policy.name ?? "",
    description: policy.description ?? "",
    platforms: policy.platforms ?? "",
    technologies: policy.technologies ?? "",
    roleScopeTagIds: policy.roleScopeTagIds ?? [],
    settings: normalizeSettings(settings),
    adoptExisting,
    templateId: policy.templateReference?.templateId ?? "",
  });
}
