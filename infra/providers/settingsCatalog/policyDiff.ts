import { sameJson } from "./canonicalJson";
import { normalizePolicyState, type SettingsCatalogPolicyState } from "./policyInputs";
import { containsUnknown } from "./unknownValue";

/** Graph cannot change these on an existing profile: a change means a new profile. */
export const REPLACE_PROPERTIES = ["platforms", "technologies", "templateId"] as const;
/** Changed with a PATCH of just these fields. */
export const METADATA_PROPERTIES = ["name", "description", "roleScopeTagIds"] as const;
/** Changed with a PUT of the whole document (Graph rejects a PATCH that contains settings). */
export const SETTINGS_PROPERTY = "settings";

type PolicyProperty = (typeof REPLACE_PROPERTIES)[number] | (typeof METADATA_PROPERTIES)[number] | "settings";
const COMPARED: readonly PolicyProperty[] = [
  ...METADATA_PROPERTIES,
  SETTINGS_PROPERTY,
  ...REPLACE_PROPERTIES,
];

/**
 * The declared Graph properties whose normalized values differ (a value not known yet counts as
 * changed). `adoptExisting` only steers create, so changing it changes nothing in the tenant.
 */
export function changedPolicyProperties(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): PolicyProperty[] {
  const before = normalizePolicyState(olds);
  const after = normalizePolicyState(news);
  return COMPARED.filter((key) => containsUnknown(after[key]) || !sameJson(before[key], after[key]));
}

export interface PolicyDiff {
  changes: boolean;
  replaces: string[];
  /** A replacement deletes the old profile first; see the provider for why. */
  deleteBeforeReplace: boolean;
}

export function diffPolicy(olds: Record<string, unknown>, news: Record<string, unknown>): PolicyDiff {
  const changed = changedPolicyProperties(olds, news);
  const replaces = changed.filter((key) => (REPLACE_PROPERTIES as readonly string[]).includes(key));
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
}

/** The metadata fields to PATCH when only metadata changed. */
export function metadataPatch(
  changed: readonly string[],
  desired: SettingsCatalogPolicyState,
): Partial<Pick<SettingsCatalogPolicyState, (typeof METADATA_PROPERTIES)[number]>> {
  const patch: Record<string, unknown> = {};
  for (const key of METADATA_PROPERTIES) {
    if (changed.includes(key)) patch[key] = desired[key];
  }
  return patch;
}
