/**
 * Who an Intune assignment reaches: the devices of the Autopilot group (device-targeted policies
 * apply in the device-setup phase) and the new joiners (user-targeted ones apply in account setup).
 *
 * A device is reached when an `allDevicesAssignmentTarget` or a group target of a group holding it
 * names it, unless an exclusion group holds it (exclusion wins); an assignment filter is evaluated
 * on the device and cannot be reproduced here, so such a reach is "filtered". The joiners are
 * reached by `allLicensedUsersAssignmentTarget` or a group target naming one of their groups.
 * https://learn.microsoft.com/autopilot/policy-conflicts;
 * https://learn.microsoft.com/graph/api/resources/intune-shared-deviceandappmanagementassignmenttarget?view=graph-rest-beta
 */
import type { DeviceMembership } from "./reads/groupDevices";
import type { AssignmentTarget } from "./targets";

export type Reach = "reaches" | "filtered" | "excluded" | "not assigned" | "unknown";

export interface ReachResult {
  reach: Reach;
  /** The exclusion group that took the device out. */
  excludedBy?: string;
  /** The filter every reaching target carries. */
  filter?: { id: string; type: string };
}

export interface AudienceDevice {
  /** Lower-cased object id; "" for the stand-in device of an empty (or unreadable) group. */
  id: string;
  label: string;
}

export interface AudienceInput {
  groupId: string;
  devices: AudienceDevice[];
  membership: DeviceMembership;
  /** The joiners' groups; when they are all users, only all-users targets reach them. */
  joinerGroupIds: readonly string[];
}

export class Audience {
  readonly groupId: string;
  readonly devices: AudienceDevice[];
  /** True when `devices` is one stand-in for a device of the group (none could be listed). */
  readonly standIn: boolean;
  private readonly membership: DeviceMembership;
  private readonly joinerGroupIds: Set<string>;

  constructor(input: AudienceInput) {
    this.groupId = input.groupId.toLowerCase();
    this.standIn = input.devices.length === 0;
    this.devices = this.standIn ? [{ id: "", label: "a device of the group" }] : input.devices;
    this.membership = input.membership;
    this.joinerGroupIds = new Set(input.joinerGroupIds.map((id) => id.toLowerCase()));
  }

  /** Whether `device` is in `groupId`; undefined when that group's members could not be read. */
  isMember(device: AudienceDevice, groupId: string): boolean | undefined {
    const id = groupId.toLowerCase();
    if (id === this.groupId) return true;
    if (device.id === "" || this.joinerGroupIds.has(id)) return false;
    if (!this.membership.has(id)) return false;
    const members = this.membership.get(id);
    return members === undefined ? undefined : members.has(device.id);
  }

  /** How `targets` reach one device; `allDevices: false` ignores all-devices targets. */
  reach(targets: readonly AssignmentTarget[], device: AudienceDevice, allDevices = true): ReachResult {
    let unknown = false;
    for (const target of targets) {
      if (target.kind !== "exclusion" || target.groupId === undefined) continue;
      const member = this.isMember(device, target.groupId);
      if (member === true) return { reach: "excluded", excludedBy: target.groupId };
      if (member === undefined) unknown = true;
    }
    const reaching = targets.filter((target) => {
      if (target.kind === "allDevices") return allDevices;
      if (target.kind !== "group" || target.groupId === undefined) return false;
      const member = this.isMember(device, target.groupId);
      if (member === undefined) unknown = true;
      return member === true;
    });
    if (reaching.length === 0) return { reach: unknown ? "unknown" : "not assigned" };
    if (unknown) return { reach: "unknown" };
    const unfiltered = reaching.find((target) => target.filter === undefined);
    return unfiltered !== undefined
      ? { reach: "reaches" }
      : { reach: "filtered", filter: reaching[0].filter };
  }

  /** Whether any device of the group may get it (reached, filtered or unknown). */
  mayReachDevices(targets: readonly AssignmentTarget[]): boolean {
    const maybe: readonly Reach[] = ["reaches", "filtered", "unknown"];
    return this.devices.some((device) => maybe.includes(this.reach(targets, device).reach));
  }

  /** Whether it is assigned to the new joiners (all users, or one of their groups, not excluded). */
  reachesJoiners(targets: readonly AssignmentTarget[]): boolean {
    const excluded = targets.some(
      (target) =>
        target.kind === "exclusion" &&
        target.groupId !== undefined &&
        this.joinerGroupIds.has(target.groupId),
    );
    if (excluded) return false;
    return targets.some(
      (target) =>
        target.kind === "allUsers" ||
        (target.kind === "group" && target.groupId !== undefined && this.joinerGroupIds.has(target.groupId)),
    );
  }

  /** How many devices fall under each reach. */
  count(targets: readonly AssignmentTarget[]): Record<Reach, AudienceDevice[]> {
    const counts: Record<Reach, AudienceDevice[]> = {
      reaches: [],
      filtered: [],
      excluded: [],
      "not assigned": [],
      unknown: [],
    };
    for (const device of this.devices) counts[this.reach(targets, device).reach].push(device);
    return counts;
  }
}
