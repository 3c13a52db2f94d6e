/**
 * The claims of a request's bearer token, read without verifying it: enough to tell which tenant
 * (and caller) a request means before the tenant's own pipeline verifies the token. Microsoft
 * Graph is one endpoint for every tenant and tells them apart by the token's `tid` claim
 * (Microsoft identity platform, "Access token claims reference": `tid` is the tenant the token was
 * issued for).
 */

export interface BearerClaims {
  /** `tid`: the tenant the token was issued for. */
  tenantId: string;
  /** `oid`: the caller's object id in that tenant (the client's service principal). */
  objectId?: string;
  /** `appid`: the client application. */
  clientId?: string;
}

/** The claims of `Authorization: Bearer <jwt>`, or undefined when there is no decodable token with a `tid`. */
export function bearerClaims(authorization: string | undefined): BearerClaims | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  const payload = match?.[1].split(".")[1];
  if (payload === undefined) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof claims !== "object" || claims === null) return undefined;
  const { tid, oid, appid } = claims as Record<string, unknown>;
  if (typeof tid !== "string") return undefined;
  return {
    tenantId: tid,
    ...(typeof oid === "string" ? { objectId: oid } : {}),
    ...(typeof appid === "string" ? { clientId: appid } : {}),
  };
}
