/**
 * One pass to issue, as the command line or a CSV row asks for it, and the checks on its values
 * that need no tenant: a user named by UPN or object id, a whole-minute lifetime in Graph's
 * documented range, a start time with a zone that is not in the past.
 */
import { UsageError } from "./usageError";

export interface PassRequest {
  /** Where it came from, for messages and the results table: `--user`, or `row 3` of a CSV. */
  source: string;
  /** A user principal name or object id, as given. */
  user: string;
  /** Left out: the policy's defaultLifetimeInMinutes applies. */
  lifetimeInMinutes?: number;
  /** ISO 8601 in UTC; left out: usable at once. */
  startDateTime?: string;
}

/** Graph's own bounds for lifetimeInMinutes (authentication-post-temporaryaccesspassmethods); the tenant policy narrows them. */
export const GRAPH_MIN_LIFETIME = 10;
export const GRAPH_MAX_LIFETIME = 43200;

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseUser(text: string, where: string): string {
  const user = text.trim();
  if (!OBJECT_ID.test(user) && !UPN.test(user))
    throw new UsageError(
      `${where}: expected a user principal name (name@domain) or an object id (a GUID), found ${JSON.stringify(text)}`,
    );
  return user;
}

export function parseLifetime(text: string, where: string): number {
  const trimmed = text.trim();
  const minutes = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isSafeInteger(minutes) || minutes < GRAPH_MIN_LIFETIME || minutes > GRAPH_MAX_LIFETIME)
    throw new UsageError(
      `${where}: expected whole minutes from ${GRAPH_MIN_LIFETIME} to ${GRAPH_MAX_LIFETIME}, found ${JSON.stringify(text)}`,
    );
  return minutes;
}

/** The start as ISO 8601 UTC; a time without a zone would mean different instants on different machines. */
export function parseStart(text: string, where: string, now: Date): string {
  const trimmed = text.trim();
  const time = ISO_WITH_ZONE.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(time))
    throw new UsageError(
      `${where}: expected an ISO 8601 time with a zone, e.g. 2026-09-01T08:00:00+02:00 or 2026-09-01T06:00:00Z, found ${JSON.stringify(text)}`,
    );
  if (time < now.getTime())
    throw new UsageError(
      `${where}: expected a time not in the past (leave it out to start now), found ${trimmed}, before ${now.toISOString()}`,
    );
  return new Date(time).toISOString();
}
