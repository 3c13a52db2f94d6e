/**
 * Step 5 — registration: with only a pass, can a new joiner register Windows Hello, a FIDO2 key or
 * Authenticator under the tenant's Conditional Access policies as they are now? Preflight's
 * what-if evaluator (policies/whatIf) judges the live policies for its "new joiner with a Temporary
 * Access Pass" persona: in the joiners' groups, off any trusted network, on a new device, with a
 * multi-use pass (one-time when the tenant's policy says so). A pass satisfies "require MFA" and the
 * built-in MFA strength, not Passwordless or Phishing-resistant MFA
 * (https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-security-info-registration).
 */
import { managesRegistrationPolicy } from "../../../policies/managed";
import { evaluateRegistration, standardPersonas } from "../../../policies/whatIf";
import type { WhatIfPolicyVerdict } from "../../../policies/whatIf/types";
import type { JourneyFacts } from "../facts";
import { SOURCES } from "../sources";
import { step, type Finding, type JourneyStep } from "../types";

function describe(verdict: WhatIfPolicyVerdict): string {
  return `"${verdict.displayName}" (${verdict.policyId})${verdict.unmet ? ` requires ${verdict.unmet}` : ""}`;
}

export function registrationStep(facts: JourneyFacts): JourneyStep {
  const title = "Registration: Windows Hello, FIDO2 or Authenticator with the pass";
  const notRead = [facts.conditionalAccess, facts.joiners].flatMap((outcome): Finding[] =>
    outcome.ok ? [] : [{ verdict: "not checked", evidence: outcome.notChecked }],
  );
  if (!facts.conditionalAccess.ok || !facts.joiners.ok) return step(5, title, notRead);
  const oneTime = facts.tap.ok
    ? facts.tap.value.isUsableOnce
    : facts.settings.temporaryAccessPass.isUsableOnce;
  const persona = standardPersonas({
    breakGlassUserIds: [],
    tapIncludeGroupIds: facts.joiners.value.groups.map((group) => group.id),
    tapIsUsableOnce: oneTime,
  }).find((candidate) => candidate.authMethods.includes("temporaryAccessPass"));
  if (persona === undefined) throw new Error("the what-if has no new-joiner persona");
  const { policies, strengths } = facts.conditionalAccess.value;
  const result = evaluateRegistration(policies, persona, strengths);
  const pass = oneTime ? "a one-time pass" : "a multi-use pass";
  const findings: Finding[] = result.blockedBy.map((verdict) => ({
    verdict: "blocked",
    evidence: `${describe(verdict)}: it applies to a new joiner registering security info with ${pass}, who cannot satisfy it`,
    why: `a new joiner's only method is the pass, which satisfies "require MFA" and the built-in MFA strength only (${SOURCES.registrationPolicy})`,
    change:
      "let the policy accept the pass: require MFA, or an authentication strength that allows temporaryAccessPassMultiUse (registrationPolicy.authenticationStrengthPolicyId for the stack's own policy)",
  }));
  findings.push(
    ...result.uncertain.map((text): Finding => ({
      verdict: "at risk",
      evidence: text,
      why: "the what-if cannot decide this condition offline; Graph's What If (preflight) can confirm it for a real user",
    })),
  );
  if (findings.length === 0) {
    const applying = result.verdicts.filter((verdict) => verdict.applies && verdict.enforced);
    findings.push({
      verdict: "ok",
      evidence:
        applying.length === 0
          ? `no enforced Conditional Access policy applies to a new joiner registering security info with ${pass}`
          : `a new joiner with ${pass} satisfies every enforced policy that applies: ${applying.map(describe).join(", ")}`,
    });
  }
  const own = policies.find((policy) => policy.displayName === facts.settings.registrationPolicy.displayName);
  findings.push({
    verdict: "ok",
    evidence: !managesRegistrationPolicy(facts.settings)
      ? "this stack declares no registration policy (registrationPolicy.manage is false): judged the live policies"
      : own === undefined
        ? `the stack's registration policy "${facts.settings.registrationPolicy.displayName}" is not in the tenant yet (judged: the live policies)`
        : `the stack's registration policy "${own.displayName}" (${own.id ?? "?"}) is in the tenant, state "${own.state}"`,
  });
  return step(5, title, findings);
}
