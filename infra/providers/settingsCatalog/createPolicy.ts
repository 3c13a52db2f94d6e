import { isGraphRequestError, type GraphRequestError } from "../../graph/errors";
import type { GraphClient, ReplicationLagOptions } from "../../graph/types";
import { CONFIGURATION_POLICIES_PATH, findPoliciesByName, profilePath } from "./findByName";
import { policyDocument, stateFromGraph, type GraphConfigurationPolicy } from "./policyDocument";
import { changedPolicyProperties, REPLACE_PROPERTIES } from "./policyDiff";
import { readSettings } from "./readSettings";
import { normalizePolicyState, type SettingsCatalogPolicyState } from "./policyInputs";
import type { CreateWindow } from "./unresolvedCreate";

/** Lookups by name after a POST whose outcome is unknown, before the create gives up. */
export const LOOKUPS_AFTER_UNKNOWN_POST = 4;

/** Waits between those lookups (doubling): Graph's lists can lag a just-created profile. */
export const DEFAULT_LOOKUP_DELAYS: Readonly<Required<Omit<ReplicationLagOptions, "timeoutMs">>> = {
  initialDelayMs: 2_000,
  maxDelayMs: 8_000,
};

/** Waits before lookup number `lookupsDone + 1`: the initial delay, doubling, capped. */
export function waitBeforeLookup(lookupsDone: number, lookupDelays: ReplicationLagOptions): Promise<void> {
  const initial = lookupDelays.initialDelayMs ?? DEFAULT_LOOKUP_DELAYS.initialDelayMs;
  const max = lookupDelays.maxDelayMs ?? DEFAULT_LOOKUP_DELAYS.maxDelayMs;
  const delay = Math.min(initial * 2 ** (lookupsDone - 1), max);
  return new Promise((resolve) => setTimeout(resolve, delay));
}

export interface CreatedPolicy {
  policy: GraphConfigurationPolicy;
  /** True when an existing profile was taken over (adoptExisting) instead of a new one created. */
  adopted: boolean;
}

/**
 * Thrown when a POST may have created the profile but no lookup found it: the caller records the
 * attempt (see unresolvedCreate.ts) instead of forgetting it. A plain Error with extra fields
 * (Pulumi's closure serializer mangles Error subclasses).
 */
export interface UnresolvedCreateError extends Error {
  unresolvedCreate: CreateWindow;
}

export function isUnresolvedCreateError(error: unknown): error is UnresolvedCreateError {
  return (
    error instanceof Error && typeof (error as Partial<UnresolvedCreateError>).unresolvedCreate === "object"
  );
}

/**
 * Creates the profile, never a second one with the same name: looks the name up first, adopts an
 * existing profile only when asked to, and POSTs at most once. After a POST whose outcome is
 * unknown (timeout, connection reset, 5xx) it looks the name up a few times (Graph's lists lag)
 * and, if the profile is still not found, throws an UnresolvedCreateError rather than POSTing
 * again: a second POST could make a duplicate.
 */
export async function createPolicyOnce(
  client: GraphClient,
  desired: SettingsCatalogPolicyState,
  lookupDelays: ReplicationLagOptions = {},
): Promise<CreatedPolicy> {
  const startedAt = new Date().toISOString();
  const existing = await findPoliciesByName(client, desired.name);
  if (existing.length > 0) return { policy: await adopt(client, desired, existing), adopted: true };

  let postFailure: unknown;
  try {
    const created = await client.post<GraphConfigurationPolicy>(
      CONFIGURATION_POLICIES_PATH,
      policyDocument(desired),
      { version: "beta" },
    );
    if (created?.id) return { policy: created, adopted: false };
    postFailure = new Error("Graph answered the POST without the new profile's id");
  } catch (error) {
    if (!isGraphRequestError(error) || !(error.outcomeUnknown || error.mayHaveBeenApplied === true)) {
      throw error;
    }
    postFailure = error;
  }
  return {
    policy: await findAfterUnknownPost(client, desired.name, startedAt, postFailure, lookupDelays),
    adopted: false,
  };
}

async function findAfterUnknownPost(
  client: GraphClient,
  name: string,
  startedAt: string,
  postFailure: unknown,
  lookupDelays: ReplicationLagOptions,
): Promise<GraphConfigurationPolicy> {
  let lastLookup: string;
  for (let lookup = 1; ; lookup++) {
    try {
      const found = await findPoliciesByName(client, name);
      if (found.length === 1) return found[0];
      if (found.length > 1) throw new Error(duplicatesMessage(name, found));
      lastLookup = "the profile was not listed";
    } catch (error) {
      if (!isGraphRequestError(error)) throw error;
      lastLookup = `the lookup failed: ${error.message}`;
    }
    if (lookup >= LOOKUPS_AFTER_UNKNOWN_POST) break;
    await waitBeforeLookup(lookup, lookupDelays);
  }
  const reason = isGraphRequestError(postFailure)
    ? briefly(postFailure)
    : postFailure instanceof Error
      ? postFailure.message
      : String(postFailure);
  const error: UnresolvedCreateError = Object.assign(
    new Error(
      `the POST got no clear answer (${stripPeriod(reason)}) and the profile could not be found by name ` +
        `after ${LOOKUPS_AFTER_UNKNOWN_POST} lookups (last: ${stripPeriod(lastLookup)}). It was not posted again, ` +
        `so as not to make a duplicate. The attempt is recorded in the stack: \`pulumi refresh\` takes over the ` +
        `profile this attempt made, if Graph lists it by then; a plain \`pulumi up\` deletes any profile of this ` +
        `name created during the attempt and creates it again.`,
      { cause: postFailure },
    ),
    { unresolvedCreate: { startedAt, endedAt: new Date().toISOString() } },
  );
  throw error;
}

/** `POST /beta/... : no response (ECONNRESET)`, with the request-id when Graph gave one. */
function briefly(error: GraphRequestError): string {
  const answer = error.status === 0 ? `no response (${error.code})` : `${error.status} ${error.code}`;
  const requestId = error.requestId === undefined ? "" : `, request-id ${error.requestId}`;
  return `${error.method} ${error.url}: ${answer}${requestId}`;
}

function stripPeriod(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
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
  // A profile that already holds the declared document (an exported one, say) is taken over as it
  // is: a PUT would only replace its settings with equal ones.
  const path = profilePath(found.id);
  const profile = await client.get<GraphConfigurationPolicy>(path, {
    version: "beta",
    query: { $expand: "settings" },
  });
  const state = stateFromGraph(profile, await readSettings(client, profile), desired.adoptExisting);
  const changed = changedPolicyProperties(
    state as unknown as Record<string, unknown>,
    desired as unknown as Record<string, unknown>,
  );
  if (changed.length > 0) await client.put(path, policyDocument(desired), { version: "beta" });
  return found;
}

export function duplicatesMessage(name: string, found: GraphConfigurationPolicy[]): string {
  return (
    `${found.length} settings-catalog profiles are named "${name}" (ids ${found.map((p) => p.id).join(", ")}); ` +
    `nothing was changed. This stack cannot tell which one to manage: delete or rename the extra ones in the ` +
    `Intune admin center, then run again (with adoptExisting: true to take over the one left).`
  );
}
