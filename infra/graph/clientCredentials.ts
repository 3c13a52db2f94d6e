/**
 * A TokenCredential for the client credentials grant (a client secret or a client assertion),
 * built on tokenEndpoint.ts instead of MSAL. It keeps the token it got, per scope, until it is
 * within five minutes of expiring (MSAL's renewal offset, msal-common
 * `DEFAULT_TOKEN_RENEWAL_OFFSET_SEC = 300`) or past the `refresh_in` Entra gave; a token that
 * lives less than that is used for one request. The proof (secret or assertion) is asked for on
 * every token request, so a rotated OIDC token file or a fresh GitHub id token is used.
 */
import type { AccessToken, TokenCredential } from "@azure/identity";
import { requestToken, type ClientProof, type IssuedToken } from "./tokenEndpoint";

export const TOKEN_RENEWAL_OFFSET_MS = 300_000;

export interface ClientCredentialsOptions {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  proof: () => Promise<ClientProof>;
}

export function clientCredentialsCredential(options: ClientCredentialsOptions): TokenCredential {
  const issued = new Map<string, IssuedToken>();
  return {
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      const scope = (Array.isArray(scopes) ? scopes : [scopes]).join(" ");
      const kept = issued.get(scope);
      if (kept !== undefined && stillFresh(kept, Date.now())) return accessToken(kept);
      const token = await requestToken({
        authorityHost: options.authorityHost,
        tenantId: options.tenantId,
        clientId: options.clientId,
        scope,
        proof: await options.proof(),
      });
      issued.set(scope, token);
      return accessToken(token);
    },
  };
}

function stillFresh(token: IssuedToken, now: number): boolean {
  if (token.refreshAfterTimestamp !== undefined && now >= token.refreshAfterTimestamp) return false;
  return now < token.expiresOnTimestamp - TOKEN_RENEWAL_OFFSET_MS;
}

function accessToken(token: IssuedToken): AccessToken {
  return {
    token: token.token,
    expiresOnTimestamp: token.expiresOnTimestamp,
    tokenType: "Bearer",
    ...(token.refreshAfterTimestamp === undefined
      ? {}
      : { refreshAfterTimestamp: token.refreshAfterTimestamp }),
  };
}
