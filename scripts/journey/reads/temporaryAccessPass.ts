/**
 * The tenant's Temporary Access Pass policy as it is now (not as the stack declares it):
 * GET /v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass
 * (Policy.Read.All).
 */
import type { GraphClient } from "../../../infra/graph/types";
import { attempt, type ReadOutcome } from "./outcome";

export const TAP_POLICY_PATH =
  "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";

export interface TapPolicyFact {
  state: string;
  isUsableOnce: boolean;
  defaultLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  /** Lower-cased group ids (`all_users` for everyone). */
  includeGroupIds: string[];
  excludeGroupIds: string[];
}

interface TapDocument {
  state?: unknown;
  isUsableOnce?: unknown;
  defaultLifetimeInMinutes?: unknown;
  maximumLifetimeInMinutes?: unknown;
  includeTargets?: { id?: unknown }[];
  excludeTargets?: { id?: unknown }[];
}

const ids = (targets: { id?: unknown }[] | undefined): string[] =>
  (targets ?? []).map((target) => String(target.id).toLowerCase());

export function readTapPolicy(client: GraphClient): Promise<ReadOutcome<TapPolicyFact>> {
  return attempt("the Temporary Access Pass policy", async () => {
    const document = await client.get<TapDocument>(TAP_POLICY_PATH);
    return {
      state: String(document.state),
      isUsableOnce: document.isUsableOnce === true,
      defaultLifetimeInMinutes: Number(document.defaultLifetimeInMinutes),
      maximumLifetimeInMinutes: Number(document.maximumLifetimeInMinutes),
      includeGroupIds: ids(document.includeTargets),
      excludeGroupIds: ids(document.excludeTargets),
    };
  });
}
