/**
 * Lists every Conditional Access policy (v1.0). Graph has no documented filter on
 * `conditions/applications/includeUserActions`, so the policies that target "Register security
 * information" are picked out client-side, as public tools do (graph-facts-round2.md, 5.1). The
 * whole list is kept: the program adopts by displayName, so duplicate names matter.
 */
import type { GraphClient } from "../../../infra/graph/types";
import type { GraphConditionalAccessPolicy } from "../types";

export const CONDITIONAL_ACCESS_POLICIES_PATH = "/identity/conditionalAccess/policies";

export function readConditionalAccessPolicies(client: GraphClient): Promise<GraphConditionalAccessPolicy[]> {
  return client.list<GraphConditionalAccessPolicy>(CONDITIONAL_ACCESS_POLICIES_PATH);
}
