import { ALL_AUTOPILOT_DEVICES_RULE } from "../autopilotGroup";
import { isHybridJoinProfile } from "./context";
import type { GuardrailRule } from "./types";

/**
 * PO-WSI-002: the Web sign-in group takes in hybrid-joined Autopilot devices, where Web sign-in
 * does not work. Entra vs hybrid join is a property of the Autopilot deployment profile, not of
 * the group or the device object, so the rule needs the tenant's profiles
 * (`context.autopilotProfiles`); without them (as under `pulumi preview`) it reports nothing.
 * With a group tag it cannot tell which profile the tagged devices get, and stays silent.
 */
export const webSignInHybridDevices: GuardrailRule = {
  id: "PO-WSI-002",
  severity: "warning",
  object: "webSignIn",
  what: "The Web sign-in group includes hybrid-joined Autopilot devices.",
  why:
    "Web sign-in works only on Microsoft Entra joined devices; on a hybrid-joined device the new joiner " +
    "is asked for Active Directory credentials after the reboot, and the pass cannot get them past it.",
  check(settings, context) {
    const hybrid = (context.autopilotProfiles ?? []).filter(isHybridJoinProfile);
    if (hybrid.length === 0) return [];
    const autopilot = settings.autopilot;
    const existingGroupId = autopilot.existingGroupId?.trim() ?? "";
    if (existingGroupId !== "") {
      const wanted = existingGroupId.toLowerCase();
      return hybrid
        .filter((profile) =>
          (profile.assignedGroupIds ?? []).some((id) => id.trim().toLowerCase() === wanted),
        )
        .map(
          (profile) =>
            `autopilot.existingGroupId ${existingGroupId} is assigned the hybrid-join Autopilot profile ` +
            `"${profile.displayName}" (${profile.id}): Web sign-in will not work on its devices; assign the ` +
            "profile to a group of Entra-join devices only",
        );
    }
    if (autopilot.groupTag !== undefined) return [];
    const names = hybrid.map((profile) => `"${profile.displayName}" (${profile.id})`).join(", ");
    return [
      "autopilot.groupTag and autopilot.existingGroupId are not set, so the group rule [ZTDId] takes in every " +
        `Autopilot device, including those of the hybrid-join profile${hybrid.length > 1 ? "s" : ""} ${names} ` +
        `(${ALL_AUTOPILOT_DEVICES_RULE}): set autopilot.groupTag to the tag of your Entra-join devices`,
    ];
  },
};
