import { ALL_USERS } from "../settings";
import type { GuardrailRule } from "./types";

/** PO-TAP-003: a TAP policy that no user falls under. */
export const tapTargetsNobody: GuardrailRule = {
  id: "PO-TAP-003",
  severity: "error",
  object: "temporaryAccessPass",
  what: "The Temporary Access Pass policy is enabled but applies to no one.",
  why:
    "With no included group left after exclusions, no pass can be issued, so new joiners cannot " +
    "sign in to Autopilot or register any passwordless method.",
  check(settings) {
    const tap = settings.temporaryAccessPass;
    if (tap.state !== "enabled") return [];
    const included = tap.includeGroupIds.map(normalizeId);
    const excluded = new Set(tap.excludeGroupIds.map(normalizeId));
    if (included.length === 0) {
      return ["temporaryAccessPass.includeGroupIds is empty: the policy targets no user"];
    }
    if (excluded.has(ALL_USERS)) {
      return [`temporaryAccessPass.excludeGroupIds contains "${ALL_USERS}": every user is excluded`];
    }
    if (included.every((id) => excluded.has(id))) {
      return [
        "every id in temporaryAccessPass.includeGroupIds is also in temporaryAccessPass.excludeGroupIds " +
          `(${tap.includeGroupIds.join(", ")}): exclusions win, so the policy targets no user`,
      ];
    }
    return [];
  },
};

/** Object ids are GUIDs, compared case-insensitively by Entra. */
function normalizeId(id: string): string {
  return id.trim().toLowerCase();
}
