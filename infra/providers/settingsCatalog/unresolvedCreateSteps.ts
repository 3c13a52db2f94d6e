/**
 * What the settings-catalog provider does with an unresolved create (see unresolvedCreate.ts):
 * record it, find the profile it made, replace it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isNotFound } from "../../graph/errors";
import type { GraphClient, ReplicationLagOptions } from "../../graph/types";
import { withProviderCode } from "../partialFailure";
import { waitBeforeLookup, LOOKUPS_AFTER_UNKNOWN_POST, type UnresolvedCreateError } from "./createPolicy";
import { findPoliciesByName, profilePath } from "./findByName";
import type { GraphConfigurationPolicy } from "./policyDocument";
import type { SettingsCatalogPolicyState } from "./policyInputs";
import { createdInWindow, unresolvedId, type CreateWindow } from "./unresolvedCreate";

/** An unresolved record is replaced, its delete first: the create must find the name free. */
export const UNRESOLVED_DIFF: pulumi.dynamic.DiffResult = {
  changes: true,
  replaces: ["unresolvedCreate"],
  deleteBeforeReplace: true,
};

/** The error that makes the engine record the unresolved create (a partial failure with id and outputs). */
export function unresolvedCreateFailure(
  error: UnresolvedCreateError,
  desired: SettingsCatalogPolicyState,
  inputs: Record<string, unknown>,
): Error {
  return Object.assign(error, {
    id: unresolvedId(error.unresolvedCreate),
    properties: withProviderCode({ ...desired, unresolvedCreate: error.unresolvedCreate }, inputs),
    reasons: [error.message],
  });
}

/** The profiles named `name` that Graph created during the unresolved create's window. */
export async function findUnresolvedCreate(
  client: GraphClient,
  name: string,
  window: CreateWindow | undefined,
): Promise<GraphConfigurationPolicy[]> {
  if (window === undefined) {
    throw new Error(
      "the state holds no readable `unresolvedCreate` window (startedAt, endedAt), so this stack cannot tell " +
        "which profile it made; nothing was changed. Remove the resource from the state (`pulumi state delete`) " +
        "and delete or adopt the profile by hand.",
    );
  }
  return createdInWindow(await findPoliciesByName(client, name), window);
}

/**
 * Deletes every profile named `name` created during the window, then waits (bounded) until the
 * name lookup no longer lists them, so the create that follows finds the name free.
 */
export async function deleteUnresolvedCreate(
  client: GraphClient,
  name: string,
  window: CreateWindow | undefined,
  lookupDelays: ReplicationLagOptions = {},
): Promise<void> {
  const made = await findUnresolvedCreate(client, name, window);
  if (made.length === 0) return;
  for (const policy of made) {
    try {
      await client.delete(profilePath(policy.id), {
        version: "beta",
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  const deleted = new Set(made.map((policy) => policy.id));
  for (let lookup = 1; ; lookup++) {
    const listed = (await findPoliciesByName(client, name)).filter((policy) => deleted.has(policy.id));
    if (listed.length === 0) return;
    if (lookup >= LOOKUPS_AFTER_UNKNOWN_POST) {
      throw new Error(
        `deleted profile ${listed.map((p) => p.id).join(", ")}, but Graph still lists it; run \`pulumi up\` again shortly.`,
      );
    }
    await waitBeforeLookup(lookup, lookupDelays);
  }
}
