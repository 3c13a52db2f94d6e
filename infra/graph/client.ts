/**
 * The Graph client every provider uses: @microsoft/microsoft-graph-client with a shared
 * credential (credentials.ts), bounded retries, paging and GraphRequestError.
 *
 * Dynamic providers are serialized by Pulumi and run in a fresh process, so the SDK modules are
 * `require`d inside createGraphClient and nothing stateful is captured at module level. The
 * connection (and any secret) is read when the client is created, never stored in state. A client
 * is cheap and made per operation; the credential behind it (and so its cached token) is shared
 * per connection by the whole process (credentialCache.ts).
 *
 * The SDK's own retry and redirect middleware are left out: retries are decided here (see
 * retryPolicy.ts) with the full response at hand, and fetch follows redirects itself.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { resolveConnection, type CredentialPlan, type GraphConnection } from "./connection";
import { sharedCredential } from "./credentialCache";
import {
  graphRequestError,
  parseGraphErrorBody,
  TOKEN_REQUEST_FAILED,
  type GraphRequestError,
} from "./errors";
import { alsoAcceptedPermissions, requiredPermission } from "./permissions";
import { credentialSecrets, redactSecrets } from "./redact";
import {
  isOutcomeUnknown,
  nextRetryDelay,
  resolveRetryOptions,
  type ResolvedRetryOptions,
} from "./retryPolicy";
import { isTokenEndpointError } from "./tokenEndpoint";
import type { GraphClient, GraphClientOptions, GraphRequestOptions } from "./types";
import { USER_AGENT } from "./version";

type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Most pages list() will follow before giving up, so a looping nextLink cannot run forever. */
export const MAX_PAGES = 1000;

/** A failure before any response: the token could not be had, or the connection failed. */
interface TransportFailure {
  kind: "token" | "network";
  code: string;
  message: string;
}

// A string key, not a Symbol: Pulumi's closure serializer cannot recreate Symbols, and this module
// runs inside serialized dynamic providers.
const TRANSPORT_FAILURE = "passwordlessOnboardingTransportFailure";

