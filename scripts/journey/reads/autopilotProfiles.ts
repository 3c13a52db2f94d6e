/**
 * The tenant's Windows Autopilot deployment profiles with their assignments: one beta list read,
 * the one preflight makes (scripts/preflight/autopilot.ts). What the journey needs of each:
 * - join type from `@odata.type` (`azureADWindowsAutopilotDeploymentProfile` = Microsoft Entra
 *   join, `activeDirectoryWindowsAutopilotDeploymentProfile` = hybrid join);
 * - user-driven vs self-deploying from `outOfBoxExperienceSetting.deviceUsageType` (`singleUser` /
 *   `shared`; there is no mode property);
 * - `preprovisioningAllowed`, and `createdDateTime` (a device reached by several profiles gets the
 *   oldest). https://learn.microsoft.com/graph/api/resources/intune-enrollment-azureadwindowsautopilotdeploymentprofile?view=graph-rest-beta;
 *   https://learn.microsoft.com/autopilot/profiles
 */
import type { GraphClient } from "../../../infra/graph/types";
import { AUTOPILOT_PROFILES_PATH, AUTOPILOT_PROFILES_PERMISSION } from "../../preflight/autopilot";
import { targetsOf, text, type Assigned, type GraphAssignment } from "../targets";
import { attempt, type ReadOutcome } from "./outcome";

export type JoinType = "Microsoft Entra join" | "hybrid join" | "unknown join type";

export interface AutopilotProfileFact extends Assigned {
  joinType: JoinType;
  /** `singleUser` (user-driven) or `shared` (self-deploying). */
  deviceUsageType: string;
  preprovisioningAllowed: boolean;
  createdDateTime: string;
}

interface ProfileDocument {
  "@odata.type"?: unknown;
  id?: unknown;
  displayName?: unknown;
  createdDateTime?: unknown;
  preprovisioningAllowed?: unknown;
  outOfBoxExperienceSetting?: { deviceUsageType?: unknown } | null;
  assignments?: GraphAssignment[];
}

const JOIN_TYPES: Record<string, JoinType> = {
  "#microsoft.graph.azureadwindowsautopilotdeploymentprofile": "Microsoft Entra join",
  "#microsoft.graph.activedirectorywindowsautopilotdeploymentprofile": "hybrid join",
};

export function readAutopilotProfiles(client: GraphClient): Promise<ReadOutcome<AutopilotProfileFact[]>> {
  return attempt(
    "the Autopilot deployment profiles",
    async () => {
      const documents = await client.list<ProfileDocument>(AUTOPILOT_PROFILES_PATH, {
        version: "beta",
        query: { $expand: "assignments" },
      });
      return documents.map((document) => ({
        id: text(document.id),
        name: text(document.displayName, text(document.id)),
        targets: targetsOf(document.assignments),
        joinType: JOIN_TYPES[text(document["@odata.type"]).toLowerCase()] ?? "unknown join type",
        deviceUsageType: text(document.outOfBoxExperienceSetting?.deviceUsageType, "singleUser"),
        preprovisioningAllowed: document.preprovisioningAllowed === true,
        createdDateTime: text(document.createdDateTime),
      }));
    },
    AUTOPILOT_PROFILES_PERMISSION,
  );
}
