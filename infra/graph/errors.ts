/**
 * GraphRequestError: one failed Graph request, with everything needed to act on it: the request
 * as sent, Graph's status, code, message and request-id, the permission a 403 is missing, and
 * whether a failed write may nevertheless have been applied.
 */

export interface GraphRequestErrorDetails {
  method: string;
  /** Path and query as sent, e.g. `/v1.0/policies/authenticationMethodsPolicy`. */
  url: string;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** Graph's error code, e.g. `Authorization_RequestDenied`, or a local code for failures without a response. */
  code: string;
  /** Graph's error message (for Intune, the `Message` inside its JSON-encoded message). */
  graphMessage: string;
  requestId?: string;
  /** Graph's `innerError.date`, or the response's Date header. */
  date?: string;
  /** The least-privileged application permission for this request (set on 403). */
  requiredPermission?: string;
  /** Other permissions Graph accepts for this very request (infra/graph/permissions.ts `alsoAcceptedPermissions`). */
  alsoAcceptedPermissions?: string[];
  /** True when a non-idempotent request failed without a clear answer and may have been applied. */
  outcomeUnknown: boolean;
  /**
   * True when any attempt of a write (not a GET) got no answer or a 5xx, so the change may have
   * been applied even though the last attempt failed clearly (say, a 429 after a lost connection).
   * Absent on errors built by older code: treat absent as "decide from status and outcomeUnknown".
   */
  mayHaveBeenApplied?: boolean;
  /** The first retried attempt whose outcome was unclear, e.g. `attempt 1: no response (ECONNRESET)`. */
  unclearAttempt?: string;
  /** How many attempts were made. */
  attempts?: number;
}

/**
 * A failed Graph request: a real `Error` (message, stack, `instanceof Error`) carrying the details.
 * Built by graphRequestError, recognised by isGraphRequestError. Not a class: Pulumi's closure
 * serializer rewrites `class ... extends Error` into a function that calls `Error.call(this)`,
 * which leaves a serialized provider's errors without message or stack.
 */
export interface GraphRequestError extends Error, Readonly<GraphRequestErrorDetails> {}

export function graphRequestError(details: GraphRequestErrorDetails): GraphRequestError {
  return Object.assign(new Error(formatGraphRequestError(details)), {
    ...details,
    name: "GraphRequestError",
  });
}

/** `code` of a GraphRequestError raised because no token could be obtained (the request was not sent). */
export const TOKEN_REQUEST_FAILED = "TokenRequestFailed";

export function formatGraphRequestError(details: GraphRequestErrorDetails): string {
  const answer =
    details.status === 0
      ? `${details.code === TOKEN_REQUEST_FAILED ? "not sent" : "no response"} (${details.code}: ${details.graphMessage})`
      : `${details.status} ${details.code}: ${details.graphMessage}`;
  const requestId = details.requestId ? ` (request-id ${details.requestId})` : "";
  const attempts =
    details.attempts !== undefined && details.attempts > 1 ? ` after ${details.attempts} attempts` : "";
  let text = `${details.method} ${details.url} failed${attempts}: ${stripFinalPeriod(answer)}${requestId}.`;
  if (details.requiredPermission !== undefined) {
    const alternatives = (details.alsoAcceptedPermissions ?? []).map((permission) => ` or ${permission}`);
    text += ` The app needs ${details.requiredPermission}${alternatives.join("")}.`;
  }
  if (details.outcomeUnknown) {
    text += " The request may have been applied: look the object up before trying again.";
  } else if (
    details.mayHaveBeenApplied === true &&
    details.unclearAttempt !== undefined &&
    details.status > 0 &&
    details.status < 500
  ) {
    // Said only when the last answer was clear (a 429, say), which alone would suggest nothing changed.
    text += ` An earlier attempt got no clear answer (${details.unclearAttempt}), so the change may have been applied.`;
  }
  return text;
}

function stripFinalPeriod(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

/** Graph's error body: `{ error: { code, message, innerError: { "request-id", date } } }`. */
export interface ParsedGraphError {
  code?: string;
  message?: string;
  requestId?: string;
  date?: string;
}

/** Reads Graph's error body (already JSON-parsed, or raw text). Unknown shapes give an empty result. */
export function parseGraphErrorBody(body: unknown): ParsedGraphError {
  const parsed = typeof body === "string" ? tryParseJson(body) : body;
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  if (error === undefined) return {};
  const inner = isRecord(error.innerError)
    ? error.innerError
    : isRecord(error.innererror)
      ? error.innererror
      : {};
  return {
    code: stringOrUndefined(error.code),
    message: typeof error.message === "string" ? unwrapIntuneMessage(error.message) : undefined,
    requestId: stringOrUndefined(inner["request-id"]) ?? stringOrUndefined(inner.requestId),
    date: stringOrUndefined(inner.date),
  };
}

/**
 * Intune puts a JSON document inside `error.message`, e.g.
 * `{"_version": 3, "Message": "Invalid GroupId ... a valid AADGroupId is expected. - Operation ID ...", ...}`.
 * Returns its `Message`, or the text unchanged when it is not such a document.
 */
export function unwrapIntuneMessage(message: string): string {
  const trimmed = message.trim();
  if (!trimmed.startsWith("{")) return message;
  const parsed = tryParseJson(trimmed);
  if (isRecord(parsed) && typeof parsed.Message === "string") return parsed.Message;
  return message;
}

/** Recognised by shape, so an error built by another copy of this module (a serialized provider's) counts too. */
export function isGraphRequestError(error: unknown): error is GraphRequestError {
  if (!(error instanceof Error)) return false;
  const candidate = error as Partial<GraphRequestError>;
  return (
    typeof candidate.status === "number" &&
    typeof candidate.method === "string" &&
    typeof candidate.outcomeUnknown === "boolean"
  );
}

export function isNotFound(error: unknown): boolean {
  return isGraphRequestError(error) && error.status === 404;
}

const INTUNE_GROUP_NOT_REPLICATED = /a valid AADGroupId is expected/i;

/**
 * True for the answers Graph gives while a just-created object has not replicated yet:
 * 404, or Intune's 400 "... a valid AADGroupId is expected" for a new group.
 */
export function isReplicationLag(error: unknown): boolean {
  if (!isGraphRequestError(error)) return false;
  if (error.status === 404) return true;
  return error.status === 400 && INTUNE_GROUP_NOT_REPLICATED.test(error.graphMessage);
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
