/**
 * Whether the TAP policy lets a user hold a pass: included (all_users, the user, or a group the
 * user is in) and not excluded (the user, or a group the user is in); exclusion wins. Graph refuses
 * a pass outside this scope (MicrosoftDocs/azure-docs issue 111778). Membership is asked with
 * checkMemberGroups, which is transitive and takes at most 20 group ids per request
 * (learn.microsoft.com/graph/api/directoryobject-checkmembergroups); nothing is asked when the
 * policy names no groups beyond all_users.
 */
import type { GraphClient } from "../../infra/graph/types";
import { includesEveryone, scopeGroupIds, type TapPolicy } from "./tapPolicy";

const MAX_GROUP_IDS_PER_CHECK = 20;

async function memberGroups(client: GraphClient, userId: string, groupIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < groupIds.length; start += MAX_GROUP_IDS_PER_CHECK) {
    const answer = await client.post<{ value: string[] }>(
      `/users/${userId}/checkMemberGroups`,
      { groupIds: groupIds.slice(start, start + MAX_GROUP_IDS_PER_CHECK) },
      // A read: repeating it after a lost answer changes nothing.
      { idempotent: true },
    );
    for (const id of answer?.value ?? []) found.add(id.toLowerCase());
  }
  return found;
}

/** Why the user is outside the policy's scope, or undefined when inside. */
export async function scopeRefusal(
  client: GraphClient,
  policy: TapPolicy,
  userId: string,
): Promise<string | undefined> {
  const self = userId.toLowerCase();
  const namesUser = (targets: TapPolicy["includeTargets"]) =>
    targets.some((target) => target.targetType === "user" && target.id.toLowerCase() === self);
  if (namesUser(policy.excludeTargets))
    return "outside the TAP policy's scope: the user is an exclude target";
  const { include, exclude } = scopeGroupIds(policy);
  const includedWithoutGroups = includesEveryone(policy) || namesUser(policy.includeTargets);
  const toCheck = [
    ...new Set([...(includedWithoutGroups ? [] : include), ...exclude].map((id) => id.toLowerCase())),
  ];
  const memberOf = toCheck.length === 0 ? new Set<string>() : await memberGroups(client, userId, toCheck);
  const excludedBy = exclude.find((id) => memberOf.has(id.toLowerCase()));
  if (excludedBy !== undefined)
    return (
      `outside the TAP policy's scope: excluded (member of excluded group ${excludedBy}, ` +
      "directly or through nested groups)"
    );
  if (includedWithoutGroups || include.some((id) => memberOf.has(id.toLowerCase()))) return undefined;
  return `outside the TAP policy's scope: not a member of any included group (${include.join(", ") || "none"})`;
}
