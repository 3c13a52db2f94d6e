/**
 * Waiting out Graph's replication lag: an object created moments ago (a group, a policy) can be
 * missing from reads, or rejected by another service (Intune's "a valid AADGroupId is expected"),
 * for seconds to minutes. Graph offers no way to ask whether replication is done, so the only
 * remedy is to retry with bounded back-off.
 */
import { isGraphRequestError, isReplicationLag, type GraphRequestError } from "./errors";
import type { ReplicationLagOptions } from "./types";

export const DEFAULT_REPLICATION_LAG_OPTIONS: Readonly<Required<ReplicationLagOptions>> = {
  timeoutMs: 300_000,
  initialDelayMs: 2_000,
  maxDelayMs: 30_000,
};

export interface RetryWhileReplicatingOptions extends ReplicationLagOptions {
  /** Which failures mean "not replicated yet"; default isReplicationLag (404, Intune's AADGroupId 400). */
  isLag?: (error: unknown) => boolean;
  /** What is being waited for, for the error text, e.g. `group 5f0c...`; default "the object". */
  subject?: string;
}

/** Thrown when the object never appeared in time: the last Graph answer's details, plus the wait. */
export interface ReplicationLagTimeoutError extends GraphRequestError {
  readonly lastError: GraphRequestError;
  readonly timeoutMs: number;
}

/** A real Error (see graphRequestError for why there is no class) named ReplicationLagTimeoutError. */
export function replicationLagTimeoutError(
  lastError: GraphRequestError,
  timeoutMs: number,
  subject: string,
): ReplicationLagTimeoutError {
  const message =
    `Graph did not show ${subject} within ${formatSeconds(timeoutMs)} seconds (replication lag). ` +
    `Last answer: ${lastError.message}`;
  // Copies the details (enumerable own properties); message and stack are Error's own, not copied.
  return Object.assign(new Error(message), lastError, {
    name: "ReplicationLagTimeoutError",
    lastError,
    timeoutMs,
  });
}

export function isReplicationLagTimeout(error: unknown): error is ReplicationLagTimeoutError {
  if (!isGraphRequestError(error)) return false;
  const candidate = error as Partial<ReplicationLagTimeoutError>;
  return typeof candidate.timeoutMs === "number" && isGraphRequestError(candidate.lastError);
}

function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function resolve(options: ReplicationLagOptions): Required<ReplicationLagOptions> {
  const resolved = { ...DEFAULT_REPLICATION_LAG_OPTIONS };
  for (const key of ["timeoutMs", "initialDelayMs", "maxDelayMs"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(
        `replicationLag.${key} must be a whole number of milliseconds, found ${JSON.stringify(value)}.`,
      );
    }
    resolved[key] = value;
  }
  return resolved;
}

const MAX_ATTEMPTS = 10_000;

/**
 * Runs `operation` until it succeeds, retrying only while its failure looks like replication lag,
 * for at most `timeoutMs`. Other failures are thrown at once.
 */
export async function retryWhileReplicating<T>(
  operation: () => Promise<T>,
  options: RetryWhileReplicatingOptions = {},
): Promise<T> {
  const { timeoutMs, initialDelayMs, maxDelayMs } = resolve(options);
  const isLag = options.isLag ?? isReplicationLag;
  const started = Date.now();
  let delay = Math.max(1, Math.min(initialDelayMs, maxDelayMs));
  let lastError: unknown;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isLag(error)) throw error;
      lastError = error;
    }
    const remaining = timeoutMs - (Date.now() - started);
    if (remaining <= 0) break;
    await new Promise((resolveSleep) => setTimeout(resolveSleep, Math.min(delay, remaining)));
    delay = Math.min(delay * 2, Math.max(1, maxDelayMs));
  }
  const subject = options.subject ?? "the object";
  if (isGraphRequestError(lastError)) throw replicationLagTimeoutError(lastError, timeoutMs, subject);
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(
    `Graph did not show ${subject} within ${formatSeconds(timeoutMs)} seconds (replication lag). Last answer: ${reason}`,
    { cause: lastError },
  );
}
