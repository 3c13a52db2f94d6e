/**
 * Splits a Pulumi URN, `urn:pulumi:<stack>::<project>::<parent types$type>::<name>`, into the
 * parts a reader recognises. The name is everything after the third `::`, so names that
 * themselves contain `::` survive.
 */
export interface UrnParts {
  stack: string;
  project: string;
  /** The resource's own type token (the last `$`-separated part of the qualified type). */
  type: string;
  name: string;
}

export function parseUrn(urn: string): UrnParts {
  const parts = urn.split("::");
  if (!urn.startsWith("urn:pulumi:") || parts.length < 4) {
    throw new Error(`not a Pulumi URN: ${JSON.stringify(urn)}`);
  }
  const qualifiedType = parts[2];
  const typeChain = qualifiedType.split("$");
  return {
    stack: parts[0].slice("urn:pulumi:".length),
    project: parts[1],
    type: typeChain[typeChain.length - 1],
    name: parts.slice(3).join("::"),
  };
}
