/**
 * The `webSignIn` section: the settings-catalog profile that carries Enable Web Sign In, adopted
 * (adoptExisting: true), and the group it is assigned to, which decides the `autopilot` section.
 * With several such profiles, the one the settings express best is exported; the others are named.
 */
import { DEFAULT_SETTINGS, type WebSignInSettings } from "../../../policies/settings";
import { differenceCount, pickFirst } from "../choose";
import { assignedGroupFromGraph } from "../map/assignments";
import { autopilotRank } from "../map/autopilot";
import { profileChanges } from "../map/verify";
import { webSignInFromGraph, type WebSignInMapping } from "../map/webSignIn";
import type { ProfilesRead } from "../read/profiles";
import type { References } from "../references";
import { attention, note, type ExportedWebSignIn, type GraphGroup, type GraphProfile } from "../types";
import { changesFinding } from "./changes";
import type { FoundObject, SectionResult } from "./sectionReport";

const TITLE = "Web sign-in profile and its assignment";
const KIND = "settings-catalog profile";

export interface WebSignInOutcome extends SectionResult<ExportedWebSignIn, WebSignInSettings> {
  /** The group the exported profile is assigned to (the one the stack keeps). */
  assignedGroupId?: string;
}

function foundObject(profile: GraphProfile, role: FoundObject["role"], detail?: string): FoundObject {
  return { kind: KIND, name: profile.name ?? "", id: profile.id, detail, role };
}

export function webSignInSection(
  profiles: ProfilesRead | undefined,
  groups: readonly GraphGroup[] | undefined,
  references: References,
): WebSignInOutcome {
  const key = "webSignIn";
  const defaults = DEFAULT_SETTINGS.webSignIn;
  if (profiles === undefined) {
    return {
      settings: defaults,
      report: {
        key,
        title: TITLE,
        status: "notRead",
        objects: [],
        mapping: [
          "Not exported: the settings-catalog profiles could not be read (see Reads). The key is left out of the " +
            "YAML; without it `pulumi up` would create a new profile, so fix the read and export again.",
        ],
        findings: [],
        yamlComment: [
          "passwordless-onboarding:webSignIn is left out: settings-catalog profiles could not be read (see the report).",
          "Without it `pulumi up` would create a new profile: export again once the read works.",
        ],
      },
    };
  }
  const groupById = new Map((groups ?? []).map((group) => [group.id.toLowerCase(), group]));
  const rank = (groupId: string): number => autopilotRank(groupById.get(groupId.toLowerCase()));
  const candidates = profiles.withWebSignIn.map((profile) => {
    const mapping: WebSignInMapping = webSignInFromGraph(profile);
    const assignment = assignedGroupFromGraph(profiles.assignments.get(profile.id) ?? [], rank, (id) =>
      references.describeGroup(id),
    );
    return { profile, mapping, assignment };
  });
  const { chosen, others } = pickFirst(candidates, ({ profile, mapping, assignment }) => [
    differenceCount(mapping.findings),
    assignment.groupId === undefined ? 3 : rank(assignment.groupId),
    profile.name === defaults.policyName ? 0 : 1,
    profile.createdDateTime ?? "",
    profile.id,
  ]);
  if (chosen === undefined) {
    const findings = [
      note(`No profile carries Enable Web Sign In: \`pulumi up\` creates "${defaults.policyName}".`),
    ];
    if (profiles.listed.some((profile) => profile.name === defaults.policyName)) {
      findings.push(
        attention(
          `A profile named "${defaults.policyName}" exists without the Web sign-in setting; \`pulumi up\` would stop ` +
            "(a profile of that name exists and adoptExisting is false). Rename it, or set policyName to another name.",
        ),
      );
    }
    return {
      exported: { ...defaults, adoptExisting: false },
      settings: defaults,
      report: {
        key,
        title: TITLE,
        status: "notFound",
        objects: [],
        mapping: ["Nothing to adopt: the module's defaults are written."],
        findings,
        yamlComment: [
          "Not found in the tenant: `pulumi up` creates this profile and assigns it to the Autopilot group.",
        ],
      },
    };
  }
  const { profile, mapping, assignment } = chosen;
  const settings = mapping.settings;
  const findings = [...mapping.findings, ...assignment.findings];
  const changes = profileChanges(profile, settings);
  const changed = changesFinding(changes, findings);
  if (changed) findings.push(changed);
  const sameName = profiles.listed.filter((listed) => listed.name === profile.name);
  if (sameName.length > 1) {
    findings.push(
      attention(
        `${sameName.length} profiles are named "${profile.name}" (${sameName.map((listed) => listed.id).join(", ")}); ` +
          "the program adopts by name and refuses duplicates, so rename the others before `pulumi up`.",
      ),
    );
  }
  for (const other of others) {
    const otherGroup = other.assignment.groupId;
    findings.push(
      attention(
        `"${other.profile.name}" (${other.profile.id}) also carries Enable Web Sign In` +
          (otherGroup === undefined ? "" : ` (assigned to ${references.describeGroup(otherGroup)})`) +
          "; it is not in the stack and stays as it is.",
      ),
    );
  }
  const assignedTo =
    assignment.groupId === undefined
      ? "no group"
      : `the group ${references.describeGroup(assignment.groupId)}`;
  return {
    exported: {
      policyName: settings.policyName,
      description: settings.description,
      enablePasswordlessExperience: settings.enablePasswordlessExperience,
      adoptExisting: settings.adoptExisting,
    },
    settings,
    assignedGroupId: assignment.groupId,
    report: {
      key,
      title: TITLE,
      status: "exported",
      objects: [
        foundObject(profile, "exported", `assigned to ${assignedTo}`),
        ...others.map((other) =>
          foundObject(
            other.profile,
            "other",
            other.assignment.groupId === undefined
              ? "assigned to no group"
              : `assigned to ${references.describeGroup(other.assignment.groupId)}`,
          ),
        ),
      ],
      mapping: [
        mapping.adoptable
          ? `Adopted (adoptExisting: true): the provider finds "${settings.policyName}" by name and takes it over.`
          : "Not adoptable (see below): adoptExisting is false.",
        `Settings: Enable Web Sign In; passwordless experience ${settings.enablePasswordlessExperience ? "enabled" : "not configured"}.`,
        `Assignment: ${assignedTo} (the stack keeps exactly this one group assignment; see the autopilot section).`,
      ],
      findings,
      yamlComment: [
        `Found: "${settings.policyName}" (${profile.id}), assigned to ${assignedTo}; ` +
          (mapping.adoptable ? "adopted on the next `pulumi up`." : "not adoptable, see the report."),
      ],
    },
  };
}
