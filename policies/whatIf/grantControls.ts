/**
 * Grant controls: `block` is never satisfied; `mfa` is satisfied by any combination of the
 * built-in Multifactor authentication strength (a Temporary Access Pass counts); an
 * authentication strength by one of its allowed combinations; device controls by the persona's
 * device, when given. The operator combines the controls (AND by default). Pure.
 */
import { no, notEvaluated, yes, type Outcome } from "./outcome";
import { MFA_STRENGTH_ID, builtInStrength, findStrength, satisfyingCombination } from "./strengths";
import type { AuthenticationStrength, ConditionalAccessGrantControls, WhatIfPersona } from "./types";

export interface GrantOutcome extends Outcome {
  /** What the persona lacks, when not certainly satisfied. */
  readonly unmet?: string;
}

export function evaluateGrant(
  grant: ConditionalAccessGrantControls | null | undefined,
  persona: WhatIfPersona,
  strengths: readonly AuthenticationStrength[],
): GrantOutcome {
  if (grant === null || grant === undefined) return yes("grant: no grant controls (session controls only)");
  const builtIn = grant.builtInControls.map((control) => control.trim());
  if (builtIn.some((control) => control.toLowerCase() === "block")) {
    return { ...no("grant: block"), unmet: "block" };
  }
  const controls: Outcome[] = [
    ...builtIn.map((control) => builtInControl(control, persona)),
    ...(grant.authenticationStrength
      ? [strengthControl(grant.authenticationStrength, persona, strengths)]
      : []),
    ...(grant.termsOfUse ?? []).map((id) => yes(`terms of use ${id} (accepted during sign-in)`)),
    ...(grant.customAuthenticationFactors ?? []).map((id) =>
      notEvaluated(`custom authentication factor ${id}`),
    ),
  ];
  if (controls.length === 0) return yes("grant: no grant controls");
  const operator = (grant.operator ?? "AND").toUpperCase() === "OR" ? "OR" : "AND";
  const met = controls.filter((control) => control.result === true);
  const failed = controls.filter((control) => control.result === false);
  const unknown = controls.filter((control) => control.result === undefined);
  const all = controls.map((control) => control.reason).join("; ");
  if (operator === "OR" ? met.length > 0 : failed.length === 0 && unknown.length === 0) {
    return yes(
      `grant (${operator}): ${(operator === "OR" ? met : controls).map((c) => c.reason).join("; ")}`,
    );
  }
  if (operator === "OR" ? unknown.length === 0 : failed.length > 0) {
    return { ...no(`grant (${operator}): ${all}`), unmet: describeUnmet(operator, failed) };
  }
  return {
    result: undefined,
    reason: `grant (${operator}): ${all}`,
    unmet: unknown.map((c) => c.reason).join("; "),
  };
}

/** "x" for one control; "x; y" for AND (each is lacking); "one of: x; y" for OR. */
function describeUnmet(operator: "AND" | "OR", failed: readonly Outcome[]): string {
  const reasons = failed.map((control) => control.reason).join("; ");
  return operator === "OR" && failed.length > 1 ? `one of: ${reasons}` : reasons;
}

function builtInControl(control: string, persona: WhatIfPersona): Outcome {
  switch (control.toLowerCase()) {
    case "mfa": {
      const mfa = builtInStrength(MFA_STRENGTH_ID);
      const combination = mfa === undefined ? undefined : satisfyingCombination(mfa, persona);
      return combination !== undefined
        ? yes(`mfa (by ${combination})`)
        : no(
            `multifactor authentication (the persona's methods [${persona.authMethods.join(", ")}] cannot do MFA)`,
          );
    }
    case "compliantdevice":
      if (persona.device === undefined)
        return notEvaluated("grant control compliantDevice (the persona's device is not known)");
      return persona.device.compliant ? yes("compliantDevice") : no("a compliant device");
    case "domainjoineddevice":
      if (persona.device === undefined) {
        return notEvaluated("grant control domainJoinedDevice (the persona's device is not known)");
      }
      return persona.device.domainJoined ? yes("domainJoinedDevice") : no("a hybrid-joined device");
    default:
      return notEvaluated(`grant control ${control}`);
  }
}

function strengthControl(
  reference: NonNullable<ConditionalAccessGrantControls["authenticationStrength"]>,
  persona: WhatIfPersona,
  strengths: readonly AuthenticationStrength[],
): Outcome {
  const strength: Pick<AuthenticationStrength, "displayName" | "allowedCombinations"> | undefined =
    reference.allowedCombinations !== undefined && reference.allowedCombinations.length > 0
      ? {
          displayName: reference.displayName ?? reference.id,
          allowedCombinations: reference.allowedCombinations,
        }
      : findStrength(reference.id, strengths);
  if (strength === undefined) {
    return notEvaluated(`authentication strength ${reference.id} (not among the strengths given)`);
  }
  const combination = satisfyingCombination(strength, persona);
  if (combination !== undefined)
    return yes(`authentication strength ${strength.displayName} (by ${combination})`);
  const why = persona.authMethods.includes("temporaryAccessPass")
    ? "a TAP does not satisfy it"
    : `none of [${persona.authMethods.join(", ")}] is an allowed combination`;
  return no(`authentication strength ${strength.displayName} (${why})`);
}
