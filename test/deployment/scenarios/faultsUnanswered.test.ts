/** Graph faults at the first up's profile and assignment writes whose outcome is unknown (faultScenario.ts). */
import { describeFaultCases, ASSIGN_PATH, EVERY_ATTEMPT, PROFILES_PATH } from "./faultScenario";

describeFaultCases(
  "whole deployment: Graph faults at each write of the first up (unanswered profile POST, assign)",
  [
    {
      // The provider looks the profile up by name after a POST whose outcome is unknown.
      write: "profile POST applied, connection reset",
      resource: "onboarding-web-sign-in",
      faults: [{ method: "POST", path: PROFILES_PATH, reset: "after" }],
      recovers: true,
    },
    {
      // Lookups after the unanswered POST fail, so the create records an unresolved attempt;
      // refresh takes over the profile it made.
      write: "profile POST applied, connection reset, every lookup after it failing; then refresh",
      resource: "onboarding-web-sign-in",
      faults: [
        { method: "POST", path: PROFILES_PATH, reset: "after" },
        { method: "GET", path: PROFILES_PATH, status: 500, skip: 1, times: 4 },
      ],
    },
    {
      // The same without refresh: the next up replaces the unresolved record (deletes what it made first).
      write: "profile POST applied, connection reset, every lookup after it failing; no refresh",
      resource: "onboarding-web-sign-in",
      faults: [
        { method: "POST", path: PROFILES_PATH, reset: "after" },
        { method: "GET", path: PROFILES_PATH, status: 500, skip: 1, times: 4 },
      ],
      refreshBetween: false,
    },
    {
      // Graph's clients retry 429 and 503 the same way; 503 is covered at the other writes.
      write: "assign POST throttled (429) on every attempt",
      resource: "onboarding-web-sign-in-assignment",
      faults: [{ method: "POST", path: ASSIGN_PATH, status: 429, retryAfter: "0", times: EVERY_ATTEMPT }],
    },
  ],
);
