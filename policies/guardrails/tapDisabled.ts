import type { GuardrailRule } from "./types";

/** PO-TAP-005: the pass the whole onboarding flow depends on is switched off. */
export const tapDisabled: GuardrailRule = {
  id: "PO-TAP-005",
  severity: "warning",
  object: "temporaryAccessPass",
  what: "The Temporary Access Pass method is disabled.",
  why:
    "Passwordless onboarding starts with a pass: while it is disabled, new joiners cannot set up an " +
    "Autopilot device without a password. Fine during an incident; not as a steady state.",
  check(settings) {
    const state = settings.temporaryAccessPass.state;
    return state === "disabled" ? ['temporaryAccessPass.state is "disabled"'] : [];
  },
};
