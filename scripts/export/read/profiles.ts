/**
 * Finds the settings-catalog profiles that carry the Web sign-in setting (beta only). Graph has no
 * filter on a profile's settings, and a list with `$expand=settings` is cut short, so: one
 * listing of every profile (id, name, platforms, technologies), then each Windows MDM profile
 * read once with `$expand=settings` (readSettings.ts follows `settings@odata.nextLink` when Graph
 * cuts the expanded list), then the assignments of the profiles that carry the setting.
 * Sources: graph-facts-round2.md 5.2; graph-facts.md section 3 (settings paged at 25).
 */
import type { GraphClient } from "../../../infra/graph/types";
import {
  CONFIGURATION_POLICIES_PATH,
  profilePath,
} from "../../../infra/providers/settingsCatalog/findByName";
import type { GraphConfigurationPolicy } from "../../../infra/providers/settingsCatalog/policyDocument";
import { readSettings } from "../../../infra/providers/settingsCatalog/readSettings";
import { carriesWebSignIn } from "../map/webSignIn";
import type { GraphAssignment, GraphProfile } from "../types";

export interface ProfileSummary {
  id: string;
  name?: string;
  platforms?: string;
  technologies?: string;
}

export interface ProfilesRead {
  /** Every profile in the tenant (a profile is adopted by name, so duplicates matter). */
  listed: ProfileSummary[];
  /** The profiles with the Enable Web Sign In setting, with all their settings. */
  withWebSignIn: GraphProfile[];
  /** Assignments of each profile in `withWebSignIn`, by profile id. */
  assignments: Map<string, GraphAssignment[]>;
}

/** Profiles read at the same time; Intune allows 1000 requests per 20 s per app and tenant. */
const CONCURRENT_READS = 4;

function hasFlag(flags: string | undefined, flag: string): boolean {
  return (flags ?? "").split(",").some((item) => item.trim() === flag);
}

/** Only Windows MDM profiles can hold the Web sign-in CSP setting. */
export function mayHoldWebSignIn(profile: ProfileSummary): boolean {
  return hasFlag(profile.platforms, "windows10") && hasFlag(profile.technologies, "mdm");
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function readProfile(client: GraphClient, id: string): Promise<GraphProfile> {
  const policy = await client.get<GraphConfigurationPolicy>(profilePath(id), {
    version: "beta",
    query: { $expand: "settings" },
  });
  const settings = await readSettings(client, policy);
  const { settings: _cut, "settings@odata.nextLink": _link, ...metadata } = policy;
  return { ...metadata, settings };
}

export async function readProfiles(client: GraphClient): Promise<ProfilesRead> {
  const listed = await client.list<ProfileSummary>(CONFIGURATION_POLICIES_PATH, {
    version: "beta",
    query: { $select: "id,name,platforms,technologies" },
  });
  const read = await mapLimited(listed.filter(mayHoldWebSignIn), CONCURRENT_READS, (profile) =>
    readProfile(client, profile.id),
  );
  const withWebSignIn = read.filter(carriesWebSignIn);
  const assignments = new Map<string, GraphAssignment[]>();
  for (const profile of withWebSignIn) {
    assignments.set(
      profile.id,
      await client.list<GraphAssignment>(`${profilePath(profile.id)}/assignments`, { version: "beta" }),
    );
  }
  return { listed, withWebSignIn, assignments };
}
