import { isGraphRequestError } from "../../graph/errors";
import type { GraphClient } from "../../graph/types";
import { CONFIGURATION_POLICIES_PATH, findPoliciesByName } from "./findByName";
import { policyDocument, type GraphConfigurationPolicy } from "./policyDocument";
import { REPLACE_PROPERTIES } from "./policyDiff";
import { normalizePolicyState, type SettingsCatalogPolicyState } from "./policyInputs";

/** POSTs whose outcome stayed unknown are retried at most this often (each after a lookup by name). */
export const MAX_CREATE_ATTEMPTS = 3;

export interface CreatedPolicy {
  policy: GraphConfigurationPolicy;
  /** True when an existing profile was taken over (adoptExisting) instead of a new one created. */
  adopted: boolean;
}

/**
 * Creates the profile, never a second one with the same name: looks the name up first, adopts an
 * existing profile only when asked to, and after a POST whose outcome is unknown (timeout,
 * connection reset, 5xx) looks the name up again before trying again.
 */
export async function createPolicyOnce(
  client: GraphClient,
  desired: SettingsCatalogPolicyState,
): Promise<CreatedPolicy> {
  const existing = await findPoliciesByName(client, desired.name);
  if (existing.length > 0) return { policy: await adopt(client, desired, existing), adopted: true };

  for (let attempt = 1; ; attempt++) {
    try {
      const created = await client.post<GraphConfigurationPolicy>(
        CONFIGURATION_POLICIES_PATH,
        policyDocument(desired),
        { version: "beta" },
      );
      if (created?.id) return { policy: created, adopted: false };
    } catch (error) {
      if (!isGraphRequestError(error) || !error.outcomeUnknown || attempt >= MAX_CREATE_ATTEMPTS) throw error;
    }
    // The POST may have created the profile without telling us: find it before trying again.
    const found = await findPoliciesByName(client, desired.name);
    if (found.length === 1) return { policy: found[0], adopted: false };
    if (found.length > 1) throw new Error(duplicatesMessage(desired.name, found));
    if (attempt >= MAX_CREATE_ATTEMPTS) {
      throw new Error(
        `Graph accepted the POST for settings-catalog profile "${desired.name}" but it cannot be found.`,
      );
    }
  }
}

async function adopt(
  client: GraphClient,
  desired: SettingsCatalogPolicyState,
  existing: GraphConfigurationPolicy[],
): Promise<GraphConfigurationPolicy> {
  if (existing.length > 1) throw new Error(duplicatesMessage(desired.name, existing));
  const [found] = existing;
  if (!desired.adoptExisting) {
    throw new Error(
      `A settings-catalog profile named "${desired.name}" already exists (id ${found.id}); nothing was changed. ` +
        `To manage it from this stack, set adoptExisting: true (for the Web sign-in profile: stack config ` +
        `passwordless-onboarding:webSignIn.adoptExisting) and its settings will be overwritten with the declared ` +
        `ones; or give this profile another name.`,
    );
  }
  const current = normalizePolicyState({
    platforms: found.platforms ?? "",
    technologies: found.technologies ?? "",
    templateId: found.templateReference?.templateId ?? "",
  });
  const mismatched = REPLACE_PROPERTIES.filter((key) => current[key] !== desired[key]);
  if (mismatched.length > 0) {
    const details = mismatched
      .map((key) => `${key} "${current[key]}" (declared "${desired[key]}")`)
      .join(", ");
    throw new Error(
      `Cannot adopt settings-catalog profile "${desired.name}" (id ${found.id}): it has ${details}, which Graph ` +
        `cannot change on an existing profile. Delete or rename it in the Intune admin center, or declare the ` +
        `same values. Nothing was changed.`,
    );
  }
  await client.put(`${CONFIGURATION_POLICIES_PATH}/${found.id}`, policyDocument(desired), {
    version: "beta",
  });
  return found;
}

export function duplicatesMessage(name: string, found: GraphConfigurationPolicy[]): string {
  return (
    `${found.length} settings-catalog profiles are named "${name}" (ids ${found.map((p) => p.id).join(", ")}); ` +
    `nothing was changed. This stack cannot tell which one to manage: delete or rename the extra ones in the ` +
    `Intune admin center, then run again (with adoptExisting: true to take over the one left).`
  );
}
