import { LONG_LIVED_PASS_MINUTES } from "./thresholds";
import type { GuardrailRule } from "./types";

/** PO-TAP-006: reusable passes that can outlive onboarding by days. */
export const tapLongLived: GuardrailRule = {
  id: "PO-TAP-006",
  severity: "warning",
  object: "temporaryAccessPass",
  what: `Reusable Temporary Access Passes can live longer than ${LONG_LIVED_PASS_MINUTES / 60} hours.`,
  why:
    "A reusable pass satisfies MFA for its whole lifetime; one that lasts days is a standing, shareable " +
    "credential, the very thing passwordless onboarding sets out to remove.",
  check(settings) {
    const tap = settings.temporaryAccessPass;
    if (
      tap.state !== "enabled" ||
      tap.isUsableOnce ||
      tap.maximumLifetimeInMinutes <= LONG_LIVED_PASS_MINUTES
    ) {
      return [];
    }
    return [
      `temporaryAccessPass.maximumLifetimeInMinutes is ${tap.maximumLifetimeInMinutes} with reusable passes ` +
        `(isUsableOnce false): keep it at or below ${LONG_LIVED_PASS_MINUTES}`,
    ];
  },
};
