/** The sandbox's record of every request it received, login requests included. */
import type { BearerClaims } from "./bearerClaims";

export type RequestKind = "graph" | "login";

export interface RequestLogEntry {
  kind: RequestKind;
  method: string;
  /** Path without the query string, e.g. `/v1.0/groups/abc`. */
  path: string;
  /** Query parameters, decoded (`{ $filter: "displayName eq 'x'" }`). */
  query: Record<string, string>;
  /** Status answered; 0 when the connection was reset before an answer was written. */
  status: number;
  /** The request body parsed as JSON, or undefined (no body, or not JSON). */
  body: unknown;
  /** Login requests: the form fields, with client_secret and client_assertion replaced by "<redacted>". */
  form?: Record<string, string>;
  /** Request headers (lower-case names); the bearer token is replaced by "<redacted>". */
  headers: Record<string, string>;
  requestId: string;
  clientRequestId: string;
  /**
   * Graph requests with a decodable bearer token: its `tid`, `oid` and `appid` claims, read before
   * the token is verified (so also on a 401), e.g. to see whose token reached which tenant.
   */
  caller?: BearerClaims;
  /** Set when an injected fault shaped the answer. */
  fault?: "status" | "reset-before" | "reset-after" | "delay" | "latency";
}

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /** Deep copies, oldest first. */
  all(): RequestLogEntry[] {
    return structuredClone(this.entries);
  }

  size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
