/** Reads `passwordless-onboarding:autopilot`: the Autopilot device group to assign Web sign-in to. */
import { groupTagProblem } from "../../policies/autopilotGroup";
import { DEFAULT_SETTINGS, type DeclaredAutopilotSettings } from "../../policies/settings";
import { GROUP_DISPLAY_NAME_MAX_LENGTH } from "../providers/nameLimits";
import type { SectionReader } from "./sectionReader";

export function readAutopilot(reader: SectionReader): DeclaredAutopilotSettings {
  const defaults = DEFAULT_SETTINGS.autopilot;
  const settings: DeclaredAutopilotSettings = {
    groupDisplayName: reader.string("groupDisplayName", defaults.groupDisplayName, {
      nonEmpty: true,
      maxLength: GROUP_DISPLAY_NAME_MAX_LENGTH,
    }),
    adoptExisting: reader.boolean("adoptExisting", defaults.adoptExisting === true),
  };
  const groupTag = reader.checkedString("groupTag", groupTagProblem);
  const existingGroupId = reader.groupRef("existingGroupId", "a group object id");
  if (groupTag !== undefined) settings.groupTag = groupTag;
  if (existingGroupId !== undefined) settings.existingGroupId = existingGroupId;
  if (reader.has("groupTag") && reader.has("existingGroupId")) {
    reader.problem(
      "groupTag",
      "cannot be combined with existingGroupId: an existing group keeps its own membership rule; remove one of them",
    );
  }
  if (settings.adoptExisting && reader.has("existingGroupId")) {
    reader.problem(
      "adoptExisting",
      "cannot be combined with existingGroupId: existingGroupId uses a group without managing it, adoptExisting " +
        "takes over the group named groupDisplayName and manages it; remove one of them",
    );
  }
  return settings;
}
