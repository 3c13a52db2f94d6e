/**
 * The small part of OData query syntax the sandbox understands: `$filter` made of
 * `<property> eq '<string>'` (quotes doubled inside the string), `true`/`false`/`null` literals
 * and `and`; `$select`; `$top`; opaque `$skiptoken` paging with absolute nextLinks.
 */
import { odataBadRequest, SandboxGraphError } from "./graphErrors";

export interface EqualityClause {
  /** Property path, `/`-separated (e.g. `templateReference/templateFamily`). */
  property: string;
  value: string | boolean | null;
}

const CLAUSE = /^\s*([A-Za-z_@][\w@.]*(?:\/[A-Za-z_][\w]*)*)\s+eq\s+('(?:[^']|'')*'|true|false|null)\s*/;

/** Parses `$filter`; throws a 400 naming the unsupported part. */
export function parseEqualityFilter(
  filter: string,
  unsupported: (message: string) => SandboxGraphError = odataBadRequest,
): EqualityClause[] {
  const clauses: EqualityClause[] = [];
  let rest = filter;
  for (let guard = 0; guard < 50; guard++) {
    const match = CLAUSE.exec(rest);
    if (!match) {
      throw unsupported(
        `Invalid filter clause: the sandbox supports only "<property> eq '<value>'" joined by "and"; could not read "${rest.trim()}" in $filter=${filter}`,
      );
    }
    const literal = match[2];
    const value =
      literal === "true"
        ? true
        : literal === "false"
          ? false
          : literal === "null"
            ? null
            : literal.slice(1, -1).replace(/''/g, "'");
    clauses.push({ property: match[1], value });
    rest = rest.slice(match[0].length);
    if (rest.trim() === "") return clauses;
    const and = /^and\s+/i.exec(rest);
    if (!and)
      throw unsupported(`Invalid filter clause: expected "and" before "${rest.trim()}" in $filter=${filter}`);
    rest = rest.slice(and[0].length);
  }
  throw unsupported(`Invalid filter clause: too many clauses in $filter=${filter}`);
}

function propertyValue(item: Record<string, unknown>, path: string): unknown {
  let current: unknown = item;
  for (const name of path.split("/")) {
    if (typeof current !== "object" || current === null) return undefined;
    const record = current as Record<string, unknown>;
    const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    current = key === undefined ? undefined : record[key];
  }
  return current;
}

export function applyFilter<T extends Record<string, unknown>>(
  items: T[],
  filter: string | undefined,
  unsupported?: (message: string) => SandboxGraphError,
): T[] {
  if (filter === undefined) return items;
  const clauses = parseEqualityFilter(filter, unsupported);
  return items.filter((item) =>
    clauses.every(({ property, value }) => {
      const actual = propertyValue(item, property);
      return value === null ? actual === null || actual === undefined : actual === value;
    }),
  );
}

/** Keeps only the `$select`ed properties (plus `id` and OData annotations). */
export function applySelect(
  item: Record<string, unknown>,
  select: string | undefined,
): Record<string, unknown> {
  if (select === undefined || select.trim() === "") return item;
  const wanted = new Set(select.split(",").map((name) => name.trim().toLowerCase()));
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === "id" || key.startsWith("@odata.") || wanted.has(key.toLowerCase())) result[key] = value;
  }
  return result;
}

export function parseTop(top: string | undefined): number | undefined {
  if (top === undefined) return undefined;
  const value = Number(top);
  if (!Number.isInteger(value) || value < 0)
    throw odataBadRequest(
      `Invalid value '${top}' for $top query option found. The $top query option requires a non-negative integer value.`,
    );
  return value;
}

interface SkipToken {
  offset: number;
}

function decodeSkipToken(token: string): SkipToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      Number.isInteger((parsed as SkipToken).offset) &&
      (parsed as SkipToken).offset >= 0
    ) {
      return parsed as SkipToken;
    }
  } catch {
    // fall through to the error below
  }
  throw odataBadRequest(`The $skiptoken '${token}' is not valid.`);
}

export interface Page<T> {
  value: T[];
  /** Absolute URL of the next page, when there is one. */
  nextLink?: string;
}

/**
 * One page of `items` starting at the request's `$skiptoken`, `pageSize` long, with a nextLink
 * that repeats the request's other query options.
 */
export function page<T>(
  items: T[],
  pageSize: number,
  request: { origin: string; version: string; path: string; query: Record<string, string> },
): Page<T> {
  const offset =
    request.query.$skiptoken === undefined ? 0 : decodeSkipToken(request.query.$skiptoken).offset;
  const value = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  if (next >= items.length) return { value };
  // Graph writes `$` literally and spaces as %20 in its nextLinks.
  const options = Object.entries(request.query)
    .filter(([key]) => key !== "$skiptoken")
    .map(([key, val]) => `${encodeQueryPart(key)}=${encodeQueryPart(val)}`);
  options.push(`$skiptoken=${Buffer.from(JSON.stringify({ offset: next })).toString("base64url")}`);
  return { value, nextLink: `${request.origin}/${request.version}${request.path}?${options.join("&")}` };
}

function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%24/g, "$").replace(/%27/g, "'");
}
