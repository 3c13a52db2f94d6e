/** Reads `passwordless-onboarding:temporaryAccessPass`: the tenant's TAP policy settings. */
import {
  ALL_USERS,
  DEFAULT_SETTINGS,
  type DeclaredTemporaryAccessPassSettings,
} from "../../policies/settings";
import { describe } from "./foundValue";
import type { SectionReader } from "./sectionReader";

/** Allowed range of every TAP lifetime, in minutes (10 minutes to 30 days). */
export const TAP_LIFETIME_RANGE = { min: 10, max: 43200 } as const;
/** Allowed TAP length, in characters. */
export const TAP_LENGTH_RANGE = { min: 8, max: 48 } as const;

export function readTemporaryAccessPass(
  reader: SectionReader,
  problems: readonly string[],
): DeclaredTemporaryAccessPassSettings {
  const defaults = DEFAULT_SETTINGS.temporaryAccessPass;
  const problemsBefore = problems.length;
  const lifetimes = {
    defaultLifetimeInMinutes: reader.integer(
      "defaultLifetimeInMinutes",
      defaults.defaultLifetimeInMinutes,
      TAP_LIFETIME_RANGE,
    ),
    minimumLifetimeInMinutes: reader.integer(
      "minimumLifetimeInMinutes",
      defaults.minimumLifetimeInMinutes,
      TAP_LIFETIME_RANGE,
    ),
    maximumLifetimeInMinutes: reader.integer(
      "maximumLifetimeInMinutes",
      defaults.maximumLifetimeInMinutes,
      TAP_LIFETIME_RANGE,
    ),
  };
  // Compare the lifetimes only when each is valid on its own, so a message never cites a default
  // that replaced a rejected value.
  if (problems.length === problemsBefore) {
    const {
      defaultLifetimeInMinutes: lifetime,
      minimumLifetimeInMinutes: min,
      maximumLifetimeInMinutes: max,
    } = lifetimes;
    if (min > max) {
      reader.problem(
        "minimumLifetimeInMinutes",
        `must not be greater than maximumLifetimeInMinutes (${max}); got ${min}`,
      );
    } else if (lifetime < min || lifetime > max) {
      reader.problem(
        "defaultLifetimeInMinutes",
        `must be between minimumLifetimeInMinutes (${min}) and maximumLifetimeInMinutes (${max}); got ${lifetime}`,
      );
    }
  }
  const settings: DeclaredTemporaryAccessPassSettings = {
    state: reader.oneOf("state", defaults.state, ["enabled", "disabled"]),
    ...lifetimes,
    defaultLength: reader.integer("defaultLength", defaults.defaultLength, TAP_LENGTH_RANGE),
    isUsableOnce: reader.boolean("isUsableOnce", defaults.isUsableOnce),
    includeGroupIds: reader.groupRefList("includeGroupIds", defaults.includeGroupIds, {
      noun: "group object id",
      allowAllUsers: true,
      // Empty (YAML null or []) is refused: null used to mean the default, every user, silently.
      nonEmpty: true,
      emptyAdvice: `Remove includeGroupIds to use the default ${JSON.stringify(defaults.includeGroupIds)}, or write includeGroupIds: [${ALL_USERS}] to target every user explicitly`,
    }),
    excludeGroupIds: reader.groupRefList("excludeGroupIds", defaults.excludeGroupIds, {
      noun: "group object id",
    }),
    onDestroy: reader.oneOf("onDestroy", defaults.onDestroy, ["restore", "reset", "retain"]),
  };
  const ids = settings.includeGroupIds;
  if (ids.includes(ALL_USERS) && ids.length > 1) {
    reader.problem(
      "includeGroupIds",
      `must be either ["${ALL_USERS}"] or a list of group object ids, not both; got ${describe(ids)}`,
    );
  }
  return settings;
}
