/**
 * Injected faults. Each request is checked against the faults in the order they were added;
 * the first match fires, counts down its `times`, and is removed when spent.
 */

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface FaultSpec {
  method?: HttpMethod;
  /** Matched against the request path without its query: a string must be equal, a RegExp must match. */
  path?: string | RegExp;
  /** How many matching requests the fault affects; default 1. */
  times?: number;
  /** Let this many matching requests through untouched before the fault starts to fire; default 0. */
  skip?: number;
  /** Answer with this status (Graph-shaped error body unless `body` is given); the request is not applied. */
  status?: number;
  /** Retry-After header value sent with `status`. */
  retryAfter?: string;
  /** Body sent with `status` instead of the default Graph error body (a string is sent as is). */
  body?: unknown;
  /** Destroy the connection: "before" the request is applied, or "after" applying it. */
  reset?: "before" | "after";
  /**
   * Wait this long before handling the request (then answer normally unless `status` or `reset`
   * is also given): the request is applied only after the wait, even if the client gave up.
   */
  delayMs?: number;
  /**
   * Round-trip latency: the request is handled as soon as it arrives and its answer (or reset)
   * leaves this long after its arrival, so the sandbox's own handling falls inside the wait, as
   * Graph's own time is part of a real round trip. What `npm run bench` injects.
   */
  latencyMs?: number;
}

interface ArmedFault {
  spec: FaultSpec;
  remaining: number;
  /** Matching requests still to let through before firing. */
  toSkip: number;
}

const METHODS: readonly string[] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

function describe(spec: FaultSpec): string {
  return JSON.stringify({ ...spec, path: spec.path instanceof RegExp ? String(spec.path) : spec.path });
}

/** Rejects a fault that could never fire or that mixes exclusive effects. */
export function validateFault(spec: FaultSpec): void {
  const problems: string[] = [];
  if (spec.method !== undefined && !METHODS.includes(spec.method)) {
    problems.push(`method must be one of ${METHODS.join(", ")}, got ${JSON.stringify(spec.method)}`);
  }
  if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
    problems.push(`times must be a positive integer, got ${JSON.stringify(spec.times)}`);
  }
  if (spec.skip !== undefined && (!Number.isInteger(spec.skip) || spec.skip < 0)) {
    problems.push(`skip must be a non-negative integer, got ${JSON.stringify(spec.skip)}`);
  }
  if (
    spec.status !== undefined &&
    (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)
  ) {
    problems.push(`status must be an HTTP status code (100-599), got ${JSON.stringify(spec.status)}`);
  }
  for (const key of ["delayMs", "latencyMs"] as const) {
    const value = spec[key];
    if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
      problems.push(`${key} must be a non-negative number, got ${JSON.stringify(value)}`);
    }
  }
  if (spec.reset !== undefined && spec.reset !== "before" && spec.reset !== "after") {
    problems.push(`reset must be "before" or "after", got ${JSON.stringify(spec.reset)}`);
  }
  if (spec.reset !== undefined && spec.status !== undefined) {
    problems.push("reset and status cannot be combined (a reset connection has no status)");
  }
  if (
    spec.status === undefined &&
    spec.reset === undefined &&
    spec.delayMs === undefined &&
    spec.latencyMs === undefined
  ) {
    problems.push("give at least one of status, reset, delayMs or latencyMs");
  }
  if ((spec.retryAfter !== undefined || spec.body !== undefined) && spec.status === undefined) {
    problems.push("retryAfter and body need a status");
  }
  if (problems.length > 0) throw new Error(`sandbox.fault(${describe(spec)}): ${problems.join("; ")}`);
}

export class FaultList {
  private faults: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    validateFault(spec);
    this.faults.push({ spec: { ...spec }, remaining: spec.times ?? 1, toSkip: spec.skip ?? 0 });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault matching the request, counted down (and removed when spent); undefined if none. */
  take(method: string, path: string): FaultSpec | undefined {
    // A fault still skipping counts this request and lets later faults in the list look at it.
    let index = -1;
    for (const [position, armed] of this.faults.entries()) {
      if (!matches(armed.spec, method, path)) continue;
      if (armed.toSkip > 0) {
        armed.toSkip -= 1;
        continue;
      }
      index = position;
      break;
    }
    if (index < 0) return undefined;
    const armed = this.faults[index];
    armed.remaining -= 1;
    if (armed.remaining === 0) this.faults.splice(index, 1);
    return armed.spec;
  }

  /** Faults not yet spent (for assertions that every injected fault fired). */
  pending(): FaultSpec[] {
    return this.faults.map(({ spec, remaining, toSkip }) => {
      const { skip: _skip, ...rest } = spec;
      return { ...rest, times: remaining, ...(toSkip > 0 ? { skip: toSkip } : {}) };
    });
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== undefined && spec.method !== method) return false;
  if (spec.path === undefined) return true;
  if (spec.path instanceof RegExp) {
    spec.path.lastIndex = 0;
    return spec.path.test(path);
  }
  return spec.path === path;
}
