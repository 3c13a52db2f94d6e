/**
 * A small YAML emitter for the stack file: block mappings and lists, scalars, and comments after a
 * value, laid out like Pulumi.dev.yaml (two-space indent, list items under their key). A string
 * is written plain only when it reads back as the same string (checked with the `yaml` parser)
 * and is not a word some YAML readers take for a boolean or null; otherwise double-quoted.
 */
import { parse } from "yaml";

/** A value with a comment written after it on the same line. */
export class Commented {
  constructor(
    readonly value: YamlNode,
    readonly comment: string,
  ) {}
}

export type YamlScalar = string | number | boolean;
export type YamlNode = YamlScalar | YamlNode[] | { [key: string]: YamlNode } | Commented;

/** YAML 1.1 booleans and nulls (Go's yaml decoders still know some of them). */
const AMBIGUOUS_WORDS = /^(y|n|yes|no|true|false|on|off|null|~)$/i;
const PLAIN_CANDIDATE = /^[A-Za-z0-9_][A-Za-z0-9 _.,()/+@-]*$/;

export function scalarText(value: YamlScalar): string {
  if (typeof value !== "string") return String(value);
  const plain =
    PLAIN_CANDIDATE.test(value) &&
    !value.endsWith(" ") &&
    !AMBIGUOUS_WORDS.test(value) &&
    readsBackAs(value, value);
  return plain ? value : JSON.stringify(value);
}

function readsBackAs(text: string, expected: string): boolean {
  try {
    return parse(text) === expected;
  } catch {
    return false;
  }
}

function keyText(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(key) ? key : JSON.stringify(key);
}

function commentText(comment: string | undefined): string {
  return comment === undefined || comment === "" ? "" : ` # ${comment.replace(/\s*\n\s*/g, " ")}`;
}

function unwrap(node: YamlNode): { value: Exclude<YamlNode, Commented>; comment?: string } {
  return node instanceof Commented
    ? { value: unwrap(node.value).value, comment: node.comment }
    : { value: node };
}

function isScalar(value: unknown): value is YamlScalar {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** The lines of `key: value` at `indent` spaces. */
export function emitEntry(key: string, node: YamlNode, indent: number): string[] {
  const pad = " ".repeat(indent);
  const { value, comment } = unwrap(node);
  const head = `${pad}${keyText(key)}:`;
  if (isScalar(value)) return [`${head} ${scalarText(value)}${commentText(comment)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${head} []${commentText(comment)}`];
    return [`${head}${commentText(comment)}`, ...value.flatMap((item) => emitItem(item, indent + 2))];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [`${head} {}${commentText(comment)}`];
  return [
    `${head}${commentText(comment)}`,
    ...entries.flatMap(([name, inner]) => emitEntry(name, inner, indent + 2)),
  ];
}

function emitItem(node: YamlNode, indent: number): string[] {
  const pad = " ".repeat(indent);
  const { value, comment } = unwrap(node);
  if (isScalar(value)) return [`${pad}- ${scalarText(value)}${commentText(comment)}`];
  if (Array.isArray(value)) throw new Error("emitItem: lists of lists are not needed in a stack file");
  const lines = Object.entries(value).flatMap(([name, inner]) => emitEntry(name, inner, indent + 2));
  if (lines.length === 0) return [`${pad}- {}${commentText(comment)}`];
  lines[0] = `${pad}- ${lines[0].slice(indent + 2)}${commentText(comment)}`;
  return lines;
}
