/**
 * Input validation results shared by the dynamic providers: `check` reports failures to the
 * engine one per property; create/update (reached only after check) throw them as one error.
 */
import type * as pulumi from "@pulumi/pulumi";

/** A problem with one input property. */
export interface InputFailure {
  /** The input property, with a path into lists, e.g. `includeTargets[1].id`. */
  property: string;
  reason: string;
}

/** What an input held, for a failure's reason: `expected …, found <this>`. */
export function describeFound(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  return typeof value;
}

/** What `check` returns: the raw inputs with the failures, or the normalized inputs. */
export function checkResult<T>(
  news: Record<string, unknown>,
  checked: { inputs: T; failures: InputFailure[] },
): Promise<pulumi.dynamic.CheckResult> {
  const { inputs, failures } = checked;
  return Promise.resolve(failures.length > 0 ? { inputs: news, failures } : { inputs });
}

/** Throws one error listing every failure, e.g. `Invalid <subject> inputs: name: expected ...`. */
export function assertNoInputFailures(subject: string, failures: InputFailure[]): void {
  if (failures.length > 0) {
    throw new Error(
      `Invalid ${subject} inputs: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
    );
  }
}

/** The normalized inputs, or the error listing every failure. */
export function validInputs<T>(subject: string, checked: { inputs: T; failures: InputFailure[] }): T {
  assertNoInputFailures(subject, checked.failures);
  return checked.inputs;
}
