/**
 * Property values as the engine serializes them, and how the report shows them.
 *
 * The engine writes secrets as the string "[secret]" in JSON previews; a state file writes them as
 * an object tagged with the secret signature (holding ciphertext, or plaintext when decrypted).
 * Values not known until apply are the unknown sentinel string. Neither secret form is ever
 * shown: both become [secret], including secrets nested inside objects and arrays.
 */
import type { DisplayValue, PropertyMap } from "./types";

const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
const OUTPUT_VALUE_SIGNATURE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const RESOURCE_REFERENCE_SIGNATURE = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIGNATURE = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIGNATURE = "0def7320c3a5731c473e5ecbe6d01bc7";
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SECRET_PLACEHOLDER = "[secret]";
export const UNKNOWN_PLACEHOLDER = "[unknown]";

export const ABSENT: DisplayValue = { kind: "absent" };

/** One step of a property path: an object key or an array index. */
export type PathSegment = string | number;

/** Classifies one serialized value for display. */
export function toDisplayValue(value: unknown): DisplayValue {
  if (value === undefined) return ABSENT;
  if (value === SECRET_PLACEHOLDER) return { kind: "secret" };
  if (value === UNKNOWN_SENTINEL) return { kind: "unknown" };
  const signature = signatureOf(value);
  if (signature === SECRET_SIGNATURE) return { kind: "secret" };
  if (signature === OUTPUT_VALUE_SIGNATURE) {
    const output = value as Record<string, unknown>;
    if (output.secret === true) return { kind: "secret" };
    return "value" in output ? toDisplayValue(output.value) : { kind: "unknown" };
  }
  return { kind: "value", value: redact(value) };
}

/**
 * Copies a value with every secret replaced by "[secret]", every unknown by "[unknown]", and
 * assets, archives and resource references by a short description.
 */
export function redact(value: unknown): unknown {
  if (value === SECRET_PLACEHOLDER) return SECRET_PLACEHOLDER;
  if (value === UNKNOWN_SENTINEL) return UNKNOWN_PLACEHOLDER;
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  switch (signatureOf(value)) {
    case SECRET_SIGNATURE:
      return SECRET_PLACEHOLDER;
    case OUTPUT_VALUE_SIGNATURE:
      if (record.secret === true) return SECRET_PLACEHOLDER;
      return "value" in record ? redact(record.value) : UNKNOWN_PLACEHOLDER;
    case RESOURCE_REFERENCE_SIGNATURE:
      return `[resource ${typeof record.urn === "string" ? record.urn : "reference"}]`;
    case ASSET_SIGNATURE:
      return "[asset]";
    case ARCHIVE_SIGNATURE:
      return "[archive]";
    default:
      return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, redact(item)]));
  }
}

function signatureOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const signature = (value as Record<string, unknown>)[SIGNATURE_KEY];
  return typeof signature === "string" ? signature : undefined;
}

/**
 * Parses a property path in Pulumi's syntax: `a.b[0]["key.with.dots"]`. A path that does not
 * parse is taken as one top-level key, so an odd key still resolves against the state.
 */
export function parsePropertyPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let index = 0;
  while (index < path.length) {
    const char = path[index];
    if (char === ".") {
      index += 1;
    } else if (char === "[") {
      const close = path.indexOf("]", index);
      if (path[index + 1] === '"') {
        const end = findClosingQuote(path, index + 2);
        if (end < 0 || path[end + 1] !== "]") return [path];
        segments.push(path.slice(index + 2, end).replace(/\\(.)/g, "$1"));
        index = end + 2;
      } else if (close > index && /^\d+$/.test(path.slice(index + 1, close))) {
        segments.push(Number(path.slice(index + 1, close)));
        index = close + 1;
      } else {
        return [path];
      }
    } else {
      let end = index;
      while (end < path.length && path[end] !== "." && path[end] !== "[") end += 1;
      segments.push(path.slice(index, end));
      index = end;
    }
  }
  return segments.length === 0 ? [path] : segments;
}

function findClosingQuote(path: string, from: number): number {
  for (let index = from; index < path.length; index += 1) {
    if (path[index] === "\\") index += 1;
    else if (path[index] === '"') return index;
  }
  return -1;
}

/** The value at `path` in a property map, stopping early at a secret or unknown. */
export function valueAtPath(map: PropertyMap | undefined, path: PathSegment[]): DisplayValue {
  let current: unknown = map;
  for (const segment of path) {
    const here = toDisplayValue(current);
    if (here.kind !== "value") return here.kind === "absent" ? ABSENT : here;
    current = unwrapOutputValue(current);
    if (typeof segment === "number") {
      if (!Array.isArray(current) || segment >= current.length) return ABSENT;
      current = current[segment] as unknown;
    } else {
      if (typeof current !== "object" || current === null || Array.isArray(current)) return ABSENT;
      const record = current as Record<string, unknown>;
      if (!Object.prototype.hasOwnProperty.call(record, segment)) return ABSENT;
      current = record[segment];
    }
  }
  return toDisplayValue(current);
}

function unwrapOutputValue(value: unknown): unknown {
  return signatureOf(value) === OUTPUT_VALUE_SIGNATURE ? (value as Record<string, unknown>).value : value;
}

/** Structural equality of two display values (object key order does not matter). */
export function sameDisplayValue(left: DisplayValue, right: DisplayValue): boolean {
  if (left.kind !== right.kind) return false;
  if (left.kind !== "value" || right.kind !== "value") return true;
  return canonicalJson(left.value) === canonicalJson(right.value);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
