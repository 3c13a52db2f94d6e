/**
 * One canonical form for the TAP configuration, whether it comes from the program's inputs or
 * from Graph: only the managed properties, absent values replaced by Microsoft's defaults, target
 * ids lower-cased and target lists sorted. Two configurations that Graph treats as the same
 * normalize to equal values, which is what keeps a diff quiet.
 */
import type { OnDestroy } from "../../../policies/settings";
import {
  DEFAULT_ON_DESTROY,
  MICROSOFT_DEFAULT_TAP_CONFIGURATION,
  ON_DESTROY_MODES,
  TapConfiguration,
  TapExcludeTarget,
  TapIncludeTarget,
  UNKNOWN_VALUE,
} from "./model";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pick<T>(value: unknown, isExpected: (v: unknown) => v is T, fallback: T): T {
  return isExpected(value) ? value : fallback;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number";
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";

function compareTargets(
  a: { id: string; targetType: string },
  b: { id: string; targetType: string },
): number {
  if (a.targetType !== b.targetType) return a.targetType < b.targetType ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

function normalizeIncludeTargets(value: unknown): TapIncludeTarget[] {
  if (!Array.isArray(value)) return MICROSOFT_DEFAULT_TAP_CONFIGURATION.includeTargets.map((t) => ({ ...t }));
  return value
    .filter(isRecord)
    .map((target) => ({
      id: pick(target.id, isString, "").toLowerCase(),
      targetType: pick(target.targetType, isString, ""),
      isRegistrationRequired: target.isRegistrationRequired === true,
    }))
    .sort(compareTargets);
}

function normalizeExcludeTargets(value: unknown): TapExcludeTarget[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((target) => ({
      id: pick(target.id, isString, "").toLowerCase(),
      targetType: pick(target.targetType, isString, ""),
    }))
    .sort(compareTargets);
}

/**
 * The managed properties of `value` (program inputs, a Graph response or stored state) in
 * canonical form. Server-only fields (`id`, `@odata.*`, `includeTargets@odata.context`) and
 * anything else not managed are dropped. Values of the wrong type fall back to the default:
 * inputs are validated by `check` before they get here.
 */
export function normalizeTapConfiguration(value: unknown): TapConfiguration {
  const source = isRecord(value) ? value : {};
  const defaults = MICROSOFT_DEFAULT_TAP_CONFIGURATION;
  return {
    state: pick(source.state, isString, defaults.state),
    defaultLifetimeInMinutes: pick(
      source.defaultLifetimeInMinutes,
      isNumber,
      defaults.defaultLifetimeInMinutes,
    ),
    minimumLifetimeInMinutes: pick(
      source.minimumLifetimeInMinutes,
      isNumber,
      defaults.minimumLifetimeInMinutes,
    ),
    maximumLifetimeInMinutes: pick(
      source.maximumLifetimeInMinutes,
      isNumber,
      defaults.maximumLifetimeInMinutes,
    ),
    defaultLength: pick(source.defaultLength, isNumber, defaults.defaultLength),
    isUsableOnce: pick(source.isUsableOnce, isBoolean, defaults.isUsableOnce),
    includeTargets: normalizeIncludeTargets(source.includeTargets),
    excludeTargets: normalizeExcludeTargets(source.excludeTargets),
  };
}

/** The destroy mode stored with the resource; absent means `restore`. */
export function normalizeOnDestroy(value: unknown): OnDestroy {
  return ON_DESTROY_MODES.find((mode) => mode === value) ?? DEFAULT_ON_DESTROY;
}

/**
 * True when `value` holds a value the engine does not know yet (preview of a program whose
 * inputs depend on resources not created yet).
 */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN_VALUE) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isRecord(value)) return Object.values(value).some(containsUnknown);
  return false;
}
