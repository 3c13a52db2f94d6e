import type { GraphClient } from "../../graph/types";
import { idSegment } from "../graphIds";
import type { GraphConfigurationPolicy } from "./policyDocument";

export const CONFIGURATION_POLICIES_PATH = "/deviceManagement/configurationPolicies";

/** The path of one profile; the id is one encoded path segment (graphIds.ts). */
export function profilePath(id: string): string {
  return `${CONFIGURATION_POLICIES_PATH}/${idSegment(id)}`;
}

/** OData string literal: single quotes are doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Every settings-catalog profile whose name is exactly `name` (Intune allows duplicate names).
 * The $filter narrows the list on the server; the exact comparison guards against a
 * case-insensitive match.
 */
export async function findPoliciesByName(
  client: GraphClient,
  name: string,
): Promise<GraphConfigurationPolicy[]> {
  const found = await client.list<GraphConfigurationPolicy>(CONFIGURATION_POLICIES_PATH, {
    version: "beta",
    query: { $filter: `name eq ${odataString(name)}` },
  });
  return found.filter((policy) => policy.name === name);
}
