/**
 * Which Enrollment Status Page (and Windows Hello for Business enrollment policy) applies, by the
 * documented order: the highest-priority one (1 is highest) assigned to the device; else, where
 * there is a user, the highest-priority one assigned to the user; else the default (priority 0,
 * applied last). Self-deploying and pre-provisioning use device-targeted ones only, and "Install
 * Windows quality updates" is honoured only from a device-targeted page (or the default).
 * https://learn.microsoft.com/intune/intune-service/enrollment/windows-enrollment-status
 */
import type { Audience, AudienceDevice } from "./audience";
import type { EnrollmentStatusPageFact, HelloEnrollmentFact } from "./reads/enrollmentConfigurations";

type Prioritised = EnrollmentStatusPageFact | HelloEnrollmentFact;

export interface Effective<T extends Prioritised> {
  configuration: T;
  how: "device" | "user" | "default";
  /** Reached only through an assignment filter, or a group could not be read. */
  uncertain: boolean;
}

function highest<T extends Prioritised>(candidates: T[]): T | undefined {
  return [...candidates].sort((a, b) => a.priority - b.priority)[0];
}

export function effectiveConfiguration<T extends Prioritised>(
  configurations: readonly T[],
  audience: Audience,
  device: AudienceDevice,
  options: { userTargeted: boolean },
): Effective<T> | undefined {
  const custom = configurations.filter((configuration) => !configuration.isDefault);
  const reached = custom
    .map((configuration) => ({ configuration, reach: audience.reach(configuration.targets, device).reach }))
    .filter(({ reach }) => reach === "reaches" || reach === "filtered" || reach === "unknown");
  const byDevice = highest(reached.map(({ configuration }) => configuration));
  if (byDevice !== undefined) {
    const reach = reached.find(({ configuration }) => configuration === byDevice)?.reach;
    return { configuration: byDevice, how: "device", uncertain: reach !== "reaches" };
  }
  if (options.userTargeted) {
    const byUser = highest(custom.filter((configuration) => audience.reachesJoiners(configuration.targets)));
    if (byUser !== undefined) return { configuration: byUser, how: "user", uncertain: false };
  }
  const fallback = configurations.find((configuration) => configuration.isDefault);
  return fallback === undefined ? undefined : { configuration: fallback, how: "default", uncertain: false };
}
