/**
 * Errors of the TAP policy provider: Graph's error (operation, URL, status, code, message,
 * request-id) prefixed with what the provider was doing, plus what the user can do about it.
 */
import { isGraphRequestError, TOKEN_REQUEST_FAILED } from "../../graph/errors";
import { withProviderCode } from "../partialFailure";
import { TAP_CONFIGURATION_ID, TAP_WRITE_PERMISSION } from "./model";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A write that got no answer (lost connection) or a server error may still have been applied.
 * The Graph client does not flag a PATCH as `outcomeUnknown` (repeating it is safe), but whether
 * the tenant changed matters here: the configuration found before must not be forgotten. An
 * earlier attempt may have been applied even when the last one failed clearly (a 429 after a
 * lost connection): the client reports that as `mayHaveBeenApplied`.
 */
function mayHaveBeenApplied(error: unknown): boolean {
  if (!isGraphRequestError(error)) return false;
  if (error.outcomeUnknown || error.mayHaveBeenApplied === true) return true;
  if (error.status === 0) return error.code !== TOKEN_REQUEST_FAILED;
  return error.status >= 500;
}

/** A 403 means the identity lacks the write permission (it also grants read). */
function permissionHint(error: unknown, message: string): string {
  if (!isGraphRequestError(error) || error.status !== 403 || message.includes(TAP_WRITE_PERMISSION))
    return "";
  return ` Grant the application permission ${TAP_WRITE_PERMISSION} (with admin consent) to the identity Pulumi uses.`;
}

/** Graph's failure, prefixed with the step that failed; the original stays available as `cause`. */
export function tapPolicyError(what: string, error: unknown): Error {
  const message = messageOf(error);
  return new Error(
    `TemporaryAccessPassPolicy: could not ${what}: ${message}${permissionHint(error, message)}`,
    {
      cause: error,
    },
  );
}

export async function withTapContext<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw tapPolicyError(what, error);
  }
}

/** An error that makes Pulumi's dynamic-provider host record the resource anyway (failed to initialize). */
export interface TapPolicyInitError extends Error {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
}

/**
 * The error to throw when a create's PATCH failed. When Graph may have applied it, the error
 * carries `id` and `properties` so the configuration found before the first apply is recorded
 * as `previous` and not lost; otherwise nothing changed and a plain error is enough.
 * `inputs` are the create's inputs: the provider version in them is recorded too.
 */
export function createFailure(
  error: unknown,
  what: string,
  properties: Record<string, unknown>,
  inputs: Record<string, unknown>,
): Error {
  const wrapped = tapPolicyError(what, error);
  if (!mayHaveBeenApplied(error)) return wrapped;
  const message =
    `${wrapped.message} Graph may have applied it; the configuration found before is recorded as \`previous\`, ` +
    "and the next `pulumi up` applies the configuration again.";
  const initError: TapPolicyInitError = Object.assign(new Error(message, { cause: error }), {
    id: TAP_CONFIGURATION_ID,
    properties: withProviderCode(properties, inputs),
    reasons: [message],
  });
  return initError;
}
