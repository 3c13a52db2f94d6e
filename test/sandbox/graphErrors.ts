/**
 * Graph's error bodies. Every Graph backend answers
 * `{"error": {"code", "message", "innerError": {"date", "request-id", "client-request-id"}}}`, but
 * codes differ per backend (directory `Request_BadRequest`, authentication methods `badRequest`,
 * Intune `BadRequest` / `NotFound`) and Intune puts a JSON document inside `message`.
 */

/** Which Graph backend an error imitates; decides how the body is shaped. */
export type ErrorStyle = "graph" | "intune";

/** Thrown by route handlers; the server turns it into a Graph error response. */
export class SandboxGraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly style: ErrorStyle = "graph",
    /** Extra innerError members, e.g. the authentication-methods service repeats `message` there. */
    readonly innerErrorExtra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "SandboxGraphError";
  }
}

export interface ErrorContext {
  requestId: string;
  clientRequestId: string;
  /** The request path, quoted in Intune's message the way Intune quotes its backend URL. */
  path: string;
  date: Date;
}

export interface GraphErrorBody {
  error: { code: string; message: string; innerError: Record<string, unknown> };
}

/** Graph's timestamp format in innerError.date (seconds precision, no zone suffix). */
function innerErrorDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** Intune's JSON-inside-message document. */
export function intuneMessage(message: string, context: ErrorContext): string {
  return JSON.stringify({
    _version: 3,
    Message:
      `${message} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000` +
      ` - Activity ID: ${context.requestId}` +
      ` - Url: https://fef.sandbox.manage.microsoft.com/DeviceConfigV2/DCV2GraphService${context.path}?api-version=5023-05-23`,
    CustomApiErrorPhrase: "",
    RetryAfter: null,
    ErrorSourceService: "",
    HttpHeaders: "{}",
  });
}

export function graphErrorBody(error: SandboxGraphError, context: ErrorContext): GraphErrorBody {
  const message = error.style === "intune" ? intuneMessage(error.message, context) : error.message;
  return {
    error: {
      code: error.code,
      message,
      innerError: {
        ...error.innerErrorExtra,
        date: innerErrorDate(context.date),
        "request-id": context.requestId,
        "client-request-id": context.clientRequestId,
      },
    },
  };
}

/** Default code and message for a status answered by an injected fault. */
export function defaultErrorFor(status: number): { code: string; message: string } {
  switch (status) {
    case 400:
      return { code: "BadRequest", message: "Bad request." };
    case 401:
      return { code: "InvalidAuthenticationToken", message: "Access token validation failure." };
    case 403:
      return {
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
      };
    case 404:
      return { code: "Request_ResourceNotFound", message: "Resource not found." };
    case 409:
      return { code: "Conflict", message: "The request conflicts with the current state of the resource." };
    case 412:
      return {
        code: "PreconditionFailed",
        message: "The precondition given in the request evaluated to false.",
      };
    case 429:
      return { code: "TooManyRequests", message: "Too many requests." };
    case 500:
      return { code: "InternalServerError", message: "An internal server error occurred." };
    case 502:
      return { code: "BadGateway", message: "Bad gateway." };
    case 503:
      return {
        code: "ServiceUnavailable",
        message: "The service is temporarily unavailable. Try again later.",
      };
    case 504:
      return { code: "GatewayTimeout", message: "The gateway timed out waiting for the backend service." };
    default:
      return {
        code: status >= 500 ? "InternalServerError" : "BadRequest",
        message: `Sandbox fault: status ${status}.`,
      };
  }
}

// Helpers for the common shapes, so route files read as behaviour rather than plumbing.

export function directoryBadRequest(message: string): SandboxGraphError {
  return new SandboxGraphError(400, "Request_BadRequest", message);
}

export function directoryNotFound(id: string): SandboxGraphError {
  return new SandboxGraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function odataBadRequest(message: string): SandboxGraphError {
  return new SandboxGraphError(400, "BadRequest", message);
}

export function unknownProperty(property: string, typeName: string): SandboxGraphError {
  return odataBadRequest(
    `The property '${property}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
  );
}

export function intuneBadRequest(message: string): SandboxGraphError {
  return new SandboxGraphError(400, "BadRequest", message, "intune");
}

export function intuneNotFound(message: string): SandboxGraphError {
  return new SandboxGraphError(404, "NotFound", message, "intune");
}
