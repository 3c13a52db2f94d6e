/**
 * Authentication strengths: Microsoft's three built-in ones (same ids in every tenant) and how a
 * persona's sign-in methods satisfy a strength's allowed combinations. Pure: no Pulumi, no I/O.
 */
import type { AuthenticationStrength, WhatIfPersona } from "./types";

export const MFA_STRENGTH_ID = "00000000-0000-0000-0000-000000000002";
export const PASSWORDLESS_MFA_STRENGTH_ID = "00000000-0000-0000-0000-000000000003";
export const PHISHING_RESISTANT_MFA_STRENGTH_ID = "00000000-0000-0000-0000-000000000004";

/** Graph `authenticationMethodModes` for the two kinds of Temporary Access Pass. */
export const TAP_ONE_TIME = "temporaryAccessPassOneTime";
export const TAP_MULTI_USE = "temporaryAccessPassMultiUse";

/** The built-in strengths as GET /policies/authenticationStrengthPolicies returns them. */
export const BUILT_IN_STRENGTHS: readonly AuthenticationStrength[] = [
  {
    id: MFA_STRENGTH_ID,
    displayName: "Multifactor authentication",
    policyType: "builtIn",
    requirementsSatisfied: "mfa",
    allowedCombinations: [
      "windowsHelloForBusiness",
      "fido2",
      "x509CertificateMultiFactor",
      "deviceBasedPush",
      TAP_ONE_TIME,
      TAP_MULTI_USE,
      "password,microsoftAuthenticatorPush",
      "password,softwareOath",
      "password,hardwareOath",
      "password,x509CertificateSingleFactor",
      "password,x509CertificateMultiFactor",
      "password,sms",
      "password,voice",
      "federatedMultiFactor",
      "microsoftAuthenticatorPush,federatedSingleFactor",
      "softwareOath,federatedSingleFactor",
      "hardwareOath,federatedSingleFactor",
      "sms,federatedSingleFactor",
      "voice,federatedSingleFactor",
    ],
  },
  {
    id: PASSWORDLESS_MFA_STRENGTH_ID,
    displayName: "Passwordless MFA",
    policyType: "builtIn",
    requirementsSatisfied: "mfa",
    allowedCombinations: [
      "windowsHelloForBusiness",
      "fido2",
      "x509CertificateMultiFactor",
      "deviceBasedPush",
    ],
  },
  {
    id: PHISHING_RESISTANT_MFA_STRENGTH_ID,
    displayName: "Phishing resistant MFA",
    policyType: "builtIn",
    requirementsSatisfied: "mfa",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
  },
];

/** A strength id as given: bare, any case, or the `/policies/authenticationStrengthPolicies/<id>` path. */
export function normalizeStrengthId(id: string): string {
  return (id.trim().split("/").pop() ?? "").toLowerCase();
}

/** The built-in strength with this id, if it is one. */
export function builtInStrength(id: string): AuthenticationStrength | undefined {
  const wanted = normalizeStrengthId(id);
  return BUILT_IN_STRENGTHS.find((strength) => strength.id === wanted);
}

/** A tenant strength by id (given list first, then the built-ins). */
export function findStrength(
  id: string,
  strengths: readonly AuthenticationStrength[],
): AuthenticationStrength | undefined {
  const wanted = normalizeStrengthId(id);
  return strengths.find((strength) => normalizeStrengthId(strength.id) === wanted) ?? builtInStrength(id);
}

/** A combination as a set of lower-case method modes ("password, sms" -> {password, sms}). */
export function combinationModes(combination: string): string[] {
  return combination
    .split(",")
    .map((mode) => mode.trim().toLowerCase())
    .filter((mode) => mode !== "");
}

/** Whether any combination is exactly one given method mode (compared ignoring spaces and case). */
export function allowsMode(
  strength: Pick<AuthenticationStrength, "allowedCombinations">,
  mode: string,
): boolean {
  const wanted = mode.toLowerCase();
  return strength.allowedCombinations.some((combination) => {
    const modes = combinationModes(combination);
    return modes.length === 1 && modes[0] === wanted;
  });
}

/** The `authenticationMethodModes` a persona can present. */
export function personaModes(persona: WhatIfPersona): Set<string> {
  const modes = new Set<string>();
  for (const method of persona.authMethods) {
    if (method === "temporaryAccessPass") {
      modes.add((persona.temporaryAccessPassKind === "oneTime" ? TAP_ONE_TIME : TAP_MULTI_USE).toLowerCase());
    } else {
      modes.add(method.toLowerCase());
    }
  }
  return modes;
}

/** The first allowed combination the persona can present, if any. */
export function satisfyingCombination(
  strength: Pick<AuthenticationStrength, "allowedCombinations">,
  persona: WhatIfPersona,
): string | undefined {
  const modes = personaModes(persona);
  return strength.allowedCombinations.find((combination) => {
    const needed = combinationModes(combination);
    return needed.length > 0 && needed.every((mode) => modes.has(mode));
  });
}
