/**
 * The tenant's Windows Autopilot deployment profiles and their group assignments, for the
 * guardrails' `autopilotProfiles` (PO-WSI-002: hybrid-join profiles on the Web sign-in group).
 *
 * Per /work/shared/reference/graph-facts-journey.md §1.1: beta only (v1.0 has no
 * `windowsAutopilotDeploymentProfiles` navigation), and `$expand=assignments` on the list works, so
 * this is ONE list read (`GET /beta/deviceManagement/windowsAutopilotDeploymentProfiles?$expand=assignments`,
 * nextLinks followed), no read per profile. Least application permission
 * `DeviceManagementServiceConfig.Read.All` (also `…ServiceConfig.ReadWrite.All`,
 * `DeviceManagementConfiguration.Read.All` / `.ReadWrite.All`). Entra vs hybrid join is the
 * profile's `@odata.type` (§1.2); assignments are read by `target`, never by parsing ids (§1.3).
 */
import { isGraphRequestError } from "../../infra/graph/errors";
import type { GraphClient } from "../../infra/graph/types";
import { isHybridJoinProfile, type AutopilotDeploymentProfileFact } from "../../policies/guardrails/context";
import type { CheckRow } from "./types";

export const AUTOPILOT_PROFILES_PATH = "/deviceManagement/windowsAutopilotDeploymentProfiles";
export const AUTOPILOT_PROFILES_PERMISSION = "DeviceManagementServiceConfig.Read.All";
const SUBJECT = "Autopilot deployment profiles";
const GROUP_TARGET = "#microsoft.graph.groupAssignmentTarget";

interface ProfileDocument {
  id?: string;
  displayName?: string;
  "@odata.type"?: unknown;
  assignments?: { target?: { "@odata.type"?: unknown; groupId?: unknown } }[];
}

export interface AutopilotRead {
  /** Undefined when the profiles could not be read: PO-WSI-002 then has nothing to judge. */
  profiles?: AutopilotDeploymentProfileFact[];
  rows: CheckRow[];
}

/** A profile as the guardrails take it: included groups only (exclusions and All devices are not groups it targets). */
export function profileFact(document: ProfileDocument): AutopilotDeploymentProfileFact {
  const assignedGroupIds = (document.assignments ?? [])
    .map((assignment) => assignment.target)
    .filter((target) => target?.["@odata.type"] === GROUP_TARGET && typeof target.groupId === "string")
    .map((target) => String(target?.groupId));
  return {
    id: document.id ?? "",
    displayName: typeof document.displayName === "string" ? document.displayName : (document.id ?? ""),
    "@odata.type": typeof document["@odata.type"] === "string" ? document["@odata.type"] : "",
    assignedGroupIds,
  };
}

export async function readAutopilotProfiles(client: GraphClient): Promise<AutopilotRead> {
  let documents: ProfileDocument[];
  try {
    documents = await client.list<ProfileDocument>(AUTOPILOT_PROFILES_PATH, {
      version: "beta",
      query: { $expand: "assignments" },
    });
  } catch (error) {
    const forbidden = isGraphRequestError(error) && error.status === 403;
    const why = forbidden
      ? `the identity lacks ${AUTOPILOT_PROFILES_PERMISSION} (or DeviceManagementConfiguration.Read.All)`
      : `could not read them: ${error instanceof Error ? error.message : String(error)}`;
    return {
      rows: [
        {
          area: "tenant",
          subject: SUBJECT,
          status: "warning",
          detail: `not checked: ${why}; PO-WSI-002 (hybrid-join profiles on the Web sign-in group) was not evaluated`,
        },
      ],
    };
  }
  const profiles = documents.map(profileFact);
  const hybrid = profiles.filter(isHybridJoinProfile).length;
  return {
    profiles,
    rows: [
      {
        area: "tenant",
        subject: SUBJECT,
        status: "pass",
        detail: `${profiles.length} profile${profiles.length === 1 ? "" : "s"} read (${hybrid} hybrid join)`,
      },
    ],
  };
}
