/** Reads `passwordless-onboarding:autopilot`: the Autopilot device group to assign Web sign-in to. */
import { groupTagProblem } from "../../policies/autopilotGroup";
import { DEFAULT_SETTINGS, type AutopilotSettings } from "../../policies/settings";
import { GROUP_DISPLAY_NAME_MAX_LENGTH } from "../providers/nameLimits";
import type { SectionReader } from "./sectionReader";

export function readAutopilot(reader: SectionReader): AutopilotSettings {
  const defaults = DEFAULT_SETTINGS.autopilot;
  const settings: AutopilotSettings = {
    groupDisplayName: reader.string("groupDisplayName", defaults.groupDisplayName, {
      nonEmpty: true,
      maxLength: GROUP_DISPLAY_NAME_MAX_LENGTH,
    }),
  };
  const groupTag = reader.checkedString("groupTag", groupTagProblem);
  const existingGroupId = reader.guid("existingGroupId", "a group object id");
  if (groupTag !== undefined) settings.groupTag = groupTag;
  if (existingGroupId !== undefined) settings.existingGroupId = existingGroupId;
  if (reader.has("groupTag") && reader.has("existingGroupId")) {
    reader.problem(
      "groupTag",
      "cannot be combined with existingGroupId: an existing group keeps its own membership rule; remove one of them",
    );
  }
  return settings;
}
