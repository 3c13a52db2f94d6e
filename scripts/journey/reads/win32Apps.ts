/**
 * Win32 apps and their required assignments: one beta list read,
 * `deviceAppManagement/mobileApps?$filter=isof('microsoft.graph.win32LobApp')&$expand=assignments`.
 * `installExperience.deviceRestartBehavior` says what Intune does after the install (`force` always
 * restarts). Only `required` assignments install during enrollment; the others are dropped here.
 * Permission DeviceManagementApps.Read.All (the reference marks this one inferred).
 * https://learn.microsoft.com/graph/api/resources/intune-apps-mobileappassignment?view=graph-rest-beta
 */
import type { GraphClient } from "../../../infra/graph/types";
import { targetsOf, text, type Assigned, type GraphAssignment } from "../targets";
import { attempt, type ReadOutcome } from "./outcome";

export const MOBILE_APPS_PATH = "/deviceAppManagement/mobileApps";
export const APPS_READ_PERMISSION = "DeviceManagementApps.Read.All";

export interface Win32AppFact extends Assigned {
  deviceRestartBehavior: string;
}

interface AppDocument {
  id?: unknown;
  displayName?: unknown;
  installExperience?: { deviceRestartBehavior?: unknown } | null;
  assignments?: GraphAssignment[];
}

export function readWin32Apps(client: GraphClient): Promise<ReadOutcome<Win32AppFact[]>> {
  return attempt(
    "the Win32 apps",
    async () => {
      const documents = await client.list<AppDocument>(MOBILE_APPS_PATH, {
        version: "beta",
        query: { $filter: "isof('microsoft.graph.win32LobApp')", $expand: "assignments" },
      });
      return documents.map((document) => ({
        id: text(document.id),
        name: text(document.displayName, text(document.id)),
        targets: targetsOf(
          (document.assignments ?? []).filter((assignment) => assignment.intent === "required"),
        ),
        deviceRestartBehavior: text(document.installExperience?.deviceRestartBehavior, "basedOnReturnCode"),
      }));
    },
    APPS_READ_PERMISSION,
  );
}
