/** Small helpers for reading loosely typed Graph JSON in the mapping functions. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The strings of a list (other items ignored); [] for anything that is not a list. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * True for "nothing set": null, absent, "", [], or an object whose every property is empty
 * (e.g. `platforms: { includePlatforms: [], excludePlatforms: [] }`). OData annotations are ignored.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) {
    return Object.entries(value).every(([key, inner]) => key.startsWith("@odata.") || isEmptyValue(inner));
  }
  return false;
}

/** Compact JSON for a message, without OData annotations, cut at 200 characters. */
export function describeValue(value: unknown): string {
  const json = JSON.stringify(withoutAnnotations(value)) ?? "absent";
  return json.length > 200 ? `${json.slice(0, 197)}...` : json;
}

function withoutAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAnnotations);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.includes("@"))
      .map(([key, inner]) => [key, withoutAnnotations(inner)]),
  );
}
