/**
 * Which Autopilot deployment profile a device gets, by Microsoft's documented rules: of the
 * profiles assigned to a group holding the device (and not excluding it), the oldest created; when
 * none, a default profile (one assigned to all devices, where exclusions are not supported); a
 * device registered in Autopilot with neither still runs Autopilot on the default.
 * https://learn.microsoft.com/autopilot/profiles
 */
import type { Audience, AudienceDevice } from "./audience";
import type { AutopilotProfileFact } from "./reads/autopilotProfiles";

export interface EffectiveProfile {
  profile: AutopilotProfileFact;
  how: "assigned" | "default";
  /** The profile reaches the device only through an assignment filter, or a group could not be read. */
  uncertain: boolean;
}

function oldest(profiles: AutopilotProfileFact[]): AutopilotProfileFact | undefined {
  return [...profiles].sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime))[0];
}

export function effectiveProfile(
  profiles: readonly AutopilotProfileFact[],
  audience: Audience,
  device: AudienceDevice,
): EffectiveProfile | undefined {
  const reached = profiles
    .map((profile) => ({ profile, reach: audience.reach(profile.targets, device, false).reach }))
    .filter(({ reach }) => reach === "reaches" || reach === "filtered" || reach === "unknown");
  const assigned = oldest(reached.map(({ profile }) => profile));
  if (assigned !== undefined) {
    const reach = reached.find(({ profile }) => profile === assigned)?.reach;
    return { profile: assigned, how: "assigned", uncertain: reach !== "reaches" };
  }
  const fallback = oldest(
    profiles.filter((profile) => profile.targets.some((target) => target.kind === "allDevices")),
  );
  return fallback === undefined ? undefined : { profile: fallback, how: "default", uncertain: false };
}