export function createGraphClient(options: GraphClientOptions = {}): GraphClient {
  const sdk =
    require("@microsoft/microsoft-graph-client") as typeof import("@microsoft/microsoft-graph-client");
  const { TokenCredentialAuthenticationProvider } =
    require("@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials") as typeof import("@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials");

  const connection = resolveConnection({ env: options.env, config: options.config });
  const retry = resolveRetryOptions(options.retry);
  const secrets = credentialSecrets(connection.credential);
  const redact = (text: string): string => redactSecrets(text, secrets);

  const transportError = (failure: TransportFailure): Error =>
    Object.assign(new sdk.GraphClientError(failure.message), { [TRANSPORT_FAILURE]: failure });

  const credential = sharedCredential(connection);
  const guardedCredential: TokenCredential = {
    async getToken(scopes, getTokenOptions) {
      try {
        return await getTokenRetrying(credential, scopes, getTokenOptions, retry);
      } catch (error) {
        throw transportError({
          kind: "token",
          code: TOKEN_REQUEST_FAILED,
          message: redact(
            `could not get a token for ${connection.scope} from ${connection.authorityHost}` +
              `${tenantOf(connection.credential)} (${describeCredential(connection.credential)}): ${errorText(error)}`,
          ),
        });
      }
    },
  };

  // Replaces the SDK's HTTPMessageHandler so a lost connection keeps its cause (ECONNRESET, ...).
  const fetchHandler: Middleware = {
    async execute(context: Context): Promise<void> {
      // The SDK always passes the URL as a string (GraphRequest.send).
      const target: unknown = context.request;
      try {
        context.response = await fetch(String(target), context.options);
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        const code = (cause as { code?: unknown } | undefined)?.code;
        throw transportError({
          kind: "network",
          code: typeof code === "string" ? code : "NetworkError",
          message: redact(errorText(cause ?? error)),
        });
      }
    },
  };

  const authProvider = new TokenCredentialAuthenticationProvider(guardedCredential, {
    scopes: [connection.scope],
  });
  const client = sdk.Client.initWithMiddleware({
    middleware: [new sdk.AuthenticationHandler(authProvider), new sdk.TelemetryHandler(), fetchHandler],
    customHosts: new Set([connection.graphHost]),
  });

  const send = async (method: HttpMethod, absoluteUrl: string, body: unknown, idempotent: boolean) => {
    const sentAs = pathAndQuery(absoluteUrl);
    // The first attempt of a write that may have been applied without a clear answer: a later
    // attempt's clear failure (a 429, say) does not undo it, so the error keeps it.
    let unclearAttempt: string | undefined;
    const noteRetried = (attempt: number, answer: string, unclear: boolean): void => {
      if (unclear && method !== "GET" && unclearAttempt === undefined) {
        unclearAttempt = `attempt ${attempt}: ${answer}`;
      }
    };
    const uncertainty = (lastUnclear: boolean) => ({
      mayHaveBeenApplied: unclearAttempt !== undefined || (lastUnclear && method !== "GET"),
      unclearAttempt,
    });
    for (let retriesSoFar = 0; ; retriesSoFar++) {
      const request = client
        .api(absoluteUrl)
        .responseType(sdk.ResponseType.RAW)
        .header("User-Agent", USER_AGENT)
        .header("SdkVersion", USER_AGENT);
      let response: Response;
      try {
        response = (await invoke(request, method, body)) as Response;
      } catch (error) {
        const failure = (error as { [TRANSPORT_FAILURE]?: TransportFailure })[TRANSPORT_FAILURE];
        if (failure === undefined) throw error;
        const outcome = { status: 0, method, idempotent };
        const delay = failure.kind === "network" ? nextRetryDelay(outcome, retriesSoFar, retry) : undefined;
        if (delay === undefined) {
          throw graphRequestError({
            method,
            url: sentAs,
            status: 0,
            code: failure.code,
            graphMessage: failure.message,
            outcomeUnknown: failure.kind === "network" && isOutcomeUnknown(outcome),
            attempts: retriesSoFar + 1,
            ...uncertainty(failure.kind === "network"),
          });
        }
        noteRetried(retriesSoFar + 1, `no response (${failure.code})`, failure.kind === "network");
        await sleep(delay);
        continue;
      }
      const text = await response.text();
      if (response.ok) return parseBody(text);

      const retryAfter = response.headers.get("retry-after");
      const delay = nextRetryDelay(
        { status: response.status, method, idempotent, retryAfter },
        retriesSoFar,
        retry,
      );
      if (delay === undefined) {
        throw toGraphRequestError(method, sentAs, response, text, {
          idempotent,
          attempts: retriesSoFar + 1,
          redact,
          ...uncertainty(response.status >= 500),
        });
      }
      noteRetried(
        retriesSoFar + 1,
        `${response.status} ${response.statusText}`.trim(),
        response.status >= 500,
      );
      await sleep(delay);
    }
  };

  const urlFor = (path: string, requestOptions: GraphRequestOptions = {}): string =>
    buildUrl(connection, path, requestOptions);
  const isIdempotent = (method: HttpMethod, requestOptions?: GraphRequestOptions): boolean =>
    method !== "POST" || requestOptions?.idempotent === true;
  /** GETs `firstUrl` and every @odata.nextLink after it; returns all items of `value`. */
  const follow = async (firstUrl: string): Promise<unknown[]> => {
    const items: unknown[] = [];
    let url: string | undefined = firstUrl;
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_PAGES) {
        throw new Error(`GET ${pathAndQuery(firstUrl)} returned more than ${MAX_PAGES} pages.`);
      }
      const body = await send("GET", url, undefined, true);
      const { value, nextLink } = readPage(body, url);
      items.push(...value);
      url = nextLink === undefined ? undefined : checkNextLink(connection, nextLink, url);
    }
    return items;
  };

  return {
    async get<T>(path: string, requestOptions?: GraphRequestOptions): Promise<T> {
      return (await send("GET", urlFor(path, requestOptions), undefined, true)) as T;
    },
    async list<T>(path: string, requestOptions?: GraphRequestOptions): Promise<T[]> {
      return (await follow(urlFor(path, requestOptions))) as T[];
    },
    async listFrom<T>(nextLink: string): Promise<T[]> {
      return (await follow(checkNextLink(connection, nextLink))) as T[];
    },
    async post<T>(path: string, body: unknown, requestOptions?: GraphRequestOptions): Promise<T | undefined> {
      const method = "POST";
      return (await send(
        method,
        urlFor(path, requestOptions),
        body,
        isIdempotent(method, requestOptions),
      )) as T | undefined;
    },
    async patch(path: string, body: unknown, requestOptions?: GraphRequestOptions): Promise<void> {
      await send("PATCH", urlFor(path, requestOptions), body, true);
    },
    async put(path: string, body: unknown, requestOptions?: GraphRequestOptions): Promise<void> {
      await send("PUT", urlFor(path, requestOptions), body, true);
    },
    async delete(path: string, requestOptions?: GraphRequestOptions): Promise<void> {
      await send("DELETE", urlFor(path, requestOptions), undefined, true);
    },
  };
}

interface SdkRequest {
  get(): Promise<unknown>;
  post(body: unknown): Promise<unknown>;
  patch(body: unknown): Promise<unknown>;
  put(body: unknown): Promise<unknown>;
  delete(): Promise<unknown>;
}

function invoke(request: SdkRequest, method: HttpMethod, body: unknown): Promise<unknown> {
  switch (method) {
    case "GET":
      return request.get();
    case "POST":
      return request.post(body ?? {});
    case "PATCH":
      return request.patch(body);
    case "PUT":
      return request.put(body);
    case "DELETE":
      return request.delete();
  }
}

