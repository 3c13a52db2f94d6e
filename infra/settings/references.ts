/**
 * A group or user given by name instead of object id, as one entry of the stack config:
 * `{ displayName: "<group display name>" }` or `{ userPrincipalName: "<user principal name>" }`.
 * These are the exact shapes the `export` command writes; the program resolves them in the tenant
 * (infra/references) before anything is declared.
 */
import type { GroupReference, UserReference } from "../../policies/settings";
import { GROUP_DISPLAY_NAME_MAX_LENGTH } from "../providers/nameLimits";
import { describe } from "./foundValue";

export type ReferenceKind = "group" | "user";

interface ReferenceShape {
  /** The one key of the mapping. */
  key: "displayName" | "userPrincipalName";
  /** What the value is, for messages. */
  noun: string;
  /** What an object of this kind is called in messages ("group"). */
  object: string;
  placeholder: string;
}

const SHAPES: Record<ReferenceKind, ReferenceShape> = {
  group: {
    key: "displayName",
    noun: "the group's exact display name",
    object: "group",
    placeholder: "<group display name>",
  },
  user: {
    key: "userPrincipalName",
    noun: "a user principal name such as alice@contoso.com",
    object: "user",
    placeholder: "<user principal name>",
  },
};

/** The mapping's key: `displayName` for a group, `userPrincipalName` for a user. */
export function referenceKey(kind: ReferenceKind): ReferenceShape["key"] {
  return SHAPES[kind].key;
}

/** How the mapping is written in messages: `{ displayName: "<group display name>" }`. */
export function referenceTemplate(kind: ReferenceKind): string {
  return `a mapping { ${SHAPES[kind].key}: "${SHAPES[kind].placeholder}" }`;
}

/** One reference as config shows it: `{ displayName: "Sales" }`. */
export function formatReference(reference: GroupReference | UserReference): string {
  const [key, value] = Object.entries(reference)[0] as [string, string];
  return `{ ${key}: ${JSON.stringify(value)} }`;
}

/**
 * For a plain string that is not an id: the mapping that would name the object instead, when the
 * string looks like a name (a hint appended to the problem), else "".
 */
export function writeAsReferenceHint(kind: ReferenceKind, found: string): string {
  if (found.trim() === "") return "";
  if (kind === "user" && !found.includes("@")) return "";
  const shape = SHAPES[kind];
  return `. To name the ${shape.object} instead, write { ${shape.key}: ${JSON.stringify(found)} }`;
}

/** Where a reference's problems go: paths are relative to the section, e.g. `excludeGroupIds[1].displayName`. */
export interface ReferenceProblems {
  problem(path: string, message: string): void;
  unknownKey(path: string, name: string, known: readonly string[]): void;
}

/**
 * Reads a mapping found where a reference is allowed. `expected` describes every accepted form of
 * the entry, for the message about a mapping without the reference's key. Returns the reference,
 * or undefined after reporting its problems.
 */
export function readReference(
  kind: ReferenceKind,
  mapping: Record<string, unknown>,
  path: string,
  expected: string,
  problems: ReferenceProblems,
): GroupReference | UserReference | undefined {
  const shape = SHAPES[kind];
  const unknown = Object.keys(mapping).filter((key) => key !== shape.key);
  for (const key of unknown) problems.unknownKey(`${path}.${key}`, key, [shape.key]);
  if (!(shape.key in mapping)) {
    if (unknown.length === 0)
      problems.problem(path, `must be ${expected}; got a mapping without ${shape.key}`);
    return undefined;
  }
  const value = mapping[shape.key];
  const valuePath = `${path}.${shape.key}`;
  if (typeof value !== "string" || value.trim() === "") {
    problems.problem(valuePath, `must be a non-empty string (${shape.noun}); got ${describe(value)}`);
    return undefined;
  }
  if (kind === "group") {
    if (value.length > GROUP_DISPLAY_NAME_MAX_LENGTH) {
      problems.problem(
        valuePath,
        `must be at most ${GROUP_DISPLAY_NAME_MAX_LENGTH} characters (a group display name); got ${value.length}`,
      );
      return undefined;
    }
    if (value.includes("'")) {
      // azuread.getGroup puts the name into `$filter=displayName eq '<name>'` without doubling
      // quotes (azuread-provider-facts.md §6.1), so Graph would refuse the lookup.
      problems.problem(
        valuePath,
        `contains a single quote ('), which azuread.getGroup does not escape in its Graph filter, so the lookup would fail; give the group's object id instead; got ${JSON.stringify(value)}`,
      );
      return undefined;
    }
  }
  if (unknown.length > 0) return undefined;
  return kind === "group" ? { displayName: value } : { userPrincipalName: value };
}
