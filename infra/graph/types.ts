/**
 * The contract between the Graph access layer and everything that calls Graph.
 * Providers depend only on these types; `infra/graph/client.ts` implements them.
 */

export type GraphVersion = "v1.0" | "beta";

export interface GraphRequestOptions {
  /** Graph API version for this request; default `v1.0`. */
  version?: GraphVersion;
  /** Query parameters, e.g. `{ $filter: "name eq 'x'", $expand: "settings" }`. */
  query?: Record<string, string>;
  /**
   * A POST is not retried on 503/504 or a lost connection, because it may have been applied:
   * the caller reconciles (for example by looking the object up by name). Set this for POSTs
   * that are safe to repeat, such as Intune's replace-all `assign` action.
   */
  idempotent?: boolean;
}

/** Bounded retry of throttling (429) and transient (503/504) answers. */
export interface RetryOptions {
  /** How many times a request is retried after the first attempt. Default 5. */
  maxRetries?: number;
  /** First back-off when Graph gives no Retry-After (doubles each time, with jitter). Default 1000 ms. */
  baseDelayMs?: number;
  /** Upper bound for any single wait, including one asked for by Retry-After. Default 60000 ms. */
  maxDelayMs?: number;
}

/** Bounded waiting for Graph's replication lag (a just-created object not yet visible). */
export interface ReplicationLagOptions {
  /** Give up after this long. */
  timeoutMs?: number;
  /** First wait between attempts (doubles up to maxDelayMs). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface GraphClientOptions {
  /** Environment to read the connection from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** The `azuread:` stack config (keys without the namespace, e.g. `clientId`), from a provider's configure hook. */
  config?: Record<string, string | undefined>;
  retry?: RetryOptions;
}

export interface GraphClient {
  get<T = unknown>(path: string, options?: GraphRequestOptions): Promise<T>;
  /** GET a collection and follow every `@odata.nextLink`; returns all items of `value`. */
  list<T = unknown>(path: string, options?: GraphRequestOptions): Promise<T[]>;
  /**
   * Continue a collection from a nextLink Graph gave (e.g. `settings@odata.nextLink` of an
   * `$expand`): GET it and every later page; returns their items. Refuses a link off the Graph endpoint.
   */
  listFrom<T = unknown>(nextLink: string): Promise<T[]>;
  /** Returns the parsed body, or undefined for 204. */
  post<T = unknown>(path: string, body: unknown, options?: GraphRequestOptions): Promise<T | undefined>;
  patch(path: string, body: unknown, options?: GraphRequestOptions): Promise<void>;
  put(path: string, body: unknown, options?: GraphRequestOptions): Promise<void>;
  delete(path: string, options?: GraphRequestOptions): Promise<void>;
}
