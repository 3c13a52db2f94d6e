/** Graph faults at the first up's TAP policy, registration policy, group and profile writes (faultScenario.ts). */
import {
  describeFaultCases,
  CA_PATH,
  GROUPS_PATH,
  PROFILES_PATH,
  TAP_PATH,
  unavailable,
} from "./faultScenario";

describeFaultCases(
  "whole deployment: Graph faults at each write of the first up (Entra objects, profile POST)",
  [
    {
      write: "TAP policy PATCH answered 503",
      resource: "onboarding-tap-policy",
      faults: [unavailable("PATCH", TAP_PATH)],
    },
    {
      write: "TAP policy PATCH applied, connection reset, then 503",
      resource: "onboarding-tap-policy",
      faults: [{ method: "PATCH", path: TAP_PATH, reset: "after" }, unavailable("PATCH", TAP_PATH)],
    },
    {
      // Independent steps: both run, both fail, in one up.
      write: "CA policy POST and group POST answered 503",
      resource: ["onboarding-registration-policy", "onboarding-autopilot-group"],
      faults: [unavailable("POST", CA_PATH), unavailable("POST", GROUPS_PATH)],
    },
    {
      write: "profile POST answered 503",
      resource: "onboarding-web-sign-in",
      faults: [unavailable("POST", PROFILES_PATH)],
    },
  ],
);
