/**
 * The `autopilot` section: the group the Web sign-in profile is assigned to or, without one, the
 * tenant's Autopilot group. A group whose rule the stack generates is adopted (groupDisplayName,
 * groupTag, adoptExisting: true); any other group is referenced (existingGroupId) and left alone.
 */
import { DEFAULT_SETTINGS, type AutopilotSettings } from "../../../policies/settings";
import { pickFirst } from "../choose";
import { autopilotFromGroup, autopilotRank, hasAutopilotRule, type AutopilotMapping } from "../map/autopilot";
import type { References } from "../references";
import { attention, note, type ExportedAutopilot, type Finding, type GraphGroup } from "../types";
import type { FoundObject, SectionResult } from "./sectionReport";

const TITLE = "Autopilot device group";
const KEY = "autopilot";

function foundObject(group: GraphGroup, role: FoundObject["role"]): FoundObject {
  const rule = group.membershipRule ?? "";
  return {
    kind: hasAutopilotRule(group) ? "dynamic group (Autopilot rule)" : "group",
    name: group.displayName ?? "",
    id: group.id,
    detail: rule === "" ? undefined : `rule ${rule}`,
    role,
  };
}

/** The exported value and the settings with ids for one group. */
function fromGroup(
  group: GraphGroup,
  references: References,
  findings: Finding[],
): { exported: ExportedAutopilot; settings: AutopilotSettings; mapping: AutopilotMapping } {
  const mapping = autopilotFromGroup(group);
  findings.push(...mapping.findings);
  if (!mapping.adopted) {
    return {
      exported: { existingGroupId: references.group(group.id, `${KEY}.existingGroupId`) },
      settings: { groupDisplayName: DEFAULT_SETTINGS.autopilot.groupDisplayName, existingGroupId: group.id },
      mapping,
    };
  }
  const { groupDisplayName, groupTag } = mapping.settings;
  const name = groupDisplayName ?? group.id;
  if (references.groupsNamed(name) > 1) {
    findings.push(
      attention(
        `${references.groupsNamed(name)} groups are named "${name}"; the program adopts the group by name, so rename ` +
          "the others before `pulumi up`.",
      ),
    );
  }
  const exported: ExportedAutopilot = { groupDisplayName: name };
  const settings: AutopilotSettings = { groupDisplayName: name };
  if (groupTag !== undefined) {
    exported.groupTag = groupTag;
    settings.groupTag = groupTag;
  }
  exported.adoptExisting = true;
  return { exported, settings, mapping };
}

