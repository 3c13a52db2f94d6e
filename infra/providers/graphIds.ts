/**
 * Graph object ids: what one looks like, and how one goes into a request path. Every id a provider
 * puts into a URL path goes through `idSegment`, so an id can never add a path segment, a query or
 * a fragment to the request (defence in depth: `check` already refuses ids that are not GUIDs).
 */

/** A Graph object id: a GUID, any letter case. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a GUID looks, for messages. */
export const GUID_EXAMPLE = "00000000-0000-0000-0000-000000000000";

export function isGuid(value: unknown): boolean {
  return typeof value === "string" && GUID_PATTERN.test(value);
}

/**
 * One id as exactly one URL path segment: percent-encoded, so "/", "?", "#" and "%" stay inside
 * the segment. "", "." and ".." are refused: URL parsers resolve "." and ".." (encoded as "%2e"
 * too) against the path before the request is sent, so no encoding keeps them in place.
 */
export function idSegment(id: string): string {
  if (id === "" || id === "." || id === "..") {
    throw new Error(`Refusing to put ${JSON.stringify(id)} into a Graph URL: it is not an object id.`);
  }
  return encodeURIComponent(id);
}
