/**
 * What one Pulumi run changed in the tenant, in plain words: one line per resource the run
 * created, updated or deleted, worded from what the sandbox's tenant holds afterwards.
 */
import type { RunResult } from "../../test/deployment/driver";
import type { JsonObject, Sandbox } from "../../test/sandbox";
import { conditionalAccessWords, enablesWebSignIn, groupWords, tapWords, targetName } from "./tenantWords";

/** The component's children (infra/onboarding.ts), by logical name. */
export const RESOURCE = {
  tap: "onboarding-tap-policy",
  registrationPolicy: "onboarding-registration-policy",
  group: "onboarding-autopilot-group",
  profile: "onboarding-web-sign-in",
  assignment: "onboarding-web-sign-in-assignment",
} as const;

const NAME_GUARD_SUFFIX = "-guard";

export interface TenantContext {
  sandbox: Sandbox;
  /** Object id -> how to call it (`group "New hires"`); the demo adds the objects the stack creates. */
  names: Map<string, string>;
  /** Logical name -> how to call the object it manages, remembered at create for the delete. */
  labels: Map<string, string>;
  /** The stack outputs of the last `up`. */
  outputs: Record<string, unknown>;
}

function byId(objects: JsonObject[], id: unknown): JsonObject {
  const found = objects.find((object) => String(object.id).toLowerCase() === String(id).toLowerCase());
  if (!found) throw new Error(`the sandbox's tenant has no object with id ${String(id)}`);
  return found;
}

function created(name: string, context: TenantContext): string {
  const { sandbox, outputs, names, labels } = context;
  switch (name) {
    case RESOURCE.tap:
      labels.set(name, "the Temporary Access Pass policy");
      return `Set the Temporary Access Pass policy (one per tenant: it is changed, never created): ${tapWords(sandbox.tap(), names)}.`;
    case RESOURCE.registrationPolicy: {
      const policy = byId(sandbox.conditionalAccessPolicies(), outputs.registrationPolicyId);
      labels.set(name, `the Conditional Access policy "${String(policy.displayName)}"`);
      return `Created the Conditional Access policy "${String(policy.displayName)}": ${conditionalAccessWords(policy)}.`;
    }
    case RESOURCE.group: {
      const group = byId(sandbox.groups(), outputs.autopilotGroupId);
      names.set(String(group.id), `group "${String(group.displayName)}"`);
      labels.set(name, `the device group "${String(group.displayName)}"`);
      return `Created the dynamic device group "${String(group.displayName)}": ${groupWords(group)}.`;
    }
    case RESOURCE.profile: {
      const profile = byId(sandbox.configurationPolicies(), outputs.webSignInPolicyId);
      const setting = enablesWebSignIn(profile) ? "Web sign-in enabled" : "Web sign-in NOT enabled";
      labels.set(name, `the Intune profile "${String(profile.name)}"`);
      return `Created the Intune settings-catalog profile "${String(profile.name)}": ${setting}.`;
    }
    case RESOURCE.assignment: {
      const profile = byId(sandbox.configurationPolicies(), outputs.webSignInPolicyId);
      const targets = (profile.assignments as { target: JsonObject }[]).map((assignment) =>
        targetName(assignment.target.groupId, names),
      );
      labels.set(name, "the profile's assignment");
      return `Assigned the profile to ${targets.join(", ")}.`;
    }
    default:
      return `Created ${name}.`;
  }
}

function updated(name: string, diffs: string[], context: TenantContext): string {
  const what = context.labels.get(name) ?? name;
  const detail = name === RESOURCE.tap ? `: ${tapWords(context.sandbox.tap(), context.names)}` : "";
  return `Set ${what}'s ${diffs.join(", ") || "properties"} back to the stack's value${detail}.`;
}

function deleted(name: string, context: TenantContext): string {
  if (name === RESOURCE.tap) {
    return `Restored the Temporary Access Pass policy to what the first up found: ${tapWords(context.sandbox.tap(), context.names)}.`;
  }
  if (name === RESOURCE.assignment) return "Removed the profile's assignment.";
  return `Deleted ${context.labels.get(name) ?? name}.`;
}

/** One line per changed resource, in the order the run changed them; the name guards get one line. */
export function changeLines(result: RunResult, context: TenantContext): string[] {
  const lines: string[] = [];
  let guardsSeen = false;
  for (const change of result.changes) {
    if (change.name.endsWith(NAME_GUARD_SUFFIX)) {
      if (!guardsSeen && (change.op === "create" || change.op === "delete")) {
        lines.push(
          change.op === "create"
            ? "Checked that no other Conditional Access policy or group already has these names."
            : "Dropped the name checks (they hold nothing in the tenant).",
        );
      }
      guardsSeen = true;
      continue;
    }
    if (change.op === "create") lines.push(created(change.name, context));
    else if (change.op === "update") lines.push(updated(change.name, change.diffs, context));
    else if (change.op === "delete") lines.push(deleted(change.name, context));
    else if (change.op !== "same" && change.op !== "refresh" && change.op !== "read") {
      lines.push(`${change.op} ${change.name}.`);
    }
  }
  return lines;
}

/** The requests of the run that changed the tenant, e.g. `5 writes to Graph (POST 4, PATCH 1)`. */
export function graphWritesWords(sandbox: Sandbox): string {
  const writes = sandbox.graphRequests().filter((request) => request.method !== "GET");
  if (writes.length === 0) return "no write to Graph";
  const perMethod = new Map<string, number>();
  for (const write of writes) perMethod.set(write.method, (perMethod.get(write.method) ?? 0) + 1);
  const counts = [...perMethod].map(([method, count]) => `${method} ${count}`).join(", ");
  return `${writes.length} ${writes.length === 1 ? "write" : "writes"} to Graph (${counts})`;
}
