/** Fetches a GitHub Actions OIDC id token for Entra workload identity federation. */
import { processMap, sha256 } from "./processCache";

/** The audience Entra ID expects in a federated credential's token. */
export const ENTRA_FEDERATION_AUDIENCE = "api://AzureADTokenExchange";

export const ID_TOKEN_CACHE_KEY = "__passwordlessOnboardingGitHubIdTokens";

/** A cached id token is replaced when less than this is left before its `exp`. */
export const ID_TOKEN_REFRESH_MARGIN_MS = 60_000;

interface CachedIdToken {
  token?: string;
  expiresAtMs?: number;
  /** A fetch under way: concurrent callers share it. */
  pending?: Promise<string>;
}

/**
 * The id token for a client assertion: a cached one while more than a minute is left before it
 * expires, else a fresh one from GitHub. The cache (on globalThis, shared by every provider in the
 * process) lets every Entra token request of its lifetime use one fetch. Keyed by request URL and
 * a hash of the request token.
 */
export function githubActionsIdToken(requestUrl: string, requestToken: string): Promise<string> {
  const cache = processMap<CachedIdToken>(ID_TOKEN_CACHE_KEY);
  const key = `${requestUrl} ${sha256(requestToken)}`;
  const now = Date.now();
  const entry = cache.get(key);
  if (entry?.token !== undefined && (entry.expiresAtMs ?? 0) - now > ID_TOKEN_REFRESH_MARGIN_MS) {
    return Promise.resolve(entry.token);
  }
  if (entry?.pending !== undefined) return entry.pending;
  for (const [other, cached] of cache) {
    if (cached.pending === undefined && (cached.expiresAtMs ?? 0) <= now) cache.delete(other);
  }
  const pending = fetchGitHubActionsIdToken(requestUrl, requestToken).then(
    (token) => {
      const expiresAtMs = jwtExpiry(token);
      // Without a readable `exp` there is no telling how long it lasts: fetch again next time.
      if (expiresAtMs === undefined) cache.delete(key);
      else cache.set(key, { token, expiresAtMs });
      return token;
    },
    (error: unknown) => {
      cache.delete(key);
      throw error;
    },
  );
  cache.set(key, { pending });
  return pending;
}

/** The `exp` claim of a JWT in ms since the epoch, read without verifying the token; undefined if unreadable. */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as unknown;
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Asks the GitHub Actions token service for an id token.
 * The request token is sent as a bearer header and never appears in an error.
 */
export async function fetchGitHubActionsIdToken(requestUrl: string, requestToken: string): Promise<string> {
  const url = new URL(requestUrl);
  url.searchParams.set("audience", ENTRA_FEDERATION_AUDIENCE);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `bearer ${requestToken}`, Accept: "application/json" },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not reach the GitHub Actions OIDC token service at ${url.host}: ${reason}`, {
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `The GitHub Actions OIDC token service answered ${response.status} ${response.statusText}; ` +
        "check that the job has `permissions: id-token: write`.",
    );
  }
  let value: unknown;
  try {
    value = (JSON.parse(text) as { value?: unknown }).value;
  } catch {
    value = undefined;
  }
  if (typeof value !== "string" || value === "") {
    throw new Error("The GitHub Actions OIDC token service answered without a token in `value`.");
  }
  return value;
}
