/**
 * Unknown input keys, the same way in every provider's `check`: each key nobody reads is a
 * failure naming it, with the closest known key when it is an obvious misspelling, so a misspelt
 * `adopt_existing` is reported instead of silently dropped.
 */
import { closestName } from "../settings/suggestions";
import type { InputFailure } from "./inputFailures";
import { CONNECTION } from "./connectionInput";
import { PROVIDER_VERSION } from "./providerVersion";

/**
 * Keys every dynamic resource's inputs may carry besides its declared ones: `__provider` (the
 * serialized provider, added by @pulumi/pulumi's dynamic resource and host) and `providerVersion`
 * (set by each resource class, see providerVersions.ts), and the optional `connection`
 * (connectionInput.ts, checked on its own).
 */
export const ENGINE_INPUT_KEYS: readonly string[] = ["__provider", PROVIDER_VERSION, CONNECTION];

export interface UnknownKeyOptions {
  /** Path of the object within the inputs, e.g. `assignments[0]`; failures name `<path>.<key>`. */
  path?: string;
  /** Where the keys were found, for the message, e.g. "an exclude target". */
  where?: string;
  /** Keys accepted without being listed as expected (engine and resource-class keys). */
  alsoAccepted?: readonly string[];
}

/**
 * One failure per own key of `value` that is neither in `known` nor in `alsoAccepted`. Keys whose
 * value is undefined are ignored (they never reach the engine). `__proto__` and `constructor` are
 * keys like any other: only own keys are read, and they are compared with plain lists.
 */
export function unknownKeyFailures(
  value: Record<string, unknown>,
  known: readonly string[],
  options: UnknownKeyOptions = {},
): InputFailure[] {
  const accepted = [...known, ...(options.alsoAccepted ?? [])];
  const failures: InputFailure[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || accepted.includes(key)) continue;
    const closest = closestName(key, known);
    failures.push({
      property: options.path === undefined ? key : `${options.path}.${key}`,
      reason:
        `expected only ${known.join(", ")}${options.where === undefined ? "" : ` in ${options.where}`}, ` +
        `found ${key}${closest === undefined ? "" : `. Did you mean ${closest}?`}`,
    });
  }
  return failures;
}
