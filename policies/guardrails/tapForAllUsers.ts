import { ALL_USERS } from "../settings";
import type { GuardrailRule } from "./types";

/** PO-TAP-004: TAP open to the whole tenant rather than to new joiners. */
export const tapForAllUsers: GuardrailRule = {
  id: "PO-TAP-004",
  severity: "warning",
  object: "temporaryAccessPass",
  what: "Any user in the tenant can be issued a Temporary Access Pass.",
  why:
    "A pass satisfies MFA, so whoever can issue one (or trick the help desk into it) can take over any " +
    "account; scoping the policy to a new-joiner group limits that to people who are onboarding.",
  check(settings) {
    const tap = settings.temporaryAccessPass;
    if (tap.state !== "enabled" || !tap.includeGroupIds.some((id) => id.trim().toLowerCase() === ALL_USERS)) {
      return [];
    }
    return [
      `temporaryAccessPass.includeGroupIds contains "${ALL_USERS}": include a new-joiner group's object id instead`,
    ];
  },
};
