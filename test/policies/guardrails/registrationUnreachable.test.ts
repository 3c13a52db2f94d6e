import { registrationUnreachable } from "../../../policies/guardrails/registrationUnreachable";
import { expectRule } from "./expectRule";

const PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";
const PASSWORDLESS = "00000000-0000-0000-0000-000000000003";
const enforcedWithoutBypass = { state: "enabled", allowFromTrustedLocations: false } as const;

describe("PO-CA-002 registration policy new joiners cannot satisfy", () => {
  const rule = expectRule(registrationUnreachable);

  it("accepts an enforced policy while the pass is enabled", () => {
    rule.compliant({ registrationPolicy: enforcedWithoutBypass, temporaryAccessPass: { state: "enabled" } });
  });

  it("accepts a disabled pass when registration from trusted locations is allowed", () => {
    rule.compliant({
      registrationPolicy: { state: "enabled", allowFromTrustedLocations: true },
      temporaryAccessPass: { state: "disabled" },
    });
  });

  it("accepts a disabled pass while the policy is only reporting", () => {
    rule.compliant({
      registrationPolicy: { state: "enabledForReportingButNotEnforced", allowFromTrustedLocations: false },
      temporaryAccessPass: { state: "disabled" },
    });
  });

  it("accepts the built-in MFA strength, which a pass satisfies", () => {
    rule.compliant({
      registrationPolicy: {
        ...enforcedWithoutBypass,
        authenticationStrengthPolicyId: "00000000-0000-0000-0000-000000000002",
      },
    });
  });

  it("stops an enforced policy when the pass is disabled and there is no trusted-location bypass", () => {
    rule.nonCompliant(
      { registrationPolicy: enforcedWithoutBypass, temporaryAccessPass: { state: "disabled" } },
      /^temporaryAccessPass\.state is "disabled" while registrationPolicy\.allowFromTrustedLocations is false/,
    );
  });

  it("stops the built-in phishing-resistant strength, given as an id or as a Graph path", () => {
    rule
      .nonCompliant(
        {
          registrationPolicy: {
            ...enforcedWithoutBypass,
            authenticationStrengthPolicyId: PHISHING_RESISTANT,
          },
        },
        /^registrationPolicy\.authenticationStrengthPolicyId is the built-in Phishing-resistant MFA strength/,
      )
      .nonCompliant(
        {
          registrationPolicy: {
            ...enforcedWithoutBypass,
            authenticationStrengthPolicyId: `/policies/authenticationStrengthPolicies/${PHISHING_RESISTANT}`,
          },
        },
        /Phishing-resistant MFA strength/,
      );
  });

  it("stops the built-in Passwordless MFA strength, which a pass never satisfies either", () => {
    rule
      .nonCompliant(
        { registrationPolicy: { ...enforcedWithoutBypass, authenticationStrengthPolicyId: PASSWORDLESS } },
        /^registrationPolicy\.authenticationStrengthPolicyId is the built-in Passwordless MFA strength \(00000000-0000-0000-0000-000000000003\)/,
      )
      .nonCompliant(
        {
          registrationPolicy: {
            ...enforcedWithoutBypass,
            authenticationStrengthPolicyId: `/policies/authenticationStrengthPolicies/${PASSWORDLESS.toUpperCase()}`,
          },
        },
        /Passwordless MFA strength/,
      );
  });

  it("accepts the Passwordless MFA strength when registration from trusted locations is allowed", () => {
    rule.compliant({
      registrationPolicy: {
        state: "enabled",
        allowFromTrustedLocations: true,
        authenticationStrengthPolicyId: PASSWORDLESS,
      },
    });
  });

  it("leaves custom strengths to PO-CA-004", () => {
    rule.compliant({
      registrationPolicy: {
        ...enforcedWithoutBypass,
        authenticationStrengthPolicyId: "5b1b2c3d-0000-4000-8000-00000000abcd",
      },
    });
  });

  it("reports both ways out being closed", () => {
    rule.nonCompliant(
      {
        registrationPolicy: { ...enforcedWithoutBypass, authenticationStrengthPolicyId: PHISHING_RESISTANT },
        temporaryAccessPass: { state: "disabled" },
      },
      /temporaryAccessPass\.state is "disabled"/,
      /Phishing-resistant MFA strength/,
    );
  });
});
