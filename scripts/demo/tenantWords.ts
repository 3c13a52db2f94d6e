/** The demo's tenant objects in plain words, read from the sandbox's state (what Graph would return). */
import type { JsonObject } from "../../test/sandbox";

const CA_STATE_WORDS: Record<string, string> = {
  enabled: "enforced",
  disabled: "disabled",
  enabledForReportingButNotEnforced: "report-only",
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function list(value: unknown): JsonObject[] {
  return Array.isArray(value) ? (value as JsonObject[]) : [];
}

/** A target id as a reader knows it: `all users`, or the name the demo gave the object. */
export function targetName(id: unknown, names: ReadonlyMap<string, string>): string {
  if (id === "all_users") return "all users";
  return names.get(String(id)) ?? `object ${String(id)}`;
}

/** e.g. `enabled for group "New hires", 480-minute default lifetime (60-480 allowed), reusable, 8 characters`. */
export function tapWords(tap: JsonObject, names: ReadonlyMap<string, string>): string {
  const targets = list(tap.includeTargets).map((target) => targetName(target.id, names));
  const excluded = list(tap.excludeTargets).map((target) => targetName(target.id, names));
  return (
    `${String(tap.state)} for ${targets.join(", ") || "nobody"}` +
    (excluded.length > 0 ? ` except ${excluded.join(", ")}` : "") +
    `, ${String(tap.defaultLifetimeInMinutes)}-minute default lifetime ` +
    `(${String(tap.minimumLifetimeInMinutes)}-${String(tap.maximumLifetimeInMinutes)} allowed), ` +
    `${tap.isUsableOnce === true ? "one-time" : "reusable"}, ${String(tap.defaultLength)} characters`
  );
}

/** e.g. `report-only, MFA required to register security info, 2 break-glass accounts excluded`. */
export function conditionalAccessWords(policy: JsonObject): string {
  const conditions = (policy.conditions ?? {}) as Record<string, JsonObject>;
  // excludeUsers also holds the keyword GuestsOrExternalUsers when guests are excluded.
  const excludeUsers: unknown = conditions.users?.excludeUsers;
  const excludedUsers = Array.isArray(excludeUsers)
    ? excludeUsers.filter((id) => typeof id === "string" && GUID.test(id)).length
    : 0;
  const state = CA_STATE_WORDS[String(policy.state)] ?? String(policy.state);
  return `${state}, MFA required to register security info, ${plural(excludedUsers, "break-glass account")} excluded`;
}

/** e.g. `every Autopilot device (rule ...)`. */
export function groupWords(group: JsonObject): string {
  const rule = typeof group.membershipRule === "string" ? group.membershipRule : "";
  const who = rule.includes("[ZTDId]") ? "every Autopilot device" : "Autopilot devices with its group tag";
  return `${who}, rule ${rule}`;
}

/** Whether a settings-catalog profile holds "Enable Web Sign In = Enabled". */
export function enablesWebSignIn(profile: JsonObject): boolean {
  return JSON.stringify(profile.settings ?? []).includes("authentication_enablewebsignin_1");
}
