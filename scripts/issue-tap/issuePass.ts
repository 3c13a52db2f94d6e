/**
 * One requested pass, checked and then created: the lifetime against the policy, the account,
 * the policy's scope, a pass the user already holds, then the create. A refusal is `skipped`
 * with its reason; a Graph failure is `failed` with Graph's status, code, message and request-id.
 * Nothing here throws for one user's problem, so a batch goes on with the next.
 */
import { isGraphRequestError } from "../../infra/graph/errors";
import type { GraphClient } from "../../infra/graph/types";
import { oneLine } from "../cli/command";
import type { PassRequest } from "./passRequest";
import { createPass, currentPass, endOf } from "./passMethod";
import type { PassResult, UserRef } from "./results";
import { scopeRefusal } from "./scope";
import { lifetimeRefusal, type TapPolicy } from "./tapPolicy";
import { accountRefusal, findUser } from "./user";

export interface IssueContext {
  policy: TapPolicy;
  /** Every pass is one-time: asked for (--usable-once), or forced by the policy. */
  usableOnce: boolean;
  replace: boolean;
  /** Users already handled in this run, by object id, with where they were asked for. */
  handled: Map<string, string>;
}

async function checkAndCreate(
  client: GraphClient,
  request: PassRequest,
  context: IssueContext,
  seen: (user: UserRef) => void,
): Promise<PassResult> {
  const skipped = (reason: string, user?: UserRef): PassResult => ({
    outcome: "skipped",
    request,
    user,
    reason,
  });
  const lifetime = lifetimeRefusal(context.policy, request.lifetimeInMinutes);
  if (lifetime !== undefined) return skipped(lifetime);
  const found = await findUser(client, request.user);
  if (found === undefined) return skipped("no such user (Graph answered 404 Request_ResourceNotFound)");
  const user: UserRef = { id: found.id, userPrincipalName: found.userPrincipalName };
  seen(user);
  const earlier = context.handled.get(user.id.toLowerCase());
  if (earlier !== undefined) return skipped(`the same user as ${earlier}`, user);
  context.handled.set(user.id.toLowerCase(), request.source);
  const account = accountRefusal(found);
  if (account !== undefined) return skipped(account, user);
  const scope = await scopeRefusal(client, context.policy, user.id);
  if (scope !== undefined) return skipped(scope, user);
  const existing = await currentPass(client, user.id);
  if (existing !== undefined && !context.replace)
    return skipped(
      `already holds a pass (created ${existing.createdDateTime}, valid until ${endOf(existing)}); ` +
        "--replace replaces it, and the old one stops working",
      user,
    );
  const pass = await createPass(client, user.id, {
    lifetimeInMinutes: request.lifetimeInMinutes,
    startDateTime: request.startDateTime,
    isUsableOnce: context.usableOnce,
  });
  return { outcome: "issued", request, user, pass, replacedCreatedAt: existing?.createdDateTime };
}

export async function issuePass(
  client: GraphClient,
  request: PassRequest,
  context: IssueContext,
): Promise<PassResult> {
  let user: UserRef | undefined;
  try {
    return await checkAndCreate(client, request, context, (found) => (user = found));
  } catch (error) {
    // GraphRequestError's message holds the request, status, code, Graph's message and request-id.
    const reason = isGraphRequestError(error) ? oneLine(error) : `unexpected error: ${oneLine(error)}`;
    return { outcome: "failed", request, user, reason };
  }
}
