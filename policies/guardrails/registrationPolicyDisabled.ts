import type { GuardrailRule } from "./types";

/** PO-CA-003: the registration policy is declared but switched off. */
export const registrationPolicyDisabled: GuardrailRule = {
  id: "PO-CA-003",
  severity: "warning",
  object: "registrationPolicy",
  what: "The security-info registration policy is disabled.",
  why:
    "Without it, anyone holding only a user's password can register their own MFA methods and keep the " +
    "account; start in report-only, then enforce.",
  check(settings) {
    const state = settings.registrationPolicy.state;
    return state === "disabled"
      ? ['registrationPolicy.state is "disabled": use "enabledForReportingButNotEnforced" or "enabled"']
      : [];
  },
};
