import { isNotFound, isReplicationLag } from "../../graph/errors";
import { isReplicationLagTimeout, retryWhileReplicating } from "../../graph/replicationLag";
import type { GraphClient, ReplicationLagOptions } from "../../graph/types";
import { CONFIGURATION_POLICIES_PATH } from "../settingsCatalog/findByName";
import { toGraphAssignment, type PolicyAssignment } from "./assignmentModel";

/** Intune may not know a group created moments ago; wait this long by default before giving up. */
export const DEFAULT_ASSIGN_REPLICATION_LAG: Readonly<Required<ReplicationLagOptions>> = {
  timeoutMs: 120_000,
  initialDelayMs: 2_000,
  maxDelayMs: 20_000,
};

export function assignPath(policyId: string): string {
  return `${CONFIGURATION_POLICIES_PATH}/${policyId}/assign`;
}

/**
 * Replaces the policy's whole assignment list (Intune's assign action; safe to repeat). While
 * Graph answers that a group does not exist yet (replication lag), retries with bounded back-off.
 */
export async function assignPolicy(
  client: GraphClient,
  policyId: string,
  assignments: readonly PolicyAssignment[],
  lag: ReplicationLagOptions = {},
): Promise<void> {
  const body = { assignments: assignments.map(toGraphAssignment) };
  const groups = assignments.filter((a) => a.groupId !== undefined).map((a) => a.groupId);
  const assign = (): Promise<unknown> =>
    client.post(assignPath(policyId), body, { version: "beta", idempotent: true });
  if (groups.length === 0) {
    await assign();
    return;
  }
  try {
    // A 404 for the policy itself is not lag: only Intune's "valid AADGroupId is expected" is.
    await retryWhileReplicating(assign, {
      ...DEFAULT_ASSIGN_REPLICATION_LAG,
      ...lag,
      isLag: (error) => isReplicationLag(error) && !isPolicyNotFound(error),
      subject: `group ${groups.join(", ")} to Intune`,
    });
  } catch (error) {
    if (isReplicationLagTimeout(error)) {
      error.message =
        `${error.message} A group created in the same update can take minutes to reach Intune: ` +
        `run the update again later, or raise the provider's replicationLag.timeoutMs.`;
    }
    throw error;
  }
}

/** Graph's 404 on the assign action means the policy itself is gone. */
export const isPolicyNotFound: (error: unknown) => boolean = isNotFound;
