/**
 * When to retry a Graph request and how long to wait first. Pure functions; the client applies them.
 *
 * - 429 is always retried: a throttled request was not applied.
 * - 503, 504 and lost connections (status 0) are retried unless the request is a POST not marked
 *   idempotent: such a POST may have been applied, and repeating it could create a duplicate.
 * - The wait is Graph's Retry-After (seconds or an HTTP date) when given, otherwise exponential
 *   back-off with jitter (Conditional Access throttles without Retry-After). Every wait is capped
 *   by maxDelayMs, and the number of retries by maxRetries.
 */
import type { RetryOptions } from "./types";

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY_OPTIONS: Readonly<ResolvedRetryOptions> = {
  maxRetries: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
};

const MAX_RETRIES_LIMIT = 20;

/** Fills in defaults and rejects values that would make retrying unbounded or meaningless. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const resolved = { ...DEFAULT_RETRY_OPTIONS, ...definedOnly(options) };
  const problems: string[] = [];
  const check = (key: keyof RetryOptions, max: number): void => {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 0 || value > max) {
      problems.push(`retry.${key} must be a whole number from 0 to ${max}, found ${JSON.stringify(value)}`);
    }
  };
  check("maxRetries", MAX_RETRIES_LIMIT);
  check("baseDelayMs", 3_600_000);
  check("maxDelayMs", 3_600_000);
  if (problems.length > 0) throw new Error(`Invalid Graph retry options: ${problems.join("; ")}.`);
  return resolved;
}

function definedOnly(options: RetryOptions): RetryOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/**
 * Milliseconds to wait as asked by a Retry-After header, or undefined when the header is absent
 * or unreadable. Accepts delta-seconds (`"3"`) and an HTTP date.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Exponential back-off for retry number `retry` (0-based) with "equal jitter": half fixed, half random. */
export function backoffDelay(retry: number, options: ResolvedRetryOptions, random: () => number): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.min(options.maxDelayMs, Math.round(exponential / 2 + random() * (exponential / 2)));
}

export interface AttemptOutcome {
  /** HTTP status, or 0 when no response arrived (connection refused, reset, timeout). */
  status: number;
  method: string;
  idempotent: boolean;
  /** Value of the Retry-After response header, if any. */
  retryAfter?: string | null;
}

/** Whether a failed request may have been applied by Graph without the caller knowing. */
export function isOutcomeUnknown(outcome: Pick<AttemptOutcome, "status" | "method" | "idempotent">): boolean {
  const unsafe = outcome.method.toUpperCase() === "POST" && !outcome.idempotent;
  return unsafe && (outcome.status === 0 || outcome.status >= 500);
}

export function isRetryableStatus(
  outcome: Pick<AttemptOutcome, "status" | "method" | "idempotent">,
): boolean {
  if (outcome.status === 429) return true;
  if (outcome.status === 0 || outcome.status === 503 || outcome.status === 504) {
    return !isOutcomeUnknown(outcome);
  }
  return false;
}

/**
 * Decides what to do after attempt number `retriesSoFar + 1` failed: the delay before the next
 * attempt, or undefined to give up.
 */
export function nextRetryDelay(
  outcome: AttemptOutcome,
  retriesSoFar: number,
  options: ResolvedRetryOptions,
  clock: { now: () => number; random: () => number } = { now: Date.now, random: Math.random },
): number | undefined {
  if (retriesSoFar >= options.maxRetries || !isRetryableStatus(outcome)) return undefined;
  const asked = parseRetryAfter(outcome.retryAfter, clock.now());
  if (asked !== undefined) return Math.min(asked, options.maxDelayMs);
  return backoffDelay(retriesSoFar, options, clock.random);
}
