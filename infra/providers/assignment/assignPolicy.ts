import {
  isGraphRequestError,
  isNotFound,
  isReplicationLag,
  type GraphRequestError,
} from "../../graph/errors";
import { isReplicationLagTimeout, retryWhileReplicating } from "../../graph/replicationLag";
import type { GraphClient, ReplicationLagOptions } from "../../graph/types";
import { idSegment } from "../graphIds";
import { CONFIGURATION_POLICIES_PATH } from "../settingsCatalog/findByName";
import { toGraphAssignment, type PolicyAssignment } from "./assignmentModel";

/** Intune may not know a group created moments ago; wait this long by default before giving up. */
export const DEFAULT_ASSIGN_REPLICATION_LAG: Readonly<Required<ReplicationLagOptions>> = {
  timeoutMs: 120_000,
  initialDelayMs: 2_000,
  maxDelayMs: 20_000,
};

/** Where a group id given to this project by stack config comes from, for the hint in errors. */
const EXISTING_GROUP_CONFIG_KEY = "passwordless-onboarding:autopilot.existingGroupId";

export function assignPath(policyId: string): string {
  return `${CONFIGURATION_POLICIES_PATH}/${idSegment(policyId)}/assign`;
}

/** A group target: its property path in the assignment list and the group id. */
interface GroupTarget {
  property: string;
  groupId: string;
}

/**
 * Replaces the policy's whole assignment list (Intune's assign action; safe to repeat). While
 * Intune answers that a group is not valid ("a valid AADGroupId is expected"), retries with
 * bounded back-off, because a group created moments ago takes a while to reach Intune. The first
 * such answer makes it ask Graph for each target group once (GET /v1.0/groups/{id}?$select=id):
 * a 404 there means the group does not exist, which no waiting cures, so it fails at once; any
 * other answer (200: Graph has it, Intune not yet; 403: the app may not read groups) keeps waiting.
 */
export async function assignPolicy(
  client: GraphClient,
  policyId: string,
  assignments: readonly PolicyAssignment[],
  lag: ReplicationLagOptions = {},
): Promise<void> {
  const body = { assignments: assignments.map(toGraphAssignment) };
  const targets: GroupTarget[] = [];
  assignments.forEach((assignment, index) => {
    if (assignment.groupId !== undefined) {
      targets.push({ property: `assignments[${index}].groupId`, groupId: assignment.groupId });
    }
  });
  const assign = (): Promise<unknown> =>
    client.post(assignPath(policyId), body, { version: "beta", idempotent: true });
  if (targets.length === 0) {
    await assign();
    return;
  }
  let groupsLookedUp = false;
  const assignOrExplain = async (): Promise<unknown> => {
    try {
      return await assign();
    } catch (error) {
      if (!groupsLookedUp && isIntuneGroupRefusal(error)) {
        groupsLookedUp = true;
        await assertGroupsExist(client, targets);
      }
      throw error;
    }
  };
  try {
    await retryWhileReplicating(assignOrExplain, {
      ...DEFAULT_ASSIGN_REPLICATION_LAG,
      ...lag,
      isLag: isIntuneGroupRefusal,
      subject: `group ${targets.map((target) => target.groupId).join(", ")} to Intune`,
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

/** Intune's "a valid AADGroupId is expected" (400); a 404 for the policy itself is not lag. */
function isIntuneGroupRefusal(error: unknown): boolean {
  return isReplicationLag(error) && !isPolicyNotFound(error);
}

/**
 * Asks Graph for each target group; throws (not as replication lag) naming every group Graph
 * answers 404 for. Any other answer, a refused read (403) included, proves nothing: returns.
 */
async function assertGroupsExist(client: GraphClient, targets: readonly GroupTarget[]): Promise<void> {
  const missing: { target: GroupTarget; answer: GraphRequestError }[] = [];
  for (const target of targets) {
    try {
      await client.get(`/groups/${idSegment(target.groupId)}`, { query: { $select: "id" } });
    } catch (error) {
      if (isGraphRequestError(error) && isNotFound(error)) missing.push({ target, answer: error });
    }
  }
  if (missing.length === 0) return;
  const problems = missing.map(({ target, answer }) => {
    const requestId = answer.requestId === undefined ? "" : ` (request-id ${answer.requestId})`;
    return (
      `${target.property}: ${target.groupId} is not a group in this tenant: Intune refused it ` +
      `("a valid AADGroupId is expected") and GET ${answer.url} answered 404${requestId}.`
    );
  });
  throw new Error(
    `${problems.join(" ")} Check the id; if it came from the stack config, correct ${EXISTING_GROUP_CONFIG_KEY}.`,
  );
}

/** Graph's 404 on the assign action means the policy itself is gone. */
export const isPolicyNotFound: (error: unknown) => boolean = isNotFound;
