/**
 * Lists the tenant's groups with the few properties the export needs, in pages of 999 (Graph's
 * largest `$top` for groups). One listing gives the Autopilot groups (`membershipRule` cannot be
 * filtered with `contains`, so rules are checked client-side: graph-facts-round2.md, 5.3), the
 * display name of every group the policies reference, and whether a name is unique (references by
 * name must find exactly one group).
 */
import type { GraphClient } from "../../../infra/graph/types";
import type { GraphGroup } from "../types";

export const GROUP_SELECT = [
  "id",
  "displayName",
  "description",
  "groupTypes",
  "membershipRule",
  "membershipRuleProcessingState",
  "securityEnabled",
  "mailEnabled",
].join(",");

export function readGroups(client: GraphClient): Promise<GraphGroup[]> {
  return client.list<GraphGroup>("/groups", { query: { $select: GROUP_SELECT, $top: "999" } });
}
