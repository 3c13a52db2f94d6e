import type { GuardrailRule } from "./types";

/** PO-WSI-001: the Web sign-in profile would reach no device. */
export const webSignInUnassigned: GuardrailRule = {
  id: "PO-WSI-001",
  severity: "error",
  object: "webSignIn",
  what: "The Web sign-in profile is assigned to no device group.",
  why:
    "After device setup Windows accepts a Temporary Access Pass only through Web sign-in; a profile " +
    "that reaches no Autopilot device leaves new joiners at a sign-in screen their pass cannot open.",
  check(settings) {
    const autopilot = settings.autopilot;
    const existingGroupId = autopilot.existingGroupId?.trim() ?? "";
    const groupDisplayName = autopilot.groupDisplayName.trim();
    if (existingGroupId !== "" || groupDisplayName !== "") return [];
    return [
      "autopilot.existingGroupId is not set and autopilot.groupDisplayName is empty: set one so the " +
        "profile has a device group to be assigned to",
    ];
  },
};
