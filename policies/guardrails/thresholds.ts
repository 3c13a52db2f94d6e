/**
 * Numbers the guardrails judge against, kept in one place so the rules, their tests and the
 * README agree.
 */
import { PASSWORDLESS_MFA_STRENGTH_ID, PHISHING_RESISTANT_MFA_STRENGTH_ID } from "../whatIf/strengths";

/**
 * Minutes a new joiner needs one pass for: Autopilot OOBE, the device-setup phase, at least one
 * reboot, then a Web sign-in to set up Windows Hello. Field reports put this at most of an hour.
 */
export const ENROLLMENT_MINUTES = 60;

/**
 * Beyond a day a reusable pass stops being an onboarding aid and becomes a standing,
 * password-like credential.
 */
export const LONG_LIVED_PASS_MINUTES = 24 * 60;

/**
 * Microsoft's built-in "Phishing-resistant MFA" authentication strength (same id in every tenant).
 * It allows only Windows Hello for Business, FIDO2 and certificate-based MFA: a Temporary Access
 * Pass never satisfies it.
 */
export const PHISHING_RESISTANT_STRENGTH_ID = PHISHING_RESISTANT_MFA_STRENGTH_ID;

/**
 * Microsoft's built-in "Passwordless MFA" strength: the phishing-resistant methods plus
 * Authenticator phone sign-in (`deviceBasedPush`). A Temporary Access Pass never satisfies it either.
 */
export const PASSWORDLESS_STRENGTH_ID = PASSWORDLESS_MFA_STRENGTH_ID;
