/**
 * Intune Win32 apps (beta), read-only: `GET /deviceAppManagement/mobileApps?$filter=isof('microsoft.graph.win32LobApp')`
 * with optional `$expand=assignments`. Tests add apps with `seedWin32App`.
 *
 * Where the behaviour comes from:
 * - The isof filter on this collection and `$expand=assignments` (widely used by public Intune
 *   tooling); `installExperience.deviceRestartBehavior` ∈ allow, basedOnReturnCode, suppress,
 *   force; `returnCodes[].type` ∈ success, failed, retry, softReboot, hardReboot, with the portal's
 *   defaults 0/1707 success, 3010 softReboot, 1641 hardReboot, 1618 retry (Graph type mappings;
 *   Intune's Win32 app docs).
 * - Assignments are `mobileAppAssignment {id, intent (available|required|uninstall|…), target,
 *   settings, source, sourceId}` (https://learn.microsoft.com/graph/api/resources/intune-apps-mobileappassignment?view=graph-rest-beta).
 * - Permission `DeviceManagementApps.Read.All` (or ReadWrite): the reference marks it [inferred].
 * - Not modelled: other app types, paging, writes; any other `$filter` is refused.
 */
import { randomUUID } from "node:crypto";
import type { JsonObject } from "../bodies";
import { odataBadRequest } from "../graphErrors";
import type { GraphRequest, Route } from "../router";
import type { Sandbox } from "../sandbox";
import { graphTimestamp, type SandboxState } from "../state";
import { onlyQueryOptions, parseExpand } from "./expand";
import { assignmentsOf, type AssignmentSpec } from "./targets";
import { stateOf, tenantStore } from "./tenantStore";

export const MOBILE_APPS_TEMPLATE = "/deviceAppManagement/mobileApps";
const READ = [["DeviceManagementApps.Read.All"], ["DeviceManagementApps.ReadWrite.All"]];
const WIN32_FILTER = "isof('microsoft.graph.win32lobapp')";

interface StoredApp {
  app: JsonObject;
  assignments: JsonObject[];
}

function storeOf(state: SandboxState): StoredApp[] {
  return tenantStore(state, "mobileApps", (): StoredApp[] => []);
}

export interface SeededWin32App {
  displayName: string;
  deviceRestartBehavior: "allow" | "basedOnReturnCode" | "suppress" | "force";
  /** Assignment intent; default `required`. */
  intent?: "available" | "required" | "uninstall";
  assignments: AssignmentSpec;
}

/** Adds a Win32 app (not logged). Returns its id. */
export function seedWin32App(sandbox: Sandbox, seed: SeededWin32App): string {
  const state = stateOf(sandbox);
  const id = randomUUID();
  const now = graphTimestamp(state.now());
  storeOf(state).push({
    app: {
      "@odata.type": "#microsoft.graph.win32LobApp",
      id,
      displayName: seed.displayName,
      description: seed.displayName,
      publisher: "Contoso",
      createdDateTime: now,
      lastModifiedDateTime: now,
      isFeatured: false,
      isAssigned: true,
      roleScopeTagIds: ["0"],
      fileName: "setup.intunewin",
      installCommandLine: "setup.exe /quiet",
      uninstallCommandLine: "setup.exe /uninstall /quiet",
      applicableArchitectures: "x64",
      installExperience: {
        runAsAccount: "system",
        deviceRestartBehavior: seed.deviceRestartBehavior,
        maxRunTimeInMinutes: 60,
      },
      returnCodes: [
        { returnCode: 0, type: "success" },
        { returnCode: 1707, type: "success" },
        { returnCode: 3010, type: "softReboot" },
        { returnCode: 1641, type: "hardReboot" },
        { returnCode: 1618, type: "retry" },
      ],
    },
    assignments: assignmentsOf(id, seed.assignments, { intent: seed.intent ?? "required", settings: null }),
  });
  return id;
}

function list(state: SandboxState, request: GraphRequest) {
  onlyQueryOptions(request.query, ["$filter", "$expand"], MOBILE_APPS_TEMPLATE);
  const filter = (request.query.$filter ?? "").replace(/\s/g, "").toLowerCase();
  if (filter !== WIN32_FILTER)
    throw odataBadRequest(
      `The Graph sandbox serves mobileApps only with $filter=isof('microsoft.graph.win32LobApp'), not ${JSON.stringify(request.query.$filter ?? "")}.`,
    );
  const expand = parseExpand(request.query.$expand, ["assignments"], "microsoft.graph.mobileApp");
  return {
    status: 200,
    body: {
      "@odata.context": `${request.origin}/beta/$metadata#deviceAppManagement/mobileApps`,
      value: storeOf(state).map((stored) => ({
        ...structuredClone(stored.app),
        ...(expand.has("assignments") ? { assignments: structuredClone(stored.assignments) } : {}),
      })),
    },
  };
}

export function mobileAppRoutes(state: SandboxState): Route[] {
  return [
    {
      method: "GET",
      template: MOBILE_APPS_TEMPLATE,
      versions: ["beta"],
      permissions: READ,
      handle: (request) => list(state, request),
    },
  ];
}
