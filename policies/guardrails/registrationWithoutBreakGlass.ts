import type { GuardrailRule } from "./types";

/** PO-CA-001: an enforced registration policy with no emergency-access accounts excluded. */
export const registrationWithoutBreakGlass: GuardrailRule = {
  id: "PO-CA-001",
  severity: "error",
  object: "registrationPolicy",
  what: "The security-info registration policy is enforced without any break-glass account excluded.",
  why:
    "If MFA becomes unavailable (outage, misconfigured methods), no one can register security info to " +
    "recover; emergency-access accounts must always be excluded from an enforced policy.",
  check(settings) {
    const policy = settings.registrationPolicy;
    if (policy.state !== "enabled") return [];
    const breakGlass = policy.breakGlassUserIds.filter((id) => id.trim() !== "");
    if (breakGlass.length > 0) return [];
    return [
      'registrationPolicy.state is "enabled" and registrationPolicy.breakGlassUserIds is empty: list the ' +
        "object ids of your emergency-access accounts (if they are excluded through a group in " +
        "registrationPolicy.excludeGroupIds instead, suppress this rule with that reason)",
    ];
  },
};
