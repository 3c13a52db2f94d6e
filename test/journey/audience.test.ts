/** Who an Intune assignment reaches: devices through groups, exclusions and filters; joiners through user targets. */
import { strict as assert } from "node:assert";
import { Audience } from "../../scripts/journey/audience";
import type { AssignmentTarget } from "../../scripts/journey/targets";

const AUTOPILOT = "aaaaaaaa-0000-4000-8000-000000000001";
const KIOSKS = "aaaaaaaa-0000-4000-8000-000000000002";
const UNREADABLE = "aaaaaaaa-0000-4000-8000-000000000003";
const JOINERS = "aaaaaaaa-0000-4000-8000-000000000004";
const PC = { id: "d1", label: "PC-0001" };
const KIOSK = { id: "d2", label: "KIOSK-01" };

const audience = new Audience({
  groupId: AUTOPILOT,
  devices: [PC, KIOSK],
  membership: new Map([
    [KIOSKS, new Set(["d2"])],
    [UNREADABLE, undefined],
  ]),
  joinerGroupIds: [JOINERS],
});
const group = (groupId: string, filter?: AssignmentTarget["filter"]): AssignmentTarget => ({
  kind: "group",
  groupId,
  ...(filter === undefined ? {} : { filter }),
});
const exclusion = (groupId: string): AssignmentTarget => ({ kind: "exclusion", groupId });

describe("journey audience", () => {
  it("reaches a device through the Autopilot group or all devices, and not otherwise", () => {
    assert.equal(audience.reach([group(AUTOPILOT)], PC).reach, "reaches");
    assert.equal(audience.reach([{ kind: "allDevices" }], PC).reach, "reaches");
    assert.equal(audience.reach([{ kind: "allDevices" }], PC, false).reach, "not assigned");
    assert.equal(audience.reach([group(KIOSKS)], PC).reach, "not assigned");
    assert.equal(audience.reach([group(KIOSKS)], KIOSK).reach, "reaches");
  });

  it("lets an exclusion group win over any include", () => {
    assert.deepEqual(audience.reach([group(AUTOPILOT), exclusion(KIOSKS)], KIOSK), {
      reach: "excluded",
      excludedBy: KIOSKS,
    });
    assert.deepEqual(audience.count([group(AUTOPILOT), exclusion(KIOSKS)]).excluded, [KIOSK]);
  });

  it("calls a reach through a filter 'filtered', unless an unfiltered target also reaches", () => {
    const filter = { id: "f1", type: "include" };
    assert.deepEqual(audience.reach([group(AUTOPILOT, filter)], PC), { reach: "filtered", filter });
    assert.equal(audience.reach([group(AUTOPILOT, filter), { kind: "allDevices" }], PC).reach, "reaches");
  });

  it("says 'unknown' when a targeted group's members could not be read", () => {
    assert.equal(audience.reach([group(UNREADABLE)], PC).reach, "unknown");
    assert.equal(audience.reach([group(AUTOPILOT), exclusion(UNREADABLE)], PC).reach, "unknown");
  });

  it("reaches the joiners through all licensed users or their group, unless their group is excluded", () => {
    assert.equal(audience.reachesJoiners([{ kind: "allUsers" }]), true);
    assert.equal(audience.reachesJoiners([group(JOINERS)]), true);
    assert.equal(audience.reachesJoiners([group(AUTOPILOT)]), false);
    assert.equal(audience.reachesJoiners([{ kind: "allUsers" }, exclusion(JOINERS)]), false);
  });

  it("stands in one device for an empty group: in the Autopilot group only", () => {
    const empty = new Audience({
      groupId: AUTOPILOT,
      devices: [],
      membership: new Map(),
      joinerGroupIds: [],
    });
    assert.equal(empty.standIn, true);
    assert.equal(empty.reach([group(AUTOPILOT)], empty.devices[0]).reach, "reaches");
    assert.equal(empty.reach([group(KIOSKS)], empty.devices[0]).reach, "not assigned");
  });
});
