/**
 * The tenant's Temporary Access Pass (TAP) authentication-method configuration, in Microsoft
 * Graph's own property names (`policies/authenticationMethodsPolicy/authenticationMethodConfigurations/
 * TemporaryAccessPass`). Pure data: no Pulumi, no I/O.
 */
import { ALL_USERS, type TemporaryAccessPassSettings, type TemporaryAccessPassState } from "./settings";

/** A user or group the TAP method is enabled for. `all_users` is a group target. */
export interface TemporaryAccessPassIncludeTarget {
  id: string;
  targetType: "group";
  isRegistrationRequired: boolean;
}

/** A group the TAP method is turned off for, even when it is also included. */
export interface TemporaryAccessPassExcludeTarget {
  id: string;
  targetType: "group";
}

export interface TemporaryAccessPassConfiguration {
  state: TemporaryAccessPassState;
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLength: number;
  isUsableOnce: boolean;
  includeTargets: TemporaryAccessPassIncludeTarget[];
  excludeTargets: TemporaryAccessPassExcludeTarget[];
}

function frozenList<T>(items: T[]): T[] {
  return Object.freeze(items) as T[];
}

/**
 * What a tenant that never configured TAP has, and what Graph's DELETE resets the policy to:
 * disabled, 60/60/480 minutes, 8 characters, reusable, for all users.
 */
export const MICROSOFT_DEFAULT_TAP_CONFIGURATION: Readonly<TemporaryAccessPassConfiguration> = Object.freeze({
  state: "disabled",
  defaultLifetimeInMinutes: 60,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 8,
  isUsableOnce: false,
  includeTargets: frozenList<TemporaryAccessPassIncludeTarget>([
    Object.freeze({ id: ALL_USERS, targetType: "group", isRegistrationRequired: false }),
  ]),
  excludeTargets: frozenList<TemporaryAccessPassExcludeTarget>([]),
});

function sortedUnique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

/** The configuration the stack asks for; target lists are sorted by id so diffs are stable. */
export function desiredTemporaryAccessPassConfiguration(
  settings: TemporaryAccessPassSettings,
): TemporaryAccessPassConfiguration {
  return {
    state: settings.state,
    defaultLifetimeInMinutes: settings.defaultLifetimeInMinutes,
    minimumLifetimeInMinutes: settings.minimumLifetimeInMinutes,
    maximumLifetimeInMinutes: settings.maximumLifetimeInMinutes,
    defaultLength: settings.defaultLength,
    isUsableOnce: settings.isUsableOnce,
    includeTargets: sortedUnique(settings.includeGroupIds).map((id) => ({
      id,
      targetType: "group",
      isRegistrationRequired: false,
    })),
    excludeTargets: sortedUnique(settings.excludeGroupIds).map((id) => ({ id, targetType: "group" })),
  };
}
