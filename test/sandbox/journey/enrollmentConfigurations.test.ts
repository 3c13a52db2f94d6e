/** The sandbox's enrollment configurations: the real defaults, seeded ESPs, query options and permissions. */
import { strict as assert } from "node:assert";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandboxHooks";
import { accessToken, graphCaller } from "../testClient";
import {
  ESP_TYPE,
  seedEnrollmentStatusPage,
  setDefaultWindowsHelloForBusiness,
} from "./enrollmentConfigurations";

const PATH = "/beta/deviceManagement/deviceEnrollmentConfigurations";
const GROUP = "07ad3697-bdce-4727-86cf-b3b40c0ec1d6";

type Item = Record<string, unknown> & { assignments?: Record<string, unknown>[] };

describe("sandbox: enrollment configurations", () => {
  let sandbox: Sandbox;
  useSandboxPerSuite((started) => {
    sandbox = started;
  });
  beforeEach(() => {
    sandbox.resetTenant();
    sandbox.setPermissions("DeviceManagementServiceConfig.Read.All");
  });
  const get = async (path: string) => {
    const answer = await graphCaller(sandbox, await accessToken(sandbox))("GET", path);
    return { status: answer.status, body: answer.body as { value: Item[]; error?: { code: string } } };
  };

  it("lists a tenant's defaults as a real tenant returns them: the unedited ESP is not shown", async () => {
    const { status, body } = await get(`${PATH}?$expand=assignments`);
    assert.equal(status, 200);
    assert.deepEqual(
      body.value.map((item) => [item["@odata.type"], item.deviceEnrollmentConfigurationType, item.priority]),
      [
        ["#microsoft.graph.deviceEnrollmentLimitConfiguration", "limit", 0],
        [ESP_TYPE, "windows10EnrollmentCompletionPageConfiguration", 0],
        [
          "#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration",
          "windowsHelloForBusiness",
          0,
        ],
      ],
    );
    const esp = body.value[1];
    assert.match(String(esp.id), /^[0-9a-f-]{36}_DefaultWindows10EnrollmentCompletionPageConfiguration$/);
    assert.deepEqual(
      [esp.showInstallationProgress, esp.installProgressTimeoutInMinutes, esp.installQualityUpdates],
      [false, 0, false],
    );
    assert.deepEqual(esp.assignments, [
      {
        id: esp.id,
        source: "direct",
        sourceId: null,
        target: {
          "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
          deviceAndAppManagementAssignmentFilterId: null,
          deviceAndAppManagementAssignmentFilterType: "none",
        },
      },
    ]);
    assert.equal(body.value[2].state, "notConfigured");
    assert.equal(String(body.value[2].id).split("_")[0], String(esp.id).split("_")[0]);
  });

  it("gives a seeded ESP the next free priority and filters on deviceEnrollmentConfigurationType", async () => {
    const first = seedEnrollmentStatusPage(sandbox, {
      displayName: "Autopilot ESP",
      installProgressTimeoutInMinutes: 90,
      assignments: { include: [GROUP] },
    });
    seedEnrollmentStatusPage(sandbox, {
      displayName: "Second",
      installProgressTimeoutInMinutes: 60,
      assignments: {},
    });
    setDefaultWindowsHelloForBusiness(sandbox, "disabled");
    const { body } = await get(
      `${PATH}?$filter=deviceEnrollmentConfigurationType eq 'windows10EnrollmentCompletionPageConfiguration'`,
    );
    assert.deepEqual(
      body.value.map((item) => [item.displayName, item.priority, item.assignments]),
      [
        ["All users and all devices", 0, undefined],
        ["Autopilot ESP", 1, undefined],
        ["Second", 2, undefined],
      ],
    );
    assert.match(first, /^[0-9a-f-]{36}_Windows10EnrollmentCompletionPageConfiguration$/);
  });

  it("refuses isof (400) and a caller without a service-configuration read (403)", async () => {
    assert.equal(
      (await get(`${PATH}?$filter=isof('microsoft.graph.windows10EnrollmentCompletionPageConfiguration')`))
        .status,
      400,
    );
    sandbox.setPermissions("DeviceManagementConfiguration.Read.All");
    assert.equal((await get(PATH)).status, 200);
    sandbox.setPermissions("DeviceManagementApps.Read.All");
    assert.equal((await get(PATH)).status, 403);
  });
});
