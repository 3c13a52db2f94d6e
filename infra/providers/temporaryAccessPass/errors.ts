/**
 * Errors of the TAP policy provider: Graph's error (operation, URL, status, code, message,
 * request-id) prefixed with what the provider was doing, plus what the user can do about it.
 */
import { TAP_CONFIGURATION_ID, TAP_WRITE_PERMISSION } from "./model";
import { isRecord } from "./normalize";

function field(error: unknown, name: string): unknown {
  return isRecord(error) || error instanceof Error ? (error as unknown as Record<string, unknown>)[name] : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
  return new Error(`TemporaryAccessPassPolicy: could not ${what}: ${message}${permissionHint(error, message)}`, {
    cause: error,
  });
}

export async function withTapContext<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw tapPolicyError(what, error);
  }
}

/**
 * A create whose PATCH may have reached Graph. Carrying `id` and `properties` makes Pulumi's
 * dynamic-provider host record the resource anyway (as failed to initialize), so the configuration
 * found before the first apply is not lost.
 */
export class TapPolicyInitError extends Error {
  readonly id = TAP_CONFIGURATION_ID;
  readonly reasons: string[];

  constructor(
    message: string,
    readonly properties: Record<string, unknown>,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.reasons = [message];
  }

  /** The error to throw for a failed create step: an init error only when Graph may have applied it. */
  static ifMaybeApplied(error: unknown, what: string, properties: Record<string, unknown>): Error {
    const wrapped = tapPolicyError(what, error);
    if (!mayHaveBeenApplied(error)) return wrapped;
    return new TapPolicyInitError(
      `${wrapped.message} Graph may have applied it; the configuration found before is recorded as \`previous\`, and the next \`pulumi up\` applies the configuration again.`,
      properties,
      { cause: error },
    );
  }
}
