/**
 * Which tenant of a multi-tenant sandbox answers a request. Entra ID's login endpoint and Microsoft
 * Graph each serve every tenant from one origin: sign-in requests name the tenant in the first
 * path segment (`/<tenant>/oauth2/v2.0/token`, `/<tenant>/v2.0/.well-known/openid-configuration`;
 * Microsoft identity platform, "OAuth 2.0 client credentials flow"), Graph requests carry it in
 * the bearer token's `tid` claim. A request that names no tenant the sandbox holds goes to the
 * first tenant, whose pipeline answers it as a one-tenant sandbox does (an unknown tenant in a
 * login path: AADSTS90002 "Tenant ... not found"; a missing or foreign token: 401).
 */
import { bearerClaims } from "./bearerClaims";
import { isGraphPath } from "./server";

/** The index in `tenantIds` (lower-case GUIDs) of the tenant that answers; 0 when none is named. */
export function tenantIndexFor(
  path: string,
  authorization: string | undefined,
  tenantIds: readonly string[],
): number {
  const named = isGraphPath(path) ? bearerClaims(authorization)?.tenantId : /^\/([^/]+)\//.exec(path)?.[1];
  const index = named === undefined ? -1 : tenantIds.indexOf(named.toLowerCase());
  return index < 0 ? 0 : index;
}
