import type { GraphClient } from "../../graph/types";
import type { GraphConfigurationPolicy } from "./policyDocument";

/**
 * All settings of a profile read with `$expand=settings`. When Graph cuts the expanded list it
 * gives `settings@odata.nextLink`: the settings that came with the profile are kept and only the
 * later pages are read, so n settings cost ceil(n / page size) requests in all.
 */
export async function readSettings(
  client: GraphClient,
  policy: GraphConfigurationPolicy,
): Promise<unknown[]> {
  const first = policy.settings ?? [];
  const nextLink = policy["settings@odata.nextLink"];
  if (nextLink === undefined || nextLink === "") return first;
  return [...first, ...(await client.listFrom(nextLink))];
}
