/**
 * The tenant's Temporary Access Pass policy as Graph enforces it when a pass is created, read once
 * per run, and the refusals that follow from it alone: a disabled policy, a policy that makes every
 * pass one-time, a lifetime outside its minimum..maximum. The live policy is what counts, not the
 * stack's config: Graph checks a create against the live one.
 */
import type { GraphClient } from "../../infra/graph/types";
import { ALL_USERS_TARGET_ID, TAP_CONFIGURATION_PATH } from "../../infra/providers/temporaryAccessPass/model";
import { NOT_FOR_AUTOPILOT_FLAG } from "./options";

export interface TapPolicy {
  state: string;
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  isUsableOnce: boolean;
  includeTargets: { id: string; targetType: string }[];
  excludeTargets: { id: string; targetType: string }[];
}

export function readTapPolicy(client: GraphClient): Promise<TapPolicy> {
  return client.get<TapPolicy>(TAP_CONFIGURATION_PATH);
}

/** Why no pass can be issued to anyone under this policy, or undefined. */
export function policyRefusal(policy: TapPolicy, options: { notForAutopilot: boolean }): string | undefined {
  if (policy.state !== "enabled")
    return (
      `the tenant's Temporary Access Pass policy is ${policy.state}: Graph creates no pass until it is enabled ` +
      "(temporaryAccessPass.state: enabled, then pulumi up)"
    );
  // "A multi-use Temporary Access Pass can only be created … if it is allowed by the policy"
  // (learn.microsoft.com/graph/api/authentication-post-temporaryaccesspassmethods).
  if (policy.isUsableOnce && !options.notForAutopilot)
    return (
      "the tenant's policy makes every pass one-time (isUsableOnce: true), and an Autopilot enrollment that " +
      "reboots needs a second sign-in: set temporaryAccessPass.isUsableOnce: false, or, if these passes are " +
      `not for Autopilot, add ${NOT_FOR_AUTOPILOT_FLAG}`
    );
  return undefined;
}

/** Why Graph would refuse this lifetime, or undefined; left out, the policy's default applies. */
export function lifetimeRefusal(
  policy: TapPolicy,
  lifetimeInMinutes: number | undefined,
): string | undefined {
  if (lifetimeInMinutes === undefined) return undefined;
  const { minimumLifetimeInMinutes: min, maximumLifetimeInMinutes: max } = policy;
  if (lifetimeInMinutes >= min && lifetimeInMinutes <= max) return undefined;
  return `lifetime ${lifetimeInMinutes} minutes is outside the tenant policy's range of ${min} to ${max} minutes`;
}

/** The group ids the scope rule needs the user's membership of (includes other than all_users, and excludes). */
export function scopeGroupIds(policy: TapPolicy): { include: string[]; exclude: string[] } {
  const groups = (targets: TapPolicy["includeTargets"]) =>
    targets
      .filter((target) => target.targetType === "group" && target.id !== ALL_USERS_TARGET_ID)
      .map((t) => t.id);
  return { include: groups(policy.includeTargets), exclude: groups(policy.excludeTargets) };
}

export function includesEveryone(policy: TapPolicy): boolean {
  return policy.includeTargets.some((target) => target.id === ALL_USERS_TARGET_ID);
}
