/**
 * Which objects a stack declares. The Temporary Access Pass policy always; the registration policy
 * and the Web sign-in profile (with the Autopilot group and the assignment that exist only for it)
 * unless their section says `manage: false`.
 */
import type { ManageSetting } from "./settings";

interface ManagedSections {
  registrationPolicy: ManageSetting;
  webSignIn: ManageSetting;
}

export function managesRegistrationPolicy(settings: ManagedSections): boolean {
  return settings.registrationPolicy.manage !== false;
}

/** The Web sign-in profile, its assignment and the Autopilot group. */
export function managesWebSignIn(settings: ManagedSections): boolean {
  return settings.webSignIn.manage !== false;
}
