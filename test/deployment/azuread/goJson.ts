/**
 * JSON exactly as the provider's SDK writes request bodies: go-azure-sdk models marshal to JSON,
 * are decoded into `map[string]interface{}` to add `@odata.type`, and are marshalled again
 * (e.g. go-azure-sdk microsoft-graph/common-types/beta/model_group.go:417-471 @38d1993a), so
 * Go's encoding/json sorts every object's keys and escapes `<`, `>`, `&`, U+2028 and U+2029.
 */

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) sorted[key] = sortKeys(item);
    }
    return sorted;
  }
  return value;
}

/** `json.Marshal` of a decoded map: keys sorted at every level, HTML-safe escaping. */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
