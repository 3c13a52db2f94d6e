/**
 * One stack's life on a fresh tenant, step by step as a platform engineer lives it: the first
 * `up`, the preview after it, edits made in the portal and put back, config changes, `destroy`.
 * Each step runs against the state the previous one left.
 */
import * as assert from "node:assert/strict";
import {
  expectChanges,
  GUID,
  stackConfig,
  TAP_PROPERTIES,
  upAndExpect,
  useScenario,
  type Scenario,
} from "./scenario";
import { TAP, CA, GROUP, PROFILE, ASSIGNMENT, CA_GUARD, GROUP_GUARD } from "./resourceNames";

describe("whole deployment: a stack's life on a fresh tenant", function () {
  const scenario = useScenario(this);
  let outputs: Record<string, string> = {};
  const config = () => stackConfig(scenario().ids);

  async function groupTargets(s: Scenario): Promise<string[]> {
    const assignments = await s.tenant.assignments(outputs.webSignInPolicyId);
    return assignments.map((a) => String((a.target as Record<string, unknown>).groupId));
  }

  it("first up creates every object as declared; outputs are bare object ids", async () => {
    const s = scenario();
    const result = await upAndExpect(s, config(), [
      { op: "create", name: CA_GUARD },
      { op: "create", name: GROUP_GUARD },
      { op: "create", name: TAP },
      { op: "create", name: CA },
      { op: "create", name: GROUP },
      { op: "create", name: PROFILE },
      { op: "create", name: ASSIGNMENT },
    ]);
    outputs = result.outputs as Record<string, string>;
    assert.equal(outputs.temporaryAccessPassPolicyId, "TemporaryAccessPass");
    for (const key of [
      "registrationPolicyId",
      "autopilotGroupId",
      "webSignInPolicyId",
      "webSignInAssignmentId",
    ]) {
      assert.match(outputs[key], GUID, `${key} must be a bare object id, found ${outputs[key]}`);
    }

    const tap = await s.tenant.tap();
    assert.equal(tap.state, "enabled");
    assert.equal(tap.defaultLifetimeInMinutes, 480);
    assert.deepEqual(
      (tap.includeTargets as Record<string, unknown>[]).map((t) => [t.targetType, t.id]),
      [["group", s.ids.newHiresGroupId]],
    );

    const policy = await s.tenant.conditionalAccessPolicy(outputs.registrationPolicyId);
    assert.ok(policy, "the registration policy exists");
    assert.equal(policy.state, "enabledForReportingButNotEnforced");
    const conditions = policy.conditions as Record<string, Record<string, unknown>>;
    assert.deepEqual(conditions.applications.includeUserActions, ["urn:user:registersecurityinfo"]);
    for (const id of s.ids.breakGlassUserIds)
      assert.ok((conditions.users.excludeUsers as string[]).includes(id));

    const group = await s.tenant.group(outputs.autopilotGroupId);
    assert.equal(group?.displayName, "Autopilot devices (scenario)");
    assert.match(String(group?.membershipRule), /ZTDId/);

    const profile = await s.tenant.profile(outputs.webSignInPolicyId);
    assert.equal(profile?.name, "Windows - Enable Web Sign-in (scenario)");
    assert.deepEqual(await groupTargets(s), [outputs.autopilotGroupId]);
  });

  it("preview --refresh right after finds no drift and plans nothing", async () => {
    const s = scenario();
    expectChanges(await s.driver.preview(config(), { refresh: true }), []);
  });

  const portalEdits: {
    what: string;
    resource: string;
    diffs: string[];
    edit: (s: Scenario) => Promise<void>;
    check: (s: Scenario) => Promise<void>;
  }[] = [
    {
      what: "the TAP's maximum lifetime",
      resource: TAP,
      diffs: ["maximumLifetimeInMinutes"],
      edit: (s) => s.tenant.editTap({ maximumLifetimeInMinutes: 720 }),
      check: async (s) => assert.equal((await s.tenant.tap()).maximumLifetimeInMinutes, 480),
    },
    {
      what: "the CA policy's state",
      resource: CA,
      diffs: ["state"],
      edit: (s) => s.tenant.editConditionalAccessPolicy(outputs.registrationPolicyId, { state: "disabled" }),
      check: async (s) =>
        assert.equal(
          (await s.tenant.conditionalAccessPolicy(outputs.registrationPolicyId))?.state,
          "enabledForReportingButNotEnforced",
        ),
    },
    {
      what: "a profile setting",
      resource: PROFILE,
      diffs: ["settings"],
      edit: (s) =>
        s.tenant.editProfile(outputs.webSignInPolicyId, (profile) => {
          const [first] = profile.settings as {
            settingInstance: { choiceSettingValue: { value: string } };
          }[];
          first.settingInstance.choiceSettingValue.value =
            first.settingInstance.choiceSettingValue.value.replace(/_1$/, "_0");
        }),
      check: async (s) => {
        const profile = await s.tenant.profile(outputs.webSignInPolicyId);
        const [first] = profile?.settings as { settingInstance: { choiceSettingValue: { value: string } } }[];
        assert.match(first.settingInstance.choiceSettingValue.value, /_1$/);
      },
    },
    {
      what: "an extra assignment",
      resource: ASSIGNMENT,
      diffs: ["assignments"],
      edit: async (s) =>
        s.tenant.assign(outputs.webSignInPolicyId, [
          {
            target: {
              "@odata.type": "#microsoft.graph.groupAssignmentTarget",
              groupId: outputs.autopilotGroupId,
            },
          },
          {
            target: {
              "@odata.type": "#microsoft.graph.groupAssignmentTarget",
              groupId: s.ids.newHiresGroupId,
            },
          },
        ]),
      check: async (s) => assert.deepEqual(await groupTargets(s), [outputs.autopilotGroupId]),
    },
    {
      what: "the group's membership rule",
      resource: GROUP,
      diffs: ["dynamicMembership"],
      edit: (s) =>
        s.tenant.editGroup(outputs.autopilotGroupId, {
          membershipRule: '(device.devicePhysicalIds -any (_ -eq "[OrderID]:other"))',
        }),
      check: async (s) =>
        assert.match(String((await s.tenant.group(outputs.autopilotGroupId))?.membershipRule), /ZTDId/),
    },
  ];

  for (const { what, resource, diffs, edit, check } of portalEdits) {
    it(`${what} changed in the portal: preview --refresh shows exactly it; up --refresh puts it back`, async () => {
      const s = scenario();
      await edit(s);
      const preview = await s.driver.preview(config(), { refresh: true });
      expectChanges(preview, [{ op: "update", name: resource, diffs }]);
      // No separate empty-plan check: the next step's preview --refresh must show only its own edit.
      expectChanges(await s.driver.up(config(), { refresh: true }), [
        { op: "update", name: resource, diffs },
      ]);
      await check(s);
    });
  }

  it("adding autopilot.groupTag changes the group's rule in place and leaves the assignment alone", async () => {
    const s = scenario();
    const tagged = stackConfig(s.ids, {
      autopilot: { groupDisplayName: "Autopilot devices (scenario)", groupTag: "dev" },
    });
    await upAndExpect(s, tagged, [
      { op: "update", name: GROUP, diffs: ["description", "dynamicMembership"] },
    ]);
    assert.match(String((await s.tenant.group(outputs.autopilotGroupId))?.membershipRule), /\[OrderID\]:dev/);
    assert.deepEqual(await groupTargets(s), [outputs.autopilotGroupId]);
  });

  it("switching to autopilot.existingGroupId re-targets the profile first, then deletes the created group", async () => {
    const s = scenario();
    const existing = stackConfig(s.ids, {
      autopilot: {
        groupDisplayName: "Autopilot devices (scenario)",
        existingGroupId: s.ids.existingDeviceGroupId,
      },
    });
    s.sandbox?.clearLog();
    const result = await upAndExpect(s, existing, [
      { op: "update", name: ASSIGNMENT, diffs: ["assignments"] },
      { op: "delete", name: GROUP },
      { op: "delete", name: GROUP_GUARD },
    ]);
    const order = result.changes.filter((c) => c.op !== "same").map((c) => c.name);
    assert.ok(
      order.indexOf(ASSIGNMENT) < order.indexOf(GROUP),
      `the group was deleted before the profile was re-targeted: ${order.join(", ")}`,
    );
    assert.equal(await s.tenant.group(outputs.autopilotGroupId), undefined);
    assert.deepEqual(await groupTargets(s), [s.ids.existingDeviceGroupId]);
    assert.equal((result.outputs as Record<string, string>).autopilotGroupId, s.ids.existingDeviceGroupId);
    if (s.sandbox) {
      const assigns = s.sandbox
        .graphRequests()
        .filter((r) => r.method === "POST" && r.path.endsWith("/assign"));
      for (const request of assigns) {
        assert.notDeepEqual(
          (request.body as { assignments: unknown[] }).assignments,
          [],
          "the profile was left unassigned",
        );
      }
    }
  });

  it("destroy restores the TAP policy found before the first up and removes what the stack created", async () => {
    const s = scenario();
    const existing = stackConfig(s.ids, {
      autopilot: {
        groupDisplayName: "Autopilot devices (scenario)",
        existingGroupId: s.ids.existingDeviceGroupId,
      },
    });
    const result = await s.driver.destroy(existing);
    expectChanges(result, [
      { op: "delete", name: TAP },
      { op: "delete", name: CA },
      { op: "delete", name: PROFILE },
      { op: "delete", name: ASSIGNMENT },
      { op: "delete", name: CA_GUARD },
    ]);
    const tap = await s.tenant.tap();
    for (const key of TAP_PROPERTIES) assert.deepEqual(tap[key], s.tapBefore[key], `TAP ${key}`);
    assert.equal(await s.tenant.conditionalAccessPolicy(outputs.registrationPolicyId), undefined);
    assert.equal(await s.tenant.profile(outputs.webSignInPolicyId), undefined);
    assert.ok(
      await s.tenant.group(s.ids.existingDeviceGroupId),
      "the existing group is not the stack's to delete",
    );
  });
});
