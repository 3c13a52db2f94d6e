/** Which Autopilot profile and which Enrollment Status Page a device gets, by Microsoft's documented order. */
import { strict as assert } from "node:assert";
import { Audience } from "../../scripts/journey/audience";
import { effectiveConfiguration } from "../../scripts/journey/effectiveEnrollment";
import { effectiveProfile } from "../../scripts/journey/effectiveProfile";
import type { AutopilotProfileFact } from "../../scripts/journey/reads/autopilotProfiles";
import type { EnrollmentStatusPageFact } from "../../scripts/journey/reads/enrollmentConfigurations";
import type { AssignmentTarget } from "../../scripts/journey/targets";

const AUTOPILOT = "bbbbbbbb-0000-4000-8000-000000000001";
const JOINERS = "bbbbbbbb-0000-4000-8000-000000000002";
const audience = new Audience({
  groupId: AUTOPILOT,
  devices: [],
  membership: new Map(),
  joinerGroupIds: [JOINERS],
});
const device = audience.devices[0];
const toGroup = (groupId: string): AssignmentTarget[] => [{ kind: "group", groupId }];

function profile(id: string, createdDateTime: string, targets: AssignmentTarget[]): AutopilotProfileFact {
  return {
    id,
    name: id,
    targets,
    joinType: "Microsoft Entra join",
    deviceUsageType: "singleUser",
    preprovisioningAllowed: false,
    createdDateTime,
  };
}

function page(id: string, priority: number, targets: AssignmentTarget[]): EnrollmentStatusPageFact {
  return {
    id,
    name: id,
    targets,
    priority,
    isDefault: priority === 0,
    showInstallationProgress: true,
    installProgressTimeoutInMinutes: 60,
    installQualityUpdates: false,
  };
}

describe("effective Autopilot profile", () => {
  it("gives the oldest of the profiles assigned to the device's groups", () => {
    const chosen = effectiveProfile(
      [
        profile("newer", "2025-05-01T00:00:00Z", toGroup(AUTOPILOT)),
        profile("older", "2024-05-01T00:00:00Z", toGroup(AUTOPILOT)),
        profile("default", "2020-01-01T00:00:00Z", [{ kind: "allDevices" }]),
      ],
      audience,
      device,
    );
    assert.deepEqual([chosen?.profile.id, chosen?.how], ["older", "assigned"]);
  });

  it("falls back to a profile assigned to all devices, and to none", () => {
    const fallback = effectiveProfile(
      [profile("default", "2020-01-01T00:00:00Z", [{ kind: "allDevices" }])],
      audience,
      device,
    );
    assert.deepEqual([fallback?.profile.id, fallback?.how], ["default", "default"]);
    assert.equal(
      effectiveProfile([profile("elsewhere", "2020-01-01T00:00:00Z", toGroup(JOINERS))], audience, device),
      undefined,
    );
  });
});

describe("effective Enrollment Status Page", () => {
  const pages = [
    page("default", 0, [{ kind: "allDevices" }]),
    page("users", 1, toGroup(JOINERS)),
    page("devices-low", 3, toGroup(AUTOPILOT)),
    page("devices-high", 2, toGroup(AUTOPILOT)),
  ];

  it("takes the device-targeted page with the highest priority (lowest number) first", () => {
    const chosen = effectiveConfiguration(pages, audience, device, { userTargeted: true });
    assert.deepEqual([chosen?.configuration.id, chosen?.how], ["devices-high", "device"]);
  });

  it("takes a user-targeted page only when no device-targeted one applies and there is a user", () => {
    const userOnly = pages.filter((candidate) => !candidate.id.startsWith("devices"));
    const user = effectiveConfiguration(userOnly, audience, device, { userTargeted: true });
    assert.deepEqual([user?.configuration.id, user?.how], ["users", "user"]);
    const selfDeploying = effectiveConfiguration(userOnly, audience, device, { userTargeted: false });
    assert.deepEqual([selfDeploying?.configuration.id, selfDeploying?.how], ["default", "default"]);
  });
});
