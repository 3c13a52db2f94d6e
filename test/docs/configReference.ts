/**
 * The configuration reference as the config reader defines it: every property each structured key's
 * reader asks for, with what it accepts and its default, recorded by running the real reader
 * (`validateSettings({})`) with the SectionReader's methods wrapped. Nothing is restated here, so a
 * renamed key, a new default or a changed range shows up as a difference from the README.
 *
 * Each entry is rendered into the exact "Values" and "Default" cells the README's tables hold.
 */
import { validateSettings } from "../../infra/config";
import { SectionReader } from "../../infra/settings/sectionReader";
import type { SettingsKey } from "../../infra/settings/keys";

export interface SettingReference {
  key: SettingsKey;
  property: string;
  values: string;
  default: string;
}

type Method =
  | "boolean"
  | "string"
  | "oneOf"
  | "integer"
  | "guid"
  | "checkedString"
  | "idList"
  | "groupRefList"
  | "userRefList"
  | "groupRef"
  | "reasons";

const METHODS: readonly Method[] = [
  "boolean",
  "string",
  "oneOf",
  "integer",
  "guid",
  "checkedString",
  "idList",
  "groupRefList",
  "userRefList",
  "groupRef",
  "reasons",
];

interface Call {
  key: SettingsKey;
  method: Method;
  args: unknown[];
}

/** Runs the config reader on an empty config and returns every property read, in reading order. */
export function recordedSettings(): SettingReference[] {
  const calls: Call[] = [];
  const prototype = SectionReader.prototype as unknown as Record<Method, (...args: unknown[]) => unknown>;
  const originals = new Map(METHODS.map((method) => [method, prototype[method]]));
  for (const method of METHODS) {
    const original = originals.get(method) as (...args: unknown[]) => unknown;
    prototype[method] = function (this: SectionReader, ...args: unknown[]) {
      calls.push({ key: this.key, method, args });
      return original.apply(this, args);
    };
  }
  try {
    validateSettings({});
  } finally {
    for (const method of METHODS)
      prototype[method] = originals.get(method) as (...args: unknown[]) => unknown;
  }
  return calls.map((call) => ({
    key: call.key,
    property: String(call.args[0]),
    values: valuesCell(call),
    default: defaultCell(call),
  }));
}

function code(text: string): string {
  return `\`${text}\``;
}

function valuesCell({ method, args }: Call): string {
  switch (method) {
    case "boolean":
      return "`true` \\| `false`";
    case "string": {
      const { nonEmpty, maxLength } = args[2] as { nonEmpty: boolean; maxLength?: number };
      if (maxLength !== undefined) return `text, ${nonEmpty ? 1 : 0}–${maxLength} characters`;
      return nonEmpty ? "non-empty text" : "text";
    }
    case "oneOf":
      return (args[2] as string[]).map(code).join(" \\| ");
    case "integer": {
      const { min, max } = args[2] as { min: number; max: number };
      return `integer ${min}–${max}`;
    }
    case "guid":
      return "GUID";
    case "checkedString":
      return "text (see notes)";
    case "idList":
      return `list of ${(args[2] as { noun: string }).noun}s`;
    case "groupRefList":
      return (args[2] as { allowAllUsers?: boolean }).allowAllUsers
        ? "list of groups, or `[all_users]`"
        : "list of groups";
    case "userRefList":
      return "list of users";
    case "groupRef":
      return "a group";
    case "reasons":
      return "rule id → written reason";
  }
}

/** A default as YAML flow style shows it: `60`, `false`, `[]`, `[all_users]`, `{}`, or `none`. */
function defaultCell({ method, args }: Call): string {
  if (method === "guid" || method === "checkedString" || method === "groupRef") return "none";
  const fallback = args[1];
  if (Array.isArray(fallback)) return code(`[${fallback.map(String).join(", ")}]`);
  if (typeof fallback === "object" && fallback !== null) {
    return code(Object.keys(fallback).length === 0 ? "{}" : JSON.stringify(fallback));
  }
  return code(String(fallback));
}
