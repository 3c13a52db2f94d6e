/**
 * Graph JSON as the provider flattens it into state: go-azure-sdk decodes into pointers and the
 * provider writes nil as the attribute's zero value (`pointer.From`, `tf.FlattenStringSlicePtr`).
 */

/** A Graph object (or a page item) as decoded JSON. */
export type Json = Record<string, unknown>;

/** A string property; "" when Graph sends null or leaves it out. */
export function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The strings of a list property; [] when Graph sends null or leaves it out. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
