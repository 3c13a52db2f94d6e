/** The names infra/index.ts gives the component's children (the component is named `onboarding`). */
export const TAP = "onboarding-tap-policy";
export const CA = "onboarding-registration-policy";
export const GROUP = "onboarding-autopilot-group";
export const PROFILE = "onboarding-web-sign-in";
export const ASSIGNMENT = "onboarding-web-sign-in-assignment";
export const CA_GUARD = "onboarding-registration-policy-guard";
export const GROUP_GUARD = "onboarding-autopilot-group-guard";
