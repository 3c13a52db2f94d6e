/**
 * Placeholder ids: the stand-ins of Pulumi.dev.yaml and the README,
 * `00000000-0000-0000-0000-0000000000xx` (`a1`, `b1`, `c1`, ...).
 *
 * The rule: an id is a placeholder when its first 30 hex digits are all zero (the nil GUID
 * included). Entra object ids and directory role template ids are random (version 4) GUIDs, so no
 * real group, user or role has one. The only real ids of that form this project meets are
 * Microsoft's built-in authentication strengths (…0002 Multifactor authentication, …0003
 * Passwordless MFA, …0004 Phishing-resistant MFA; graph-facts-round2.md §2.8), which are accepted
 * as `authenticationStrengthPolicyId`.
 */

const PLACEHOLDER = /^00000000-0000-0000-0000-0000000000[0-9a-f]{2}$/i;

export const BUILT_IN_AUTHENTICATION_STRENGTH_IDS: readonly string[] = [
  "00000000-0000-0000-0000-000000000002",
  "00000000-0000-0000-0000-000000000003",
  "00000000-0000-0000-0000-000000000004",
];

export type IdKind = "group" | "user" | "roleTemplate" | "authenticationStrength";

export function isPlaceholderId(id: string, kind: IdKind): boolean {
  if (!PLACEHOLDER.test(id)) return false;
  if (kind === "authenticationStrength")
    return !BUILT_IN_AUTHENTICATION_STRENGTH_IDS.includes(id.toLowerCase());
  return true;
}
