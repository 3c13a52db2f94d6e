import type { GuardrailRule } from "./types";

/** PO-TAP-001: a one-time pass cannot carry a device through Autopilot and Web sign-in. */
export const tapSingleUse: GuardrailRule = {
  id: "PO-TAP-001",
  severity: "error",
  object: "temporaryAccessPass",
  what: "The Temporary Access Pass is limited to one use while onboarding relies on Web sign-in.",
  why:
    "Autopilot OOBE uses the pass once, then the Windows sign-in screen (through Web sign-in) and " +
    "Windows Hello setup need it again: a one-time pass strands the new joiner mid-enrollment.",
  check(settings) {
    const tap = settings.temporaryAccessPass;
    if (tap.state !== "enabled" || !tap.isUsableOnce) return [];
    return [
      "temporaryAccessPass.isUsableOnce is true: every pass in the tenant becomes one-time; set it to false " +
        "(the person issuing a pass can still choose one-time use for other scenarios)",
    ];
  },
};
