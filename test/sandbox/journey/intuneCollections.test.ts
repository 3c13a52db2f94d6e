/** The sandbox's device configurations, compliance policies and Win32 apps, with their assignments. */
import { strict as assert } from "node:assert";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandboxHooks";
import { accessToken, graphCaller } from "../testClient";
import { seedWindowsCompliancePolicy } from "./compliancePolicies";
import { seedCustomConfiguration, seedUpdateRing } from "./deviceConfigurations";
import { seedWin32App } from "./mobileApps";

const GROUP = "07ad3697-bdce-4727-86cf-b3b40c0ec1d6";
const KIOSKS = "5f0c3a7e-2b1d-4c8e-9a6f-0d1e2f3a4b5c";

type Item = Record<string, unknown> & {
  assignments?: { target: Record<string, unknown>; intent?: string }[];
  scheduledActionsForRule?: Record<string, unknown>[];
};

describe("sandbox: device configurations, compliance policies and Win32 apps", () => {
  let sandbox: Sandbox;
  useSandboxPerSuite((started) => {
    sandbox = started;
  });
  beforeEach(() => {
    sandbox.resetTenant();
    sandbox.setPermissions("DeviceManagementConfiguration.Read.All", "DeviceManagementApps.Read.All");
  });
  const get = async (path: string) => {
    const answer = await graphCaller(sandbox, await accessToken(sandbox))("GET", path);
    return {
      status: answer.status,
      body: answer.body as { value: Item[]; error?: { code: string; message: string } },
    };
  };

  it("lists update rings and custom profiles, with beta assignment targets under $expand=assignments", async () => {
    const ring = seedUpdateRing(sandbox, {
      displayName: "Pilot ring",
      businessReadyUpdatesOnly: "all",
      assignments: { include: [GROUP], exclude: [KIOSKS] },
    });
    seedCustomConfiguration(sandbox, {
      displayName: "AppLocker",
      omaSettings: [
        { omaUri: "./Vendor/MSFT/AppLocker/ApplicationLaunchRestrictions/g/EXE/Policy", value: "<x/>" },
      ],
      assignments: { allDevices: true },
    });
    const plain = (await get("/beta/deviceManagement/deviceConfigurations")).body.value;
    assert.deepEqual(
      plain.map((item) => [item["@odata.type"], item.displayName, item.assignments]),
      [
        ["#microsoft.graph.windowsUpdateForBusinessConfiguration", "Pilot ring", undefined],
        ["#microsoft.graph.windows10CustomConfiguration", "AppLocker", undefined],
      ],
    );
    const [expanded] = (await get("/beta/deviceManagement/deviceConfigurations?$expand=assignments")).body
      .value;
    assert.equal(expanded.businessReadyUpdatesOnly, "all");
    assert.deepEqual(expanded.assignments, [
      {
        id: `${ring}_${GROUP}`,
        source: "direct",
        sourceId: ring,
        target: {
          "@odata.type": "#microsoft.graph.groupAssignmentTarget",
          deviceAndAppManagementAssignmentFilterId: null,
          deviceAndAppManagementAssignmentFilterType: "none",
          groupId: GROUP,
        },
      },
      {
        id: `${ring}_${KIOSKS}`,
        source: "direct",
        sourceId: ring,
        target: {
          "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
          deviceAndAppManagementAssignmentFilterId: null,
          deviceAndAppManagementAssignmentFilterType: "none",
          groupId: KIOSKS,
        },
      },
    ]);
  });

  it("expands compliance rules with their actions only when asked to", async () => {
    seedWindowsCompliancePolicy(sandbox, {
      displayName: "Windows compliance",
      bitLockerEnabled: true,
      gracePeriodHours: 6,
      assignments: { include: [GROUP] },
    });
    const path = "/beta/deviceManagement/deviceCompliancePolicies";
    const [nested] = (
      await get(`${path}?$expand=scheduledActionsForRule($expand=scheduledActionConfigurations),assignments`)
    ).body.value;
    assert.equal(nested["@odata.type"], "#microsoft.graph.windows10CompliancePolicy");
    assert.equal(nested.bitLockerEnabled, true);
    const actions = nested.scheduledActionsForRule?.[0].scheduledActionConfigurations as Record<
      string,
      unknown
    >[];
    assert.deepEqual([actions[0].actionType, actions[0].gracePeriodHours], ["block", 6]);
    assert.equal(nested.assignments?.length, 1);
    const [flat] = (await get(`${path}?$expand=scheduledActionsForRule`)).body.value;
    assert.equal(flat.scheduledActionsForRule?.[0].scheduledActionConfigurations, undefined);
    assert.equal(flat.assignments, undefined);
  });

  it("lists Win32 apps only under the isof filter, with each assignment's intent", async () => {
    seedWin32App(sandbox, {
      displayName: "VPN client",
      deviceRestartBehavior: "force",
      assignments: { include: [GROUP] },
    });
    const path = "/beta/deviceAppManagement/mobileApps";
    const [app] = (await get(`${path}?$filter=isof('microsoft.graph.win32LobApp')&$expand=assignments`)).body
      .value;
    assert.deepEqual(app.installExperience, {
      runAsAccount: "system",
      deviceRestartBehavior: "force",
      maxRunTimeInMinutes: 60,
    });
    assert.deepEqual(
      app.assignments?.map((assignment) => assignment.intent),
      ["required"],
    );
    assert.equal((await get(path)).status, 400);
  });

  it("refuses a query option it does not model (400) and a caller without the read permission (403)", async () => {
    const top = await get("/beta/deviceManagement/deviceConfigurations?$top=5");
    assert.deepEqual([top.status, top.body.error?.code], [400, "BadRequest"]);
    sandbox.setPermissions("DeviceManagementConfiguration.Read.All");
    assert.equal(
      (await get("/beta/deviceAppManagement/mobileApps?$filter=isof('microsoft.graph.win32LobApp')")).status,
      403,
    );
    sandbox.setPermissions("DeviceManagementApps.Read.All");
    assert.equal((await get("/beta/deviceManagement/deviceCompliancePolicies")).status, 403);
  });
});
