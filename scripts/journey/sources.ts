/**
 * Where the journey check's rules come from, so every "why" in the report can name its source.
 * Microsoft documentation first; field reports only where Microsoft is silent (and marked so).
 */
export const SOURCES = {
  tapHowTo:
    "https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass",
  autopilotProfiles: "https://learn.microsoft.com/autopilot/profiles",
  autopilotKnownIssues: "https://learn.microsoft.com/autopilot/known-issues",
  autopilotPolicyConflicts: "https://learn.microsoft.com/autopilot/policy-conflicts",
  preProvisioningTileReport: "https://patchmypc.com/web-sign-in-tap-missing-after-autopilot-pre-provisioning",
  webSignIn: "https://learn.microsoft.com/windows/security/identity-protection/web-sign-in/",
  enrollmentStatusPage:
    "https://learn.microsoft.com/intune/intune-service/enrollment/windows-enrollment-status",
  deviceGuardCsp: "https://learn.microsoft.com/windows/client-management/mdm/policy-csp-deviceguard",
  compliance: "https://learn.microsoft.com/intune/intune-service/protect/compliance-policy-create-windows",
  updateRingReport: "https://richardbalsley.com/handling-unexpected-reboots-during-autopilot",
  windowsHelloIntune: "https://learn.microsoft.com/intune/intune-service/protect/windows-hello",
  registrationPolicy:
    "https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-security-info-registration",
  deviceTrustType: "https://learn.microsoft.com/graph/api/resources/device",
} as const;
