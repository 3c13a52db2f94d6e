/**
 * One request for an app-only token: the Microsoft identity platform's client credentials grant,
 * a form POST to `<authority host>/<tenant>/oauth2/v2.0/token` with `grant_type=client_credentials`,
 * the client id, the scope and either `client_secret` or a client assertion (`client_assertion_type`
 * `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`, `client_assertion`). Sources: Microsoft
 * identity platform, "OAuth 2.0 client credentials flow" (the request, the answer's `access_token`
 * and `expires_in`, AADSTS errors as `error`/`error_description`/`error_codes`/`trace_id`/
 * `correlation_id`); MSAL uses that same token URL for every Microsoft cloud (msal-common
 * `authority/AuthorityMetadata.ts`: `https://<host>/{tenantid}/oauth2/v2.0/token`).
 *
 * Sent with fetch, so it needs no SDK module: loading @azure/identity and MSAL costs about 200 ms in
 * a fresh provider host, and MSAL first fetches the OpenID configuration of any authority host it
 * has no built-in metadata for.
 */
import { USER_AGENT } from "./version";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** What proves the application's identity: its secret, or a signed assertion (an OIDC token). */
export type ClientProof = { secret: string } | { assertion: string };

export interface TokenRequest {
  /** Login authority host without a trailing slash, e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  scope: string;
  proof: ClientProof;
}

export interface IssuedToken {
  token: string;
  expiresOnTimestamp: number;
  /** When Entra asks for the token to be renewed (`refresh_in`), if it says. */
  refreshAfterTimestamp?: number;
}

/** A token request that got no token: Entra's status (0: no answer) and Retry-After, for the retry policy. */
export interface TokenEndpointError extends Error {
  readonly status: number;
  readonly retryAfter: string | null;
}

export function tokenUrl(authorityHost: string, tenantId: string): string {
  return `${authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}

export function isTokenEndpointError(error: unknown): error is TokenEndpointError {
  return error instanceof Error && error.name === "TokenEndpointError";
}

function tokenEndpointError(message: string, status: number, retryAfter: string | null): TokenEndpointError {
  return Object.assign(new Error(message), { name: "TokenEndpointError", status, retryAfter });
}

export async function requestToken(request: TokenRequest): Promise<IssuedToken> {
  const url = tokenUrl(request.authorityHost, request.tenantId);
  const form = new URLSearchParams({
    client_id: request.clientId,
    scope: request.scope,
    grant_type: "client_credentials",
    ...("secret" in request.proof
      ? { client_secret: request.proof.secret }
      : { client_assertion_type: ASSERTION_TYPE, client_assertion: request.proof.assertion }),
  });
  const { randomUUID } = require("node:crypto") as typeof import("node:crypto");
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded;charset=utf-8",
        "client-request-id": randomUUID(),
        "return-client-request-id": "true",
        "user-agent": USER_AGENT,
      },
      body: form.toString(),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const reason = typeof cause?.code === "string" ? cause.code : String(cause?.message ?? error);
    throw tokenEndpointError(`no answer from ${url}: ${reason}`, 0, null);
  }
  const text = await response.text();
  const body = parseJson(text);
  if (response.ok) return issuedToken(url, body, Date.now());
  throw tokenEndpointError(
    `${url} answered ${response.status}: ${describeRefusal(body, text)}`,
    response.status,
    response.headers.get("retry-after"),
  );
}

function issuedToken(url: string, body: unknown, now: number): IssuedToken {
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const token = fields.access_token;
  // v1-style answers carry numbers as strings.
  const expiresIn = Number(fields.expires_in);
  const refreshIn = Number(fields.refresh_in);
  if (typeof token !== "string" || token === "" || !Number.isFinite(expiresIn)) {
    throw tokenEndpointError(
      `${url} answered 200 without an access_token and a numeric expires_in`,
      200,
      null,
    );
  }
  return {
    token,
    expiresOnTimestamp: now + expiresIn * 1000,
    ...(Number.isFinite(refreshIn) && refreshIn > 0 ? { refreshAfterTimestamp: now + refreshIn * 1000 } : {}),
  };
}

/** Entra's `error: error_description` (the description carries the AADSTS code, trace and correlation ids). */
function describeRefusal(body: unknown, text: string): string {
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const error = typeof fields.error === "string" ? fields.error : undefined;
  const description = typeof fields.error_description === "string" ? fields.error_description : undefined;
  if (error !== undefined || description !== undefined) {
    return [error, description].filter((part) => part !== undefined).join(": ");
  }
  const trimmed = text.trim();
  return trimmed === "" ? "(empty body)" : trimmed.slice(0, 500);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
