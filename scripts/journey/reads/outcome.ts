/**
 * One read's outcome: the value, or why the steps that need it are "not checked". A 403 names the
 * permission to grant (the Graph client's `requiredPermission`, or the read's own when it knows
 * better); any other failure is quoted on one line. Nothing here throws.
 */
import { isGraphRequestError } from "../../../infra/graph/errors";
import { oneLine } from "../../cli/command";

export type ReadOutcome<T> = { ok: true; value: T } | { ok: false; notChecked: string; missing?: true };

/** Thrown by a read when the object the stack config names is not in the tenant (not a Graph failure). */
export class MissingObjectError extends Error {}

export async function attempt<T>(
  what: string,
  read: () => Promise<T>,
  permission?: string,
): Promise<ReadOutcome<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof MissingObjectError)
      return { ok: false, notChecked: `${what}: ${error.message}`, missing: true };
    if (isGraphRequestError(error) && error.status === 403) {
      const needed = permission ?? error.requiredPermission ?? "a read permission";
      return {
        ok: false,
        notChecked: `${what} could not be read: the identity lacks ${needed} (Graph answered 403 to ${error.method} ${error.url.split("?")[0]})`,
      };
    }
    const message = isGraphRequestError(error)
      ? `Graph answered ${error.status} ${error.code}: ${error.graphMessage}`
      : oneLine(error);
    return { ok: false, notChecked: `${what} could not be read: ${message}` };
  }
}
