/**
 * Validation of the TAP policy's inputs, the same rules the stack config applies, reported as
 * one failure per offending property so `pulumi preview` names each of them. Sends no request.
 */
import {
  ALL_USERS_TARGET_ID,
  MICROSOFT_DEFAULT_TAP_CONFIGURATION,
  ON_DESTROY_MODES,
  TAP_PROPERTIES,
} from "./model";
import { containsUnknown, isRecord } from "./normalize";
import { isGuid } from "../graphIds";
import { assertNoInputFailures, describeFound, type InputFailure } from "../inputFailures";
import { ENGINE_INPUT_KEYS, unknownKeyFailures } from "../inputKeys";
import { checkProviderVersion } from "../providerVersion";

const TARGET_TYPES = ["user", "group"];
const STATES = ["enabled", "disabled"];
const LIFETIME_RANGE = { min: 10, max: 43200 };
const LENGTH_RANGE = { min: 8, max: 48 };
/** Keys the engine or the resource class itself adds to the inputs (`previous`: an output the class declares). */
const ENGINE_KEYS = [...ENGINE_INPUT_KEYS, "previous"];

function list(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(" or ");
}

/** Present, known values only: absent means the default, unknown is checked once it is known. */
function isCheckable(value: unknown): boolean {
  return value !== undefined && value !== null && !containsUnknown(value);
}

function checkInteger(
  failures: InputFailure[],
  property: string,
  value: unknown,
  range: { min: number; max: number },
): boolean {
  if (!isCheckable(value)) return false;
  if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max) {
    failures.push({
      property,
      reason: `expected an integer from ${range.min} to ${range.max}, found ${describeFound(value)}`,
    });
    return false;
  }
  return true;
}

function checkOneOf(
  failures: InputFailure[],
  property: string,
  value: unknown,
  allowed: readonly string[],
): void {
  if (!isCheckable(value)) return;
  if (typeof value !== "string" || !allowed.includes(value)) {
    failures.push({ property, reason: `expected ${list(allowed)}, found ${describeFound(value)}` });
  }
}

function checkBoolean(failures: InputFailure[], property: string, value: unknown): void {
  if (!isCheckable(value)) return;
  if (typeof value !== "boolean") {
    failures.push({ property, reason: `expected true or false, found ${describeFound(value)}` });
  }
}

function checkLifetimeOrder(
  failures: InputFailure[],
  news: Record<string, unknown>,
  known: Set<string>,
): void {
  const defaults = MICROSOFT_DEFAULT_TAP_CONFIGURATION;
  const value = (
    key: "defaultLifetimeInMinutes" | "minimumLifetimeInMinutes" | "maximumLifetimeInMinutes",
  ) => (news[key] === undefined || news[key] === null ? defaults[key] : (news[key] as number));
  const usable = (key: string) => known.has(key) || news[key] === undefined || news[key] === null;
  if (!["defaultLifetimeInMinutes", "minimumLifetimeInMinutes", "maximumLifetimeInMinutes"].every(usable))
    return;
  const min = value("minimumLifetimeInMinutes");
  const max = value("maximumLifetimeInMinutes");
  const dflt = value("defaultLifetimeInMinutes");
  if (min > max) {
    failures.push({
      property: "minimumLifetimeInMinutes",
      reason: `expected at most maximumLifetimeInMinutes (${max}), found ${min}`,
    });
    return;
  }
  if (dflt < min || dflt > max) {
    failures.push({
      property: "defaultLifetimeInMinutes",
      reason: `expected a value from minimumLifetimeInMinutes (${min}) to maximumLifetimeInMinutes (${max}), found ${dflt}`,
    });
  }
}

function checkTargets(
  failures: InputFailure[],
  property: "includeTargets" | "excludeTargets",
  value: unknown,
): void {
  if (!isCheckable(value)) return;
  if (!Array.isArray(value)) {
    failures.push({ property, reason: `expected a list of targets, found ${describeFound(value)}` });
    return;
  }
  const allowedKeys =
    property === "includeTargets" ? ["id", "targetType", "isRegistrationRequired"] : ["id", "targetType"];
  const seen = new Map<string, number>();
  value.forEach((target: unknown, index) => {
    const path = `${property}[${index}]`;
    if (containsUnknown(target)) return;
    if (!isRecord(target)) {
      failures.push({
        property: path,
        reason: `expected an object {${allowedKeys.join(", ")}}, found ${describeFound(target)}`,
      });
      return;
    }
    failures.push(
      ...unknownKeyFailures(target, allowedKeys, {
        path,
        where: property === "includeTargets" ? "an include target" : "an exclude target",
      }),
    );
    checkOneOf(failures, `${path}.targetType`, target.targetType, TARGET_TYPES);
    if (property === "includeTargets")
      checkBoolean(failures, `${path}.isRegistrationRequired`, target.isRegistrationRequired);
    const id = target.id;
    if (typeof id !== "string") {
      failures.push({
        property: `${path}.id`,
        reason: `expected a user or group object id, found ${describeFound(id)}`,
      });
      return;
    }
    if (id === ALL_USERS_TARGET_ID) {
      if (property === "excludeTargets") {
        failures.push({
          property: `${path}.id`,
          reason: `expected a user or group object id (${ALL_USERS_TARGET_ID} can only be included), found "${id}"`,
        });
      } else if (target.targetType !== "group") {
        failures.push({
          property: `${path}.targetType`,
          reason: `expected "group" for the ${ALL_USERS_TARGET_ID} target, found ${describeFound(target.targetType)}`,
        });
      }
    } else if (!isGuid(id)) {
      failures.push({
        property: `${path}.id`,
        reason: `expected an object id (GUID)${property === "includeTargets" ? ` or "${ALL_USERS_TARGET_ID}"` : ""}, found "${id}"`,
      });
      return;
    }
    const key = id.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
    } else {
      failures.push({
        property: `${path}.id`,
        reason: `expected each target once, found "${id}" again (already ${property}[${first}])`,
      });
    }
  });
}

/** Every problem with the inputs of a TemporaryAccessPassPolicy; empty when they are valid. */
export function checkTapInputs(news: Record<string, unknown>): InputFailure[] {
  const failures: InputFailure[] = [];
  const known = new Set<string>();
  failures.push(...unknownKeyFailures(news, [...TAP_PROPERTIES, "onDestroy"], { alsoAccepted: ENGINE_KEYS }));
  checkOneOf(failures, "state", news.state, STATES);
  for (const key of ["defaultLifetimeInMinutes", "minimumLifetimeInMinutes", "maximumLifetimeInMinutes"]) {
    if (checkInteger(failures, key, news[key], LIFETIME_RANGE)) known.add(key);
  }
  checkInteger(failures, "defaultLength", news.defaultLength, LENGTH_RANGE);
  checkLifetimeOrder(failures, news, known);
  checkBoolean(failures, "isUsableOnce", news.isUsableOnce);
  checkTargets(failures, "includeTargets", news.includeTargets);
  checkTargets(failures, "excludeTargets", news.excludeTargets);
  checkOneOf(failures, "onDestroy", news.onDestroy, ON_DESTROY_MODES);
  failures.push(...checkProviderVersion(news));
  return failures;
}

/** Throws one error listing every failure; the provider's last line of defence before Graph. */
export function assertValidTapInputs(news: Record<string, unknown>): void {
  assertNoInputFailures("TemporaryAccessPassPolicy", checkTapInputs(news));
}
