/**
 * Graph routes: a method, a path template after the version (`/groups/{id}`), the versions it
 * exists in, the application permissions it needs and a handler. Path segments compare
 * case-insensitively, as Graph's do, and OData key syntax (`configurationPolicies('id')`) is
 * read as a segment (`configurationPolicies/id`).
 */
import type { HttpMethod } from "./faults";

export type GraphVersion = "v1.0" | "beta";
export const GRAPH_VERSIONS: readonly GraphVersion[] = ["v1.0", "beta"];

export interface GraphRequest {
  method: HttpMethod;
  version: GraphVersion;
  /** Path after the version, as sent (e.g. `/groups/abc`). */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  /** `https://127.0.0.1:<port>`: for @odata.context and @odata.nextLink. */
  origin: string;
}

export interface GraphReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: HttpMethod;
  template: string;
  versions: readonly GraphVersion[];
  /** Alternatives: the caller needs every permission of at least one set. */
  permissions: readonly (readonly string[])[];
  handle(request: GraphRequest): GraphReply;
}

export type RouteMatch =
  | { kind: "route"; route: Route; params: Record<string, string> }
  /** The path exists, but only in another version (e.g. settings catalog under v1.0). */
  | { kind: "wrongVersion"; segment: string }
  | { kind: "none" };

/** Splits a path into segments, turning `name('key')` / `name(key)` into `name`, `key`. */
export function pathSegments(path: string): string[] {
  const segments: string[] = [];
  for (const raw of path.split("/")) {
    if (raw === "") continue;
    const decoded = safeDecode(raw);
    const keyed = /^([^(]+)\('?([^')]*)'?\)$/.exec(decoded);
    if (keyed) segments.push(keyed[1], keyed[2]);
    else segments.push(decoded);
  }
  return segments;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | undefined {
  const parts = pathSegments(template);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith("{") && part.endsWith("}")) params[part.slice(1, -1)] = segments[i];
    else if (part.toLowerCase() !== segments[i].toLowerCase()) return undefined;
  }
  return params;
}

export function matchRoute(
  routes: readonly Route[],
  method: string,
  version: GraphVersion,
  path: string,
): RouteMatch {
  const segments = pathSegments(path);
  let otherVersion: Route | undefined;
  for (const route of routes) {
    const params = matchTemplate(route.template, segments);
    if (!params) continue;
    if (route.method !== method) continue;
    if (route.versions.includes(version)) return { kind: "route", route, params };
    otherVersion = route;
  }
  if (otherVersion) {
    const literal = pathSegments(otherVersion.template).filter((part) => !part.startsWith("{"));
    return { kind: "wrongVersion", segment: literal[1] ?? literal[0] };
  }
  return { kind: "none" };
}

/** Whether `granted` satisfies a route's permission alternatives. */
export function permitted(route: Route, granted: ReadonlySet<string>): boolean {
  return route.permissions.some((set) => set.every((permission) => granted.has(permission)));
}
