import { registrationStrengthWithoutPass } from "../../../policies/guardrails/registrationStrengthWithoutPass";
import type { AuthenticationStrength } from "../../../policies/whatIf";
import { expectRule } from "./expectRule";

const CUSTOM_ID = "5b1b2c3d-0000-4000-8000-00000000abcd";

function customStrength(allowedCombinations: string[]): AuthenticationStrength {
  return {
    id: CUSTOM_ID,
    displayName: "Phishing-resistant MFA or TAP",
    policyType: "custom",
    requirementsSatisfied: "mfa",
    allowedCombinations,
  };
}

const withCustomStrength = {
  registrationPolicy: { state: "enabled", authenticationStrengthPolicyId: CUSTOM_ID },
} as const;

describe("PO-CA-004 custom registration strength that does not allow the pass", () => {
  it("accepts a custom strength that allows the multi-use pass the onboarding issues", () => {
    expectRule(registrationStrengthWithoutPass, {
      authenticationStrengths: [
        customStrength(["fido2", "windowsHelloForBusiness", "temporaryAccessPassMultiUse"]),
      ],
    }).compliant(withCustomStrength);
  });

  it("accepts a one-time-only strength when the tenant issues only one-time passes", () => {
    expectRule(registrationStrengthWithoutPass, {
      authenticationStrengths: [customStrength(["fido2", "temporaryAccessPassOneTime"])],
    }).compliant({ ...withCustomStrength, temporaryAccessPass: { isUsableOnce: true } });
  });

  it("warns about a custom strength that allows neither kind of pass, naming its combinations", () => {
    expectRule(registrationStrengthWithoutPass, {
      authenticationStrengths: [
        customStrength(["fido2", "windowsHelloForBusiness", "x509CertificateMultiFactor"]),
      ],
    }).nonCompliant(
      withCustomStrength,
      /^registrationPolicy\.authenticationStrengthPolicyId is the custom strength "Phishing-resistant MFA or TAP" \(5b1b2c3d-0000-4000-8000-00000000abcd\), whose allowedCombinations \(fido2, windowsHelloForBusiness, x509CertificateMultiFactor\) include neither temporaryAccessPassOneTime nor temporaryAccessPassMultiUse/,
    );
  });

  it("warns about a strength that allows only one-time passes while onboarding needs multi-use ones", () => {
    expectRule(registrationStrengthWithoutPass, {
      authenticationStrengths: [customStrength(["fido2", "temporaryAccessPassOneTime"])],
    }).nonCompliant(withCustomStrength, /allows only temporaryAccessPassOneTime.*multi-use/);
  });

  it("compares combinations ignoring spaces and case, and finds the id in its Graph path form", () => {
    expectRule(registrationStrengthWithoutPass, {
      authenticationStrengths: [customStrength(["password, sms", " TemporaryAccessPassMultiUse "])],
    }).compliant({
      registrationPolicy: {
        state: "enabled",
        authenticationStrengthPolicyId: `/policies/authenticationStrengthPolicies/${CUSTOM_ID.toUpperCase()}`,
      },
    });
  });

  it("also warns while the policy is only reporting, because enforcing it would lock new joiners out", () => {
    expectRule(registrationStrengthWithoutPass, {
      authenticationStrengths: [customStrength(["fido2"])],
    }).nonCompliant(
      {
        registrationPolicy: {
          state: "enabledForReportingButNotEnforced",
          authenticationStrengthPolicyId: CUSTOM_ID,
        },
      },
      /include neither/,
    );
  });

  it("says nothing for a disabled policy, a built-in strength or no strength", () => {
    const rule = expectRule(registrationStrengthWithoutPass, {
      authenticationStrengths: [customStrength(["fido2"])],
    });
    rule
      .compliant({ registrationPolicy: { state: "disabled", authenticationStrengthPolicyId: CUSTOM_ID } })
      .compliant({
        registrationPolicy: {
          state: "enabled",
          authenticationStrengthPolicyId: "00000000-0000-0000-0000-000000000004",
        },
      })
      .compliant({ registrationPolicy: { state: "enabled" } });
  });

  it("says nothing when the tenant's strengths were not read (pulumi preview has no tenant reads)", () => {
    expectRule(registrationStrengthWithoutPass).compliant(withCustomStrength);
  });

  it("warns when the strengths were read but the configured id is not among them", () => {
    expectRule(registrationStrengthWithoutPass, {
      authenticationStrengths: [{ ...customStrength(["fido2"]), id: "ffffffff-0000-4000-8000-000000000000" }],
    }).nonCompliant(withCustomStrength, /is not among the tenant's authentication strengths/);
  });
});