/** `<graphEndpoint>/<version><path>?<query>`, with query values percent-encoded. */
export function buildUrl(
  connection: Pick<GraphConnection, "graphEndpoint">,
  path: string,
  options: GraphRequestOptions = {},
): string {
  if (!path.startsWith("/")) {
    throw new Error(`A Graph path must start with "/" (e.g. "/groups"), found ${JSON.stringify(path)}.`);
  }
  const version = options.version ?? "v1.0";
  const query = Object.entries(options.query ?? {})
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join("&");
  const separator = path.includes("?") ? "&" : "?";
  return `${connection.graphEndpoint}/${version}${path}${query === "" ? "" : separator + query}`;
}

/**
 * Only follow a nextLink on the same Graph endpoint: the token must not travel elsewhere.
 * `from` is the URL whose answer held the link, when known (for the error message).
 */
function checkNextLink(connection: GraphConnection, nextLink: string, from?: string): string {
  const source =
    from === undefined ? "A nextLink" : `GET ${pathAndQuery(from)} returned an @odata.nextLink that`;
  let target: URL;
  try {
    target = new URL(nextLink);
  } catch {
    throw new Error(`${source} is not a URL: ${nextLink}`);
  }
  if (target.origin !== new URL(connection.graphEndpoint).origin) {
    throw new Error(
      `${source} is on ${target.origin}, not on the Graph endpoint ${connection.graphEndpoint}; not following it.`,
    );
  }
  return target.href;
}

function readPage(body: unknown, url: string): { value: unknown[]; nextLink?: string } {
  const page = body as { value?: unknown; "@odata.nextLink"?: unknown } | undefined;
  if (page === undefined || !Array.isArray(page.value)) {
    throw new Error(`GET ${pathAndQuery(url)} did not return a collection (no "value" array).`);
  }
  const nextLink = page["@odata.nextLink"];
  return {
    value: page.value,
    nextLink: typeof nextLink === "string" && nextLink !== "" ? nextLink : undefined,
  };
}

function toGraphRequestError(
  method: HttpMethod,
  url: string,
  response: Response,
  text: string,
  how: {
    idempotent: boolean;
    attempts: number;
    redact: (text: string) => string;
    mayHaveBeenApplied: boolean;
    unclearAttempt?: string;
  },
): GraphRequestError {
  const { idempotent, attempts, redact, mayHaveBeenApplied, unclearAttempt } = how;
  const parsed = parseGraphErrorBody(text);
  const status = response.status;
  const fallbackMessage =
    text.trim() === "" ? response.statusText || "no error body" : text.trim().slice(0, 500);
  return graphRequestError({
    method,
    url,
    status,
    code: parsed.code ?? (response.statusText || "UnknownError"),
    graphMessage: redact(parsed.message ?? fallbackMessage),
    requestId: parsed.requestId ?? response.headers.get("request-id") ?? undefined,
    date: parsed.date ?? response.headers.get("date") ?? undefined,
    requiredPermission: status === 403 ? requiredPermission(method, url) : undefined,
    alsoAcceptedPermissions: status === 403 ? alsoAcceptedPermissions(method, url) : undefined,
    outcomeUnknown: isOutcomeUnknown({ status, method, idempotent }),
    attempts,
    mayHaveBeenApplied,
    unclearAttempt,
  });
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function pathAndQuery(absoluteUrl: string): string {
  const url = new URL(absoluteUrl);
  return `${url.pathname}${url.search}`;
}

/** " for tenant <id>" when the plan names the tenant (a wrong tenant id is a common sign-in failure). */
function tenantOf(plan: CredentialPlan): string {
  return "tenantId" in plan && plan.tenantId !== undefined ? ` for tenant ${plan.tenantId}` : "";
}

function describeCredential(plan: CredentialPlan): string {
  switch (plan.kind) {
    case "clientSecret":
      return `client secret from ${plan.clientSecret.name}`;
    case "oidcToken":
      return `client assertion from ${plan.oidcToken.name}`;
    case "oidcTokenFile":
      return "client assertion from ARM_OIDC_TOKEN_FILE_PATH";
    case "githubActionsOidc":
      return "client assertion from a GitHub Actions id token";
    case "workloadIdentity":
      return "WorkloadIdentityCredential";
    case "managedIdentity":
      return "ManagedIdentityCredential";
    case "azureCli":
      return "AzureCliCredential";
    case "defaultChain":
      return "DefaultAzureCredential";
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * A token request is retried as an idempotent Graph request would be (retryPolicy.ts: no answer,
 * 429, 503, 504), since asking for a token twice changes nothing; refusals (a wrong secret, an
 * unknown tenant) are not. @azure/identity's credentials retry inside their own pipeline and never
 * throw TokenEndpointError.
 */
async function getTokenRetrying(
  credential: TokenCredential,
  scopes: string | string[],
  options: GetTokenOptions | undefined,
  retry: ResolvedRetryOptions,
): Promise<AccessToken | null> {
  for (let retriesSoFar = 0; ; retriesSoFar++) {
    try {
      return await credential.getToken(scopes, options);
    } catch (error) {
      const delay = isTokenEndpointError(error)
        ? nextRetryDelay(
            { status: error.status, method: "POST", idempotent: true, retryAfter: error.retryAfter },
            retriesSoFar,
            retry,
          )
        : undefined;
      if (delay === undefined) throw error;
      await sleep(delay);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
