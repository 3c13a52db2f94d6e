import { strict as assert } from "node:assert";
import {
  autopilotFromGroup,
  autopilotRank,
  generatedRuleTag,
  hasAutopilotRule,
} from "../../../scripts/export/map/autopilot";
import type { GraphGroup } from "../../../scripts/export/types";
import { autopilotGroupArgs } from "../../../infra/native/autopilotGroupArgs";
import { ALL_AUTOPILOT_DEVICES_RULE, autopilotMembershipRule } from "../../../policies/autopilotGroup";
import type { AutopilotSettings } from "../../../policies/settings";

const ID = "4d4d4d4d-0000-4000-8000-000000000001";

/** The group as Graph lists it after the azuread provider created it from `settings`. */
function asGraphReads(settings: AutopilotSettings): GraphGroup {
  const args = autopilotGroupArgs(settings) as {
    displayName: string;
    description: string;
    securityEnabled: boolean;
    types: string[];
    dynamicMembership: { enabled: boolean; rule: string };
  };
  return {
    id: ID,
    displayName: args.displayName,
    description: args.description,
    groupTypes: args.types,
    membershipRule: args.dynamicMembership.rule,
    membershipRuleProcessingState: args.dynamicMembership.enabled ? "On" : "Paused",
    securityEnabled: args.securityEnabled,
    mailEnabled: false,
  };
}

function dynamic(rule: string, extra: Partial<GraphGroup> = {}): GraphGroup {
  return { ...asGraphReads({ groupDisplayName: "Devices" }), membershipRule: rule, ...extra };
}

describe("export mapping: group -> autopilot", () => {
  it("round-trips settings -> the group the program creates -> settings (adopted), with nothing to report", () => {
    for (const settings of [
      { groupDisplayName: "Autopilot devices" },
      { groupDisplayName: "Tagged", groupTag: "NewHires 2.0" },
    ]) {
      const mapped = autopilotFromGroup(asGraphReads(settings));
      assert.equal(mapped.adopted, true);
      assert.deepEqual(mapped.findings, []);
      assert.deepEqual(mapped.settings, { ...settings, adoptExisting: true });
    }
  });

  it("recognises Autopilot rules ([ZTDId], [OrderID], [PurchaseOrderId], any case) on dynamic groups only", () => {
    assert.equal(hasAutopilotRule(dynamic(ALL_AUTOPILOT_DEVICES_RULE)), true);
    assert.equal(hasAutopilotRule(dynamic('(device.devicePhysicalIds -any (_ -eq "[OrderID]:X"))')), true);
    assert.equal(
      hasAutopilotRule(dynamic('(device.devicePhysicalIds -any (_ -eq "[PurchaseOrderId]:76222342342"))')),
      true,
    );
    assert.equal(hasAutopilotRule(dynamic('(device.devicePhysicalIDs -any (_ -contains "[ZTDID]"))')), true);
    assert.equal(hasAutopilotRule(dynamic('(device.deviceOSType -eq "Windows")')), false);
    assert.equal(hasAutopilotRule({ ...dynamic(ALL_AUTOPILOT_DEVICES_RULE), groupTypes: [] }), false);
  });

  it("knows exactly the rules the program generates", () => {
    assert.deepEqual(generatedRuleTag(ALL_AUTOPILOT_DEVICES_RULE), { generated: true });
    assert.deepEqual(generatedRuleTag(autopilotMembershipRule("Sales-EU")), {
      generated: true,
      groupTag: "Sales-EU",
    });
    assert.deepEqual(generatedRuleTag('(device.devicePhysicalIDs -any (_ -contains "[ZTDID]"))'), {
      generated: false,
    });
    assert.deepEqual(generatedRuleTag('(device.devicePhysicalIds -any (_ -eq "[OrderID]:a\\"b"))'), {
      generated: false,
    });
    assert.deepEqual(
      generatedRuleTag(`${ALL_AUTOPILOT_DEVICES_RULE} -and (device.accountEnabled -eq true)`),
      { generated: false },
    );
  });

  it("adopts a group with another description, and says pulumi up would change it", () => {
    const mapped = autopilotFromGroup({
      ...asGraphReads({ groupDisplayName: "AP" }),
      description: "made by hand",
    });
    assert.equal(mapped.adopted, true);
    assert.equal(mapped.findings[0].severity, "difference");
    assert.match(
      mapped.findings[0].text,
      /description is "made by hand"; .* write existingGroupId: \{ displayName: "AP" \}/,
    );
  });

  it("adopts a group whose membership processing is paused, and says pulumi up would turn it on", () => {
    const mapped = autopilotFromGroup({
      ...asGraphReads({ groupDisplayName: "AP" }),
      membershipRuleProcessingState: "Paused",
    });
    assert.equal(mapped.adopted, true);
    assert.match(mapped.findings[0].text, /processing is "Paused"; `pulumi up` would turn it on/);
  });

  const referenced: [string, GraphGroup, RegExp][] = [
    [
      "a static group",
      { id: ID, displayName: "Static", groupTypes: [], securityEnabled: true },
      /because it is not a dynamic group/,
    ],
    [
      "another rule",
      dynamic('(device.devicePhysicalIDs -any (_ -contains "[ZTDID]"))'),
      /because its membership rule .* is not one the stack generates/,
    ],
    [
      "a Microsoft 365 group",
      dynamic(ALL_AUTOPILOT_DEVICES_RULE, { groupTypes: ["Unified", "DynamicMembership"] }),
      /because its groupTypes are \["Unified","DynamicMembership"\]/,
    ],
    [
      "a group that is not a security group",
      dynamic(ALL_AUTOPILOT_DEVICES_RULE, { securityEnabled: false }),
      /because it is not a security group/,
    ],
    [
      "a mail-enabled group",
      dynamic(ALL_AUTOPILOT_DEVICES_RULE, { mailEnabled: true }),
      /because it is mail-enabled/,
    ],
  ];
  for (const [name, group, reason] of referenced) {
    it(`references ${name} as existingGroupId, with the reason`, () => {
      const mapped = autopilotFromGroup(group);
      assert.equal(mapped.adopted, false);
      assert.deepEqual(mapped.settings, { existingGroupId: ID });
      assert.equal(mapped.findings[0].severity, "note");
      assert.match(mapped.findings[0].text, reason);
    });
  }

  it("ranks adoptable Autopilot groups first, then other Autopilot groups, then the rest", () => {
    assert.equal(autopilotRank(dynamic(ALL_AUTOPILOT_DEVICES_RULE)), 0);
    assert.equal(autopilotRank(dynamic('(device.devicePhysicalIDs -any (_ -contains "[ZTDID]"))')), 1);
    assert.equal(autopilotRank(dynamic('(device.deviceOSType -eq "Windows")')), 2);
    assert.equal(autopilotRank(undefined), 2);
  });
});
