/**
 * `$expand` as Intune collections take it: navigation names separated by commas, each optionally
 * with nested options in parentheses (`scheduledActionsForRule($expand=scheduledActionConfigurations)`).
 * Names compare case-insensitively; an unknown one is Graph's 400.
 */
import { odataBadRequest } from "../graphErrors";

/** Lower-cased navigation name -> its nested options ("" when none). */
export function parseExpand(
  expand: string | undefined,
  known: readonly string[],
  typeName: string,
): Map<string, string> {
  const wanted = new Map<string, string>();
  if (expand === undefined || expand.trim() === "") return wanted;
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let index = 0; index < expand.length; index += 1) {
    const char = expand[index];
    if (char === "(") depth += 1;
    else if (char === ")") depth -= 1;
    else if (char === "," && depth === 0) {
      parts.push(expand.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(expand.slice(start));
  for (const part of parts) {
    const match = /^\s*([A-Za-z]+)\s*(?:\((.*)\))?\s*$/.exec(part);
    const name = match?.[1];
    if (
      match === null ||
      name === undefined ||
      !known.some((item) => item.toLowerCase() === name.toLowerCase())
    )
      throw odataBadRequest(
        `Could not find a property named '${part.trim()}' on type '${typeName}' to expand.`,
      );
    wanted.set(name.toLowerCase(), (match[2] ?? "").trim());
  }
  return wanted;
}

/** Refuses query options a route does not model, naming them (the sandbox fails loudly). */
export function onlyQueryOptions(
  query: Record<string, string>,
  allowed: readonly string[],
  path: string,
): void {
  const extra = Object.keys(query).filter((key) => !allowed.includes(key));
  if (extra.length > 0)
    throw odataBadRequest(
      `The Graph sandbox does not model ${extra.join(", ")} on ${path} (it takes ${allowed.join(", ") || "no query options"}).`,
    );
}
