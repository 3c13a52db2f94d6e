/** How a value found in the stack config is recognised and shown in a problem message. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How a found value is shown in a message. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list ${JSON.stringify(value)}`;
  if (isRecord(value)) return "a mapping";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}
