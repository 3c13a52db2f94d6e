/**
 * The provider's HTTP layer (go-azure-sdk `sdk/client` + `sdk/client/msgraph` + go-retryablehttp,
 * vendored in terraform-provider-azuread @38d1993a), against `${graphEndpoint}/<version>`:
 *
 * - headers on every request: `Accept: application/json; charset=utf-8; IEEE754Compatible=false`,
 *   `Content-Type: application/json; charset=utf-8`, `Odata-Maxversion: 4.0`, `Odata-Version: 4.0`
 *   (sdk/odata/query.go:70-86), a provider User-Agent and the bearer token;
 * - bodies marshalled with sorted keys (goJson.ts);
 * - retries (sdk/client/client.go:446-486, 674-725, 763-846): 424 and 408 always; then the
 *   operation's RetryFunc (e.g. 404 while a new group replicates); then 429 and 5xx except 501;
 *   a connection failure only for GET (`Request.IsIdempotent`; POST/PATCH/DELETE fail with
 *   "HTTP response was nil; connection may have been reset"). Backoff is `Retry-After` seconds
 *   when given, else 1 s, 2 s, 4 s ... capped at 61 s; RetryMax comes from what is left of the
 *   operation's deadline (`safeRetryNumber`). All waits are scaled (OperationContext.sleep);
 * - an unexpected status becomes `unexpected status <code> (<code> <Reason>) with error:
 *   <Code>: <message>` (or `with response: <body>` / `received with no body`) (client.go:540-578,
 *   sdk/odata/errors.go:105-119).
 *
 * Not modelled: Go's transport retrying a GET once on a reused connection, and
 * extendedRetryPolicy refusing to retry `EOF` / `dial tcp` failures (every GET connection failure
 * is retried here).
 */
import { STATUS_CODES } from "node:http";
import type { OperationContext } from "./clock";
import { causeText, ClientCredentials } from "./credentials";
import { goJson } from "./goJson";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";
export type GraphVersion = "beta" | "v1.0";

/** Graph's OData error, as go-azure-sdk's `odata.Error` reads it. */
export interface ODataError {
  code?: string;
  message?: string;
  /** `odata.Error.String()`: code, message and inner errors joined with ": ". */
  text: string;
}

export interface GraphCall {
  method: HttpMethod;
  version: GraphVersion;
  /** Path after the version, e.g. `/groups/<id>`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Statuses the operation accepts (go-azure-sdk `ValidStatusCodes`). */
  expected: readonly number[];
  /** The operation's RetryFunc: retry this response (checked before the default policy). */
  retryFunc?: (status: number, error: ODataError | undefined) => boolean;
}

export interface GraphResult {
  status: number;
  body: unknown;
}

/** A Graph call that failed; `message` is the SDK's error text. `status` is absent without a response. */
export class GraphResponseError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly odata?: ODataError,
  ) {
    super(message);
    this.name = "GraphResponseError";
  }
}

/** `response.WasNotFound(resp.HttpResponse)` for a failed call. */
export function wasNotFound(error: unknown): boolean {
  return error instanceof GraphResponseError && error.status === 404;
}

/** `odata.Error.Match(pattern)`: a regular-expression match on the error text. */
export function odataMatches(error: ODataError | undefined, pattern: string): boolean {
  return error !== undefined && new RegExp(pattern).test(error.text);
}

// Approximates the User-Agent the bridged provider sends (internal/common/client_options.go:108-122,
// sdk/client/client.go:331); the partner id is the Terraform one (internal/provider/provider.go:20).
const USER_AGENT =
  "HashiCorp Terraform/1.0.11 (+https://www.terraform.io) Terraform Plugin SDK/2.38.2 terraform-provider-azuread/v3.8.0 " +
  "HashiCorp/go-azure-sdk (Go-http-Client/1.1 MicrosoftGraph) pid-222c6c49-1b0a-5959-a213-6608f9eb8820";

const RETRY_WAIT_MIN_MS = 1_000;
const RETRY_WAIT_MAX_MS = 61_000;

/** go-azure-sdk's RetryMax for a deadline `ms` away (client.go `safeRetryNumber`). */
export function safeRetryNumber(ms: number): number {
  const seconds = ms / 1000;
  if (seconds <= 63) return Math.max(0, Math.floor(Math.log2(seconds + 1)) - 1);
  return Math.floor((Math.floor(seconds) - 63) / 61) + 6;
}

function parseOData(text: string): ODataError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  return readError(error);
}

function readError(raw: unknown): ODataError | undefined {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  const code = typeof record.code === "string" ? record.code : undefined;
  let message: string | undefined;
  if (typeof record.message === "string") message = record.message;
  else if (record.message && typeof record.message === "object") {
    const value = (record.message as Record<string, unknown>).value;
    if (typeof value === "string") message = value;
  }
  const parts: string[] = [];
  if (code !== undefined) parts.push(code);
  if (message !== undefined) parts.push(message);
  const inner = readError(record.innerError);
  if (inner && inner.text !== "") parts.push(inner.text);
  return { code, message, text: parts.join(": ") };
}