export function autopilotSection(
  groups: readonly GraphGroup[] | undefined,
  assignedGroupId: string | undefined,
  references: References,
): SectionResult<ExportedAutopilot, AutopilotSettings> {
  const defaults = DEFAULT_SETTINGS.autopilot;
  const findings: Finding[] = [];
  const autopilotGroups = (groups ?? []).filter(hasAutopilotRule);
  const report = (
    status: "exported" | "notFound" | "notRead",
    objects: FoundObject[],
    mapping: string[],
    yamlComment: string[],
  ) => ({ key: KEY, title: TITLE, status, objects, mapping, findings, yamlComment }) as const;
  /** The section for the group it exports (adopted or referenced), with the other Autopilot groups found. */
  const exportedGroup = (
    group: GraphGroup,
    others: readonly GraphGroup[],
    result: ReturnType<typeof fromGroup>,
    wording: { adopted: string; referenced: string; found: string },
  ): SectionResult<ExportedAutopilot, AutopilotSettings> => ({
    exported: result.exported,
    settings: result.settings,
    report: report(
      "exported",
      [
        foundObject(group, result.mapping.adopted ? "exported" : "referenced"),
        ...others.map((g) => foundObject(g, "other")),
      ],
      [result.mapping.adopted ? wording.adopted : wording.referenced],
      [
        `Found: "${group.displayName ?? group.id}" (${group.id}), ${wording.found}; ` +
          (result.mapping.adopted ? "adopted on the next `pulumi up`." : "referenced, not managed."),
      ],
    ),
  });

  if (assignedGroupId !== undefined) {
    const group = groups?.find((candidate) => candidate.id.toLowerCase() === assignedGroupId.toLowerCase());
    if (group === undefined) {
      if (groups === undefined) {
        findings.push(
          attention(
            `Groups could not be read, so the rule of the assigned group ${assignedGroupId} was not checked: it is ` +
              "referenced as existingGroupId (not managed).",
          ),
        );
      }
      const exported = { existingGroupId: references.group(assignedGroupId, `${KEY}.existingGroupId`) };
      return {
        exported,
        settings: { groupDisplayName: defaults.groupDisplayName, existingGroupId: assignedGroupId },
        report: report(
          "exported",
          [],
          ["Referenced (existingGroupId): the group the Web sign-in profile is assigned to; not managed."],
          [
            `Found: the group ${assignedGroupId}, which the Web sign-in profile is assigned to; referenced, not managed.`,
          ],
        ),
      };
    }
    const result = fromGroup(group, references, findings);
    const others = autopilotGroups.filter((candidate) => candidate.id !== group.id);
    for (const other of others) {
      findings.push(
        note(
          `"${other.displayName ?? ""}" (${other.id}) also has an Autopilot rule; it is not in the stack.`,
        ),
      );
    }
    return exportedGroup(group, others, result, {
      adopted: `Adopted (adoptExisting: true): the group the Web sign-in profile is assigned to; its rule is the one the stack generates${result.mapping.settings.groupTag === undefined ? "" : ` for the group tag "${result.mapping.settings.groupTag}"`}.`,
      referenced:
        "Referenced (existingGroupId): the group the Web sign-in profile is assigned to; not managed (see below).",
      found: "the group the Web sign-in profile is assigned to",
    });
  }

  if (groups === undefined) {
    return {
      settings: defaults,
      report: report(
        "notRead",
        [],
        [
          "Not exported: groups could not be read (see Reads) and no assigned Web sign-in profile names the group. " +
            "The key is left out of the YAML; without it `pulumi up` would create a new group.",
        ],
        [
          "passwordless-onboarding:autopilot is left out: groups could not be read (see the report).",
          "Without it `pulumi up` would create a new group: export again once the read works.",
        ],
      ),
    };
  }
  const { chosen, others } = pickFirst(autopilotGroups, (group) => [
    autopilotRank(group),
    group.displayName === defaults.groupDisplayName ? 0 : 1,
    (group.displayName ?? "").toLowerCase(),
    group.id,
  ]);
  if (chosen === undefined) {
    findings.push(
      note(`No group has an Autopilot rule: \`pulumi up\` creates "${defaults.groupDisplayName}".`),
    );
    if (references.groupsNamed(defaults.groupDisplayName) > 0) {
      findings.push(
        attention(
          `A group named "${defaults.groupDisplayName}" exists without an Autopilot rule; the program refuses duplicate ` +
            "group names, so `pulumi up` would stop. Rename it, or set groupDisplayName to another name.",
        ),
      );
    }
    return {
      exported: { groupDisplayName: defaults.groupDisplayName },
      settings: defaults,
      report: report(
        "notFound",
        [],
        ["Nothing to adopt: the module's default group name is written."],
        ["Not found in the tenant: `pulumi up` creates this dynamic group of all Autopilot devices."],
      ),
    };
  }
  const result = fromGroup(chosen, references, findings);
  for (const other of others) {
    findings.push(
      attention(
        `"${other.displayName ?? ""}" (${other.id}) also has an Autopilot rule; "${chosen.displayName ?? chosen.id}" ` +
          "was chosen and this one is not in the stack.",
      ),
    );
  }
  return exportedGroup(chosen, others, result, {
    adopted:
      "Adopted (adoptExisting: true): no Web sign-in profile names a group, so the tenant's Autopilot group is used.",
    referenced:
      "Referenced (existingGroupId): no Web sign-in profile names a group; the tenant's Autopilot group is used as is.",
    found: "a group with an Autopilot rule",
  });
}
