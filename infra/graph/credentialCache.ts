/**
 * One credential per connection per process. A credential keeps its access token in memory
 * (clientCredentials.ts does; MSAL does inside @azure/identity's), so reusing the instance lets
 * every operation of every provider in a provider host share one token until shortly before it
 * expires.
 *
 * The key names the connection (authority, tenant, client, kind, scope) plus a sha256 of what
 * signs in (secret, token, token-file path, request URL and token), so a changed secret gets a new
 * credential and no secret is held in a key.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import type { GraphConnection } from "./connection";
import { createCredential } from "./credentials";
import { clearProcessMap, processMap, sha256 } from "./processCache";

export const CREDENTIAL_CACHE_KEY = "__passwordlessOnboardingGraphCredentials";

/** Plenty for one process; bounds a test run that starts many sandboxes. */
const MAX_CACHED_CREDENTIALS = 32;

/** Ambient variables @azure/identity reads itself for managed identity, the CLI and the default chain. */
const AMBIENT_VARIABLE = /^(AZURE_|IDENTITY_|MSI_|IMDS_)/;

/** The process's credential for this connection, created on first use. */
export function sharedCredential(connection: GraphConnection): TokenCredential {
  const cache = processMap<TokenCredential>(CREDENTIAL_CACHE_KEY);
  const key = credentialCacheKey(connection);
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Most recently used last, so eviction drops the oldest.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const credential = singleFlight(createCredential(connection));
  cache.set(key, credential);
  for (const oldest of cache.keys()) {
    if (cache.size <= MAX_CACHED_CREDENTIALS) break;
    cache.delete(oldest);
  }
  return credential;
}

/** Forgets every shared credential in this process (tests). */
export function clearCredentialCache(): void {
  clearProcessMap(CREDENTIAL_CACHE_KEY);
}

export function credentialCacheKey(connection: GraphConnection): string {
  const plan = connection.credential;
  const ids = {
    tenantId: "tenantId" in plan ? plan.tenantId : undefined,
    clientId: "clientId" in plan ? plan.clientId : undefined,
  };
  return JSON.stringify([
    plan.kind,
    connection.authorityHost,
    ids.tenantId ?? null,
    ids.clientId ?? null,
    connection.scope,
    sha256(signInMaterial(connection)),
  ]);
}

function signInMaterial(connection: GraphConnection): string {
  const plan = connection.credential;
  switch (plan.kind) {
    case "clientSecret":
      return plan.clientSecret.read();
    case "oidcToken":
      return plan.oidcToken.read();
    case "oidcTokenFile":
    case "workloadIdentity":
      return plan.tokenFilePath;
    case "githubActionsOidc":
      return JSON.stringify([plan.requestUrl, plan.requestToken.read()]);
    case "managedIdentity":
    case "azureCli":
    case "defaultChain":
      return JSON.stringify(
        Object.entries(process.env)
          .filter(([name, value]) => AMBIENT_VARIABLE.test(name) && value !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
  }
}

/**
 * Concurrent token requests for the same scopes share one: Pulumi runs operations in parallel, and
 * a fresh credential would otherwise ask Entra once per waiting operation.
 */
function singleFlight(credential: TokenCredential): TokenCredential {
  const pending = new Map<string, Promise<AccessToken | null>>();
  return {
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      if (options?.claims !== undefined || options?.tenantId !== undefined || options?.enableCae) {
        return credential.getToken(scopes, options);
      }
      const key = (Array.isArray(scopes) ? scopes : [scopes]).join(" ");
      const inFlight = pending.get(key);
      if (inFlight !== undefined) return inFlight;
      const request = credential.getToken(scopes, options).finally(() => pending.delete(key));
      pending.set(key, request);
      return request;
    },
  };
}
