/**
 * Splits a stretch of wall time into time with an HTTP request in flight and time without one,
 * from Node's diagnostics channels: undici's (fetch: the Graph client) and node:http's (the sign-in
 * requests @azure/identity sends through https). A request is in flight from its creation to its
 * response headers. With the Graph sandbox in the same process, its handling (and the injected
 * delay, and TLS handshakes) falls inside requests; what falls between them is the client's own
 * work: provider logic, the Graph client, MSAL, JSON.
 */
import * as diagnostics from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";

export interface InFlightFigures {
  /** Requests seen. */
  requests: number;
  /** Time with at least one request in flight. */
  inFlightMs: number;
  /** The rest of the stretch: the client's own work between requests. */
  betweenMs: number;
}

const CHANNELS = {
  undiciStart: "undici:request:create",
  undiciEnd: "undici:request:headers",
  httpStart: "http.client.request.start",
  httpEnd: "http.client.response.finish",
} as const;

export class InFlightTimer {
  private readonly open = new Set<object>();
  private requests = 0;
  private inFlightMs = 0;
  private since = 0;
  private startedAt = 0;
  private readonly handlers: [string, (message: unknown) => void][];

  constructor() {
    const start = (key: object): void => {
      if (this.open.size === 0) this.since = performance.now();
      this.open.add(key);
      this.requests++;
    };
    const end = (key: object): void => {
      if (!this.open.delete(key)) return;
      if (this.open.size === 0) this.inFlightMs += performance.now() - this.since;
    };
    this.handlers = [
      [CHANNELS.undiciStart, (m) => start((m as { request: object }).request)],
      [CHANNELS.undiciEnd, (m) => end((m as { request: object }).request)],
      [CHANNELS.httpStart, (m) => start((m as { request: object }).request)],
      [CHANNELS.httpEnd, (m) => end((m as { request: object }).request)],
    ];
  }

  start(): void {
    for (const [name, handler] of this.handlers) diagnostics.subscribe(name, handler);
    this.startedAt = performance.now();
  }

  /** The figures so far, for a stretch that ends between requests (an operation's end). */
  snapshot(): InFlightFigures {
    const wallMs = performance.now() - this.startedAt;
    return { requests: this.requests, inFlightMs: this.inFlightMs, betweenMs: wallMs - this.inFlightMs };
  }

  stop(): InFlightFigures {
    const wallMs = performance.now() - this.startedAt;
    for (const [name, handler] of this.handlers) diagnostics.unsubscribe(name, handler);
    return { requests: this.requests, inFlightMs: this.inFlightMs, betweenMs: wallMs - this.inFlightMs };
  }
}
