import { strict as assert } from "node:assert";
import { DEFAULT_SETTINGS, type OnboardingSettings } from "../../policies/settings";
import { describeOnboarding } from "../../policies/summary";

const NEW_HIRES = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01";
const CONTRACTORS = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d02";
const BREAK_GLASS = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01";
const EXISTING_GROUP = "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01";
const STRENGTH = "4c2e8a90-6b1d-4f3e-9a7c-5d8e0f1a2b03";

function settingsWith(patch: {
  [K in keyof OnboardingSettings]?: Partial<OnboardingSettings[K]>;
}): OnboardingSettings {
  return {
    temporaryAccessPass: { ...DEFAULT_SETTINGS.temporaryAccessPass, ...patch.temporaryAccessPass },
    registrationPolicy: { ...DEFAULT_SETTINGS.registrationPolicy, ...patch.registrationPolicy },
    autopilot: { ...DEFAULT_SETTINGS.autopilot, ...patch.autopilot },
    webSignIn: { ...DEFAULT_SETTINGS.webSignIn, ...patch.webSignIn },
    guardrails: { ...DEFAULT_SETTINGS.guardrails, ...patch.guardrails },
  };
}

describe("describeOnboarding", () => {
  it("summarises the defaults: TAP for all users, report-only CA, the created Autopilot group", () => {
    assert.equal(
      describeOnboarding(settingsWith({})),
      "TAP enabled for all users, one-time use off, 60-480 min (default 60); " +
        "CA report-only (MFA, 0 break-glass accounts excluded); Web sign-in -> group Autopilot devices",
    );
  });

  it("counts included and excluded groups, break-glass accounts and names the group tag", () => {
    const settings = settingsWith({
      temporaryAccessPass: {
        includeGroupIds: [NEW_HIRES],
        excludeGroupIds: [CONTRACTORS],
        defaultLifetimeInMinutes: 240,
        maximumLifetimeInMinutes: 720,
      },
      registrationPolicy: { state: "enabled", breakGlassUserIds: [BREAK_GLASS] },
      autopilot: { groupTag: "Kiosk-01" },
    });
    assert.equal(
      describeOnboarding(settings),
      "TAP enabled for 1 group (1 group excluded), one-time use off, 60-720 min (default 240); " +
        "CA enforced (MFA, 1 break-glass account excluded); Web sign-in -> group Autopilot devices, group tag Kiosk-01",
    );
  });

  it("says when TAP is disabled, an authentication strength is required and an existing group is used", () => {
    const settings = settingsWith({
      temporaryAccessPass: { state: "disabled" },
      registrationPolicy: { state: "disabled", authenticationStrengthPolicyId: STRENGTH },
      autopilot: { existingGroupId: EXISTING_GROUP },
    });
    assert.equal(
      describeOnboarding(settings),
      "TAP disabled; CA disabled (authentication strength, 0 break-glass accounts excluded); " +
        `Web sign-in -> existing group ${EXISTING_GROUP}`,
    );
  });

  it("says which objects the stack leaves to the tenant (manage: false)", () => {
    const settings = settingsWith({
      temporaryAccessPass: { includeGroupIds: [NEW_HIRES] },
      registrationPolicy: { manage: false, state: "enabled" },
      webSignIn: { manage: false },
    });
    assert.equal(
      describeOnboarding(settings),
      "TAP enabled for 1 group, one-time use off, 60-480 min (default 60); CA not managed here; " +
        "Web sign-in not managed here",
    );
  });
});
