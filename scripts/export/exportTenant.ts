/**
 * The export itself: read the tenant, map each object onto its config section, resolve group and
 * user references. `buildExport` is pure (what was read -> config and report model);
 * `exportTenant` adds the reads.
 */
import type { GraphClient } from "../../infra/graph/types";
import type { OnboardingSettings } from "../../policies/settings";
import { readFailure, type ReadFailure } from "./read/failure";
import { readTenant, type TenantRead } from "./read/tenant";
import { readUsers } from "./read/users";
import { References, type ReferenceMode, type ReferenceRow } from "./references";
import { autopilotSection } from "./sections/autopilot";
import {
  chooseRegistrationPolicy,
  registrationPolicySection,
  type RegistrationPolicyChoice,
} from "./sections/registrationPolicy";
import type { SectionReport } from "./sections/sectionReport";
import { temporaryAccessPassSection } from "./sections/temporaryAccessPass";
import { webSignInSection } from "./sections/webSignIn";
import type { ExportedConfig, Finding, GraphUser } from "./types";

export interface ExportModel {
  config: ExportedConfig;
  /** One per config key, in the order of Pulumi.dev.yaml. */
  sections: SectionReport[];
  references: ReferenceRow[];
  /** References that had to stay object ids, and why. */
  referenceFindings: Finding[];
  failures: ReadFailure[];
  /** The exported settings with object ids (what the references resolve to), for the guardrails. */
  settingsWithIds: OnboardingSettings;
}

export function buildExport(
  read: TenantRead,
  users: ReadonlyMap<string, GraphUser | null> | undefined,
  mode: ReferenceMode,
  choice: RegistrationPolicyChoice = chooseRegistrationPolicy(read.conditionalAccessPolicies ?? []),
): ExportModel {
  const references = new References(mode, read.groups, users);
  const tap = temporaryAccessPassSection(read.tap, references);
  const registration = registrationPolicySection(read.conditionalAccessPolicies, choice, references);
  const webSignIn = webSignInSection(read.profiles, read.groups, references);
  const autopilot = autopilotSection(read.groups, webSignIn.assignedGroupId, references);
  // Keys in the order of Pulumi.dev.yaml; `guardrails` last.
  const config: ExportedConfig = {
    ...(tap.exported ? { temporaryAccessPass: tap.exported } : {}),
    ...(registration.exported ? { registrationPolicy: registration.exported } : {}),
    ...(autopilot.exported ? { autopilot: autopilot.exported } : {}),
    ...(webSignIn.exported ? { webSignIn: webSignIn.exported } : {}),
    guardrails: { suppress: {} },
  };
  return {
    config,
    sections: [tap.report, registration.report, autopilot.report, webSignIn.report],
    references: references.table(),
    referenceFindings: references.findings,
    failures: read.failures,
    settingsWithIds: {
      temporaryAccessPass: tap.settings,
      registrationPolicy: registration.settings,
      autopilot: autopilot.settings,
      webSignIn: webSignIn.settings,
      guardrails: { suppress: {} },
    },
  };
}

export async function exportTenant(client: GraphClient, mode: ReferenceMode): Promise<ExportModel> {
  const read = await readTenant(client);
  const choice = chooseRegistrationPolicy(read.conditionalAccessPolicies ?? []);
  const userIds = choice.chosen?.mapping.settings.breakGlassUserIds ?? [];
  let users: Map<string, GraphUser | null> | undefined;
  if (mode === "names" && userIds.length > 0) {
    try {
      users = await readUsers(client, userIds);
    } catch (error) {
      const failures: ReadFailure[] = [...read.failures, readFailure("users", error)];
      return buildExport({ ...read, failures }, undefined, mode, choice);
    }
  }
  return buildExport(read, users, mode, choice);
}
