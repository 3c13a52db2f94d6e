/**
 * Reads the userPrincipalName of each user the Conditional Access policy excludes, one GET per
 * user (a policy excludes a handful). A user that is gone (404) is recorded as `null`; any other
 * failure stops the reads: the caller keeps those users as object ids.
 */
import { isNotFound } from "../../../infra/graph/errors";
import type { GraphClient } from "../../../infra/graph/types";
import { idSegment } from "../../../infra/providers/graphIds";
import type { GraphUser } from "../types";

export async function readUsers(
  client: GraphClient,
  ids: readonly string[],
): Promise<Map<string, GraphUser | null>> {
  const users = new Map<string, GraphUser | null>();
  for (const id of new Set(ids.map((value) => value.toLowerCase()))) {
    try {
      const user = await client.get<GraphUser>(`/users/${idSegment(id)}`, {
        query: { $select: "id,userPrincipalName" },
      });
      users.set(id, user);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      users.set(id, null);
    }
  }
  return users;
}
