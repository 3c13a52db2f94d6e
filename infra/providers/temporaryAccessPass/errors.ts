/**
 * Errors of the TAP policy provider: Graph's error (operation, URL, status, code, message,
 * request-id) prefixed with what the provider was doing, plus what the user can do about it.
 *
 * No `class ... extends Error` here: Pulumi's closure serializer rewrites such a class into a
 * function that calls `Error.call(this, ...)`, which sets no message and does not inherit from
 * Error, so the provider host would report an empty error. Plain `Error` objects survive.
 */
import { formatGraphRequestError } from "../../graph/errors";
import { TAP_CONFIGURATION_ID, TAP_WRITE_PERMISSION } from "./model";

function field(error: unknown, name: string): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** The error's message; for a Graph error that lost its message in serialization, rebuilt from its fields. */
function messageOf(error: unknown): string {
  const message = field(error, "message");
  if (typeof message === "string" && message !== "") return message;
  const [method, url, status, code, graphMessage] = ["method", "url", "status", "code", "graphMessage"].map(
    (name) => field(error, name),
  );
  if (typeof method === "string" && typeof url === "string" && typeof status === "number") {
    const requestId = field(error, "requestId");
    const permission = field(error, "requiredPermission");
    return formatGraphRequestError({
      method,
      url,
      status,
      code: typeof code === "string" ? code : "",
      graphMessage: typeof graphMessage === "string" ? graphMessage : "",
      requestId: typeof requestId === "string" ? requestId : undefined,
      requiredPermission: typeof permission === "string" ? permission : undefined,
      outcomeUnknown: field(error, "outcomeUnknown") === true,
    });
  }
  return String(error);
}

/**
 * A write that got no answer (lost connection) or a server error may still have been applied.
 * The Graph client does not flag a PATCH as `outcomeUnknown` (repeating it is safe), but whether
 * the tenant changed matters here: the configuration found before must not be forgotten.
 */
function mayHaveBeenApplied(error: unknown): boolean {
  if (field(error, "outcomeUnknown") === true) return true;
  const status = field(error, "status");
  if (typeof status !== "number") return false;
  if (status === 0) return field(error, "code") !== "TokenRequestFailed";
  return status >= 500;
}

/** A 403 means the identity lacks the write permission (it also grants read). */
function permissionHint(error: unknown, message: string): string {
  if (field(error, "status") !== 403 || message.includes(TAP_WRITE_PERMISSION)) return "";
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
 */
export function createFailure(error: unknown, what: string, properties: Record<string, unknown>): Error {
  const wrapped = tapPolicyError(what, error);
  if (!mayHaveBeenApplied(error)) return wrapped;
  const message =
    `${wrapped.message} Graph may have applied it; the configuration found before is recorded as \`previous\`, ` +
    "and the next `pulumi up` applies the configuration again.";
  const initError: TapPolicyInitError = Object.assign(new Error(message, { cause: error }), {
    id: TAP_CONFIGURATION_ID,
    properties,
    reasons: [message],
  });
  return initError;
}
