import { ENROLLMENT_MINUTES } from "./thresholds";
import type { GuardrailRule } from "./types";

/** PO-TAP-002: passes that expire before a device has finished enrolling. */
export const tapLifetimeTooShort: GuardrailRule = {
  id: "PO-TAP-002",
  severity: "warning",
  object: "temporaryAccessPass",
  what: `Temporary Access Pass lifetimes allow passes shorter than enrollment takes (${ENROLLMENT_MINUTES} minutes).`,
  why:
    "Autopilot device setup, a reboot and the Windows Hello setup after it commonly take most of an hour; " +
    "a pass that expires in between leaves the device half-enrolled and the new joiner locked out.",
  check(settings) {
    const tap = settings.temporaryAccessPass;
    if (tap.state !== "enabled") return [];
    const details: string[] = [];
    if (tap.maximumLifetimeInMinutes < ENROLLMENT_MINUTES) {
      details.push(
        `temporaryAccessPass.maximumLifetimeInMinutes is ${tap.maximumLifetimeInMinutes}: no pass can last ` +
          `the ${ENROLLMENT_MINUTES} minutes enrollment needs`,
      );
    }
    if (tap.defaultLifetimeInMinutes < ENROLLMENT_MINUTES) {
      details.push(
        `temporaryAccessPass.defaultLifetimeInMinutes is ${tap.defaultLifetimeInMinutes}: a pass issued ` +
          `without choosing a lifetime expires before the ${ENROLLMENT_MINUTES} minutes enrollment needs`,
      );
    }
    return details;
  },
};