function statusText(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} (${status} ${reason})` : `${status}`;
}

/** Go's `url.Error` operation name: `Get`, `Post`, `Patch`, `Delete`. */
function goMethod(method: HttpMethod): string {
  return method[0] + method.slice(1).toLowerCase();
}

export class GraphClient {
  constructor(
    private readonly graphEndpoint: string,
    private readonly credentials: ClientCredentials,
  ) {}

  /** The base URI the SDK puts in `@odata.bind` / `@odata.id` references: `<endpoint>/<version>`. */
  baseUri(version: GraphVersion): string {
    return `${this.graphEndpoint.replace(/\/$/, "")}/${version}`;
  }

  url(call: Pick<GraphCall, "version" | "path" | "query">): string {
    const query = call.query ? new URLSearchParams(Object.entries(call.query).sort()).toString() : "";
    return `${this.baseUri(call.version)}${call.path}${query ? `?${query}` : ""}`;
  }

  /** One call with the SDK's retries; resolves only with an expected status. */
  request(ctx: OperationContext, call: GraphCall): Promise<GraphResult> {
    return this.send(ctx, call, this.url(call));
  }

  /** A collection read through every `@odata.nextLink` page (`ExecutePaged`). */
  async list(ctx: OperationContext, call: GraphCall): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let url: string | undefined = this.url(call);
    for (let guard = 0; url !== undefined; guard++) {
      if (guard > 1000) throw new Error(`azuread emulation: more than 1000 pages listing ${call.path}`);
      const page = (await this.send(ctx, call, url)).body as { value?: unknown; "@odata.nextLink"?: unknown };
      if (Array.isArray(page.value)) items.push(...(page.value as Record<string, unknown>[]));
      url =
        typeof page["@odata.nextLink"] === "string" && page["@odata.nextLink"] !== ""
          ? page["@odata.nextLink"]
          : undefined;
    }
    return items;
  }

  private async send(ctx: OperationContext, call: GraphCall, url: string): Promise<GraphResult> {
    const retryMax = safeRetryNumber(ctx.remainingMs());
    const payload = call.body === undefined ? undefined : goJson(call.body);
    for (let attempt = 0; ; attempt++) {
      const { token } = await this.credentials.token();
      let response: { status: number; text: string; retryAfter: string | null } | undefined;
      let failure: unknown;
      try {
        const answer = await fetch(url, {
          method: call.method,
          headers: {
            Accept: "application/json; charset=utf-8; IEEE754Compatible=false",
            Authorization: `Bearer ${token}`,
            "Content-Type": "application/json; charset=utf-8",
            "Odata-Maxversion": "4.0",
            "Odata-Version": "4.0",
            "User-Agent": USER_AGENT,
          },
          body: payload,
        });
        response = {
          status: answer.status,
          text: await answer.text(),
          retryAfter: answer.headers.get("retry-after"),
        };
      } catch (error) {
        failure = error;
      }

      const odata = response ? parseOData(response.text) : undefined;
      let retry = false;
      let checkError: string | undefined;
      if (response) {
        const { status } = response;
        if (status === 424 || status === 408) retry = true;
        else if (call.retryFunc?.(status, odata)) retry = true;
        else if (status === 429 || status === 0 || (status >= 500 && status !== 501)) retry = true;
      } else if (call.method === "GET") {
        retry = true;
      } else {
        checkError = "HTTP response was nil; connection may have been reset";
      }

      if (retry && retryMax - attempt > 0) {
        const wait = this.backoff(attempt, response?.retryAfter ?? null);
        if (wait >= ctx.remainingMs()) {
          await ctx.sleep(Math.max(0, ctx.remainingMs()));
          throw new GraphResponseError(`${goMethod(call.method)} "${url}": context deadline exceeded`);
        }
        await ctx.sleep(wait);
        continue;
      }

      if (!response) {
        throw new GraphResponseError(
          `${goMethod(call.method)} "${url}": ${checkError ?? causeText(failure)}`,
        );
      }
      if (call.expected.includes(response.status)) {
        return {
          status: response.status,
          body: response.text === "" ? undefined : (JSON.parse(response.text) as unknown),
        };
      }
      const status = statusText(response.status);
      let text: string;
      if (odata && odata.text !== "") text = `unexpected status ${status} with error: ${odata.text}`;
      else if (response.text === "") text = `unexpected status ${status} received with no body`;
      else text = `unexpected status ${status} with response: ${response.text}`;
      throw new GraphResponseError(text, response.status, odata);
    }
  }

  /** retryablehttp backoff as configured by go-azure-sdk: Retry-After seconds, else 2^n s (1 s .. 61 s). */
  private backoff(attempt: number, retryAfter: string | null): number {
    if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim()) * 1000;
    return Math.min(2 ** attempt * RETRY_WAIT_MIN_MS, RETRY_WAIT_MAX_MS);
  }
}
