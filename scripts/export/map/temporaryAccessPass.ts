/**
 * The tenant's TAP configuration -> `temporaryAccessPass` settings: the inverse of
 * `desiredTemporaryAccessPassConfiguration` (policies/temporaryAccessPass.ts). Targets the
 * settings cannot hold (user targets, "registration required") are findings.
 */
import { ALL_USERS, DEFAULT_SETTINGS, type TemporaryAccessPassSettings } from "../../../policies/settings";
import { difference, type Finding, type GraphTapConfiguration } from "../types";

export interface TapMapping {
  /** The settings with group object ids (or `all_users`). */
  settings: TemporaryAccessPassSettings;
  findings: Finding[];
}

/** Ids sorted and without repeats (case-insensitive), as the forward direction sorts them. */
function sortedUnique(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const id of ids) {
    if (seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    result.push(id);
  }
  return result.sort();
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}

/**
 * The finding for a target that is not a group (a user), which `key` cannot hold; undefined for a
 * group target.
 */
function notAGroup(
  target: { id: string; targetType: string },
  verb: "includes" | "excludes",
  key: "includeGroupIds" | "excludeGroupIds",
  consequence: string,
): Finding | undefined {
  if (target.targetType === "group") return undefined;
  return difference(
    `TAP policy ${verb} the ${target.targetType} ${target.id}: ${key} holds groups only, so ` +
      `\`pulumi up\` would ${consequence}.`,
  );
}

export function temporaryAccessPassFromGraph(tap: GraphTapConfiguration): TapMapping {
  const defaults = DEFAULT_SETTINGS.temporaryAccessPass;
  const findings: Finding[] = [];
  const include: string[] = [];
  for (const target of tap.includeTargets ?? []) {
    const refused = notAGroup(
      target,
      "includes",
      "includeGroupIds",
      "remove this target (put the user in an included group instead)",
    );
    if (refused) {
      findings.push(refused);
      continue;
    }
    if (target.isRegistrationRequired === true) {
      findings.push(
        difference(
          `TAP policy requires registration for the included group ${target.id} (isRegistrationRequired: true); ` +
            "the stack always writes false, so `pulumi up` would turn it off.",
        ),
      );
    }
    include.push(target.id);
  }
  let includeGroupIds = sortedUnique(include);
  if (includeGroupIds.includes(ALL_USERS) && includeGroupIds.length > 1) {
    const others = includeGroupIds.filter((id) => id !== ALL_USERS);
    findings.push(
      difference(
        `TAP policy includes all users and also the groups ${others.join(", ")}; includeGroupIds cannot ` +
          `combine "${ALL_USERS}" with groups, so only "${ALL_USERS}" is written (same people) and ` +
          "`pulumi up` would drop the group targets.",
      ),
    );
    includeGroupIds = [ALL_USERS];
  }
  if (includeGroupIds.length === 0) {
    findings.push(
      difference(
        `TAP policy includes no group; includeGroupIds must name at least one, so "${ALL_USERS}" is ` +
          "written and `pulumi up` would enable the method for every user. Review before applying.",
      ),
    );
    includeGroupIds = [ALL_USERS];
  }
  const exclude: string[] = [];
  for (const target of tap.excludeTargets ?? []) {
    const refused = notAGroup(target, "excludes", "excludeGroupIds", "remove this exclusion");
    if (refused) findings.push(refused);
    else exclude.push(target.id);
  }
  const state = tap.state === "enabled" || tap.state === "disabled" ? tap.state : undefined;
  if (state === undefined) {
    findings.push(
      difference(
        `TAP policy state is ${JSON.stringify(tap.state)}; written as "disabled" (the stack knows enabled and disabled).`,
      ),
    );
  }
  return {
    settings: {
      state: state ?? "disabled",
      defaultLifetimeInMinutes: numberOr(tap.defaultLifetimeInMinutes, defaults.defaultLifetimeInMinutes),
      minimumLifetimeInMinutes: numberOr(tap.minimumLifetimeInMinutes, defaults.minimumLifetimeInMinutes),
      maximumLifetimeInMinutes: numberOr(tap.maximumLifetimeInMinutes, defaults.maximumLifetimeInMinutes),
      defaultLength: numberOr(tap.defaultLength, defaults.defaultLength),
      isUsableOnce: tap.isUsableOnce === true,
      includeGroupIds,
      excludeGroupIds: sortedUnique(exclude),
      onDestroy: "restore",
    },
    findings,
  };
}
