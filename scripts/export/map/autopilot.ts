/**
 * An Entra group -> `autopilot` settings. A dynamic security group whose rule is exactly what
 * `autopilotMembershipRule` (policies/autopilotGroup.ts) generates, with or without a group tag,
 * is adopted and managed (`groupDisplayName`, `groupTag`, `adoptExisting: true`); any other group
 * is referenced as `existingGroupId` and left as it is, with the reason in the report.
 */
import { autopilotGroupDescription } from "../../../infra/native/autopilotGroupArgs";
import { autopilotMembershipRule, groupTagProblem } from "../../../policies/autopilotGroup";
import { difference, note, type Finding, type GraphGroup } from "../types";

/** Device attributes only Windows Autopilot sets (Intune docs, enrollment-autopilot.md). */
const AUTOPILOT_RULE_MARKER = /\[(ztdid|orderid|purchaseorderid)\]/i;
const DYNAMIC = "DynamicMembership";
const TAGGED_RULE = /^\(device\.devicePhysicalIds -any \(_ -eq "\[OrderID\]:(.*)"\)\)$/;

/** The exported autopilot settings with the group as an object id. */
export interface AutopilotSettingsWithIds {
  groupDisplayName?: string;
  groupTag?: string;
  existingGroupId?: string;
  adoptExisting?: boolean;
}

export interface AutopilotMapping {
  settings: AutopilotSettingsWithIds;
  /** True when the group is adopted (managed by the stack from now on). */
  adopted: boolean;
  findings: Finding[];
}

export function isDynamic(group: GraphGroup): boolean {
  return (group.groupTypes ?? []).includes(DYNAMIC);
}

/** A dynamic group whose rule names an Autopilot device attribute ([ZTDId], [OrderID], [PurchaseOrderId]). */
export function hasAutopilotRule(group: GraphGroup): boolean {
  return isDynamic(group) && AUTOPILOT_RULE_MARKER.test(group.membershipRule ?? "");
}

/**
 * `{ generated: true, groupTag }` when `rule` is exactly a rule autopilotMembershipRule produces
 * (groupTag undefined for the all-devices rule); `{ generated: false }` otherwise.
 */
export function generatedRuleTag(
  rule: string,
): { generated: true; groupTag?: string } | { generated: false } {
  if (rule === autopilotMembershipRule()) return { generated: true };
  const tag = TAGGED_RULE.exec(rule)?.[1];
  if (tag === undefined || groupTagProblem(tag) !== undefined) return { generated: false };
  return autopilotMembershipRule(tag) === rule ? { generated: true, groupTag: tag } : { generated: false };
}

/** Why the program could not take the group over as its own; undefined when it can. */
function notAdoptableBecause(group: GraphGroup): string | undefined {
  if (!isDynamic(group)) return "it is not a dynamic group";
  const rule = group.membershipRule ?? "";
  if (!generatedRuleTag(rule).generated) {
    return (
      `its membership rule ${JSON.stringify(rule)} is not one the stack generates ` +
      `(${JSON.stringify(autopilotMembershipRule())}, or the same with one group tag)`
    );
  }
  const types = group.groupTypes ?? [];
  if (types.length !== 1)
    return `its groupTypes are ${JSON.stringify(types)} (the stack's group is ["${DYNAMIC}"])`;
  if (group.securityEnabled !== true) return "it is not a security group";
  if (group.mailEnabled === true) return "it is mail-enabled";
  return undefined;
}

export function autopilotFromGroup(group: GraphGroup): AutopilotMapping {
  const name = group.displayName ?? group.id;
  const reason = notAdoptableBecause(group);
  if (reason !== undefined) {
    return {
      settings: { existingGroupId: group.id },
      adopted: false,
      findings: [
        note(
          `The group "${name}" is referenced as existingGroupId and left as it is (not managed by the stack), ` +
            `because ${reason}.`,
        ),
      ],
    };
  }
  const { groupTag } = generatedRuleTag(group.membershipRule ?? "") as { generated: true; groupTag?: string };
  const findings: Finding[] = [];
  const description = autopilotGroupDescription(groupTag);
  if ((group.description ?? "") !== description) {
    findings.push(
      difference(
        `The group's description is ${JSON.stringify(group.description ?? null)}; the stack sets ` +
          `${JSON.stringify(description)}, so \`pulumi up\` would change it. To leave the group untouched, write ` +
          `existingGroupId: { displayName: ${JSON.stringify(name)} } instead of groupDisplayName and adoptExisting.`,
      ),
    );
  }
  if ((group.membershipRuleProcessingState ?? "On") !== "On") {
    findings.push(
      difference(
        `Dynamic membership processing is ${JSON.stringify(group.membershipRuleProcessingState)}; \`pulumi up\` would turn it on.`,
      ),
    );
  }
  const settings: AutopilotSettingsWithIds = { groupDisplayName: name };
  if (groupTag !== undefined) settings.groupTag = groupTag;
  settings.adoptExisting = true;
  return { settings, adopted: true, findings };
}

/** Lower is a better Autopilot group: 0 adoptable as is, 1 another Autopilot rule, 2 anything else. */
export function autopilotRank(group: GraphGroup | undefined): number {
  if (group === undefined || !hasAutopilotRule(group)) return 2;
  return notAdoptableBecause(group) === undefined ? 0 : 1;
}
