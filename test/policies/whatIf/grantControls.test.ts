import { strict as assert } from "node:assert";
import {
  evaluateRegistration,
  type AuthenticationStrength,
  type WhatIfPersona,
} from "../../../policies/whatIf";
import { PHISHING_RESISTANT, persona, policy, type PolicyPatch } from "./fixtures";

function verdictFor(
  grantControls: PolicyPatch["grantControls"],
  who: WhatIfPersona,
  strengths: AuthenticationStrength[] = [],
) {
  const result = evaluateRegistration([policy({ grantControls })], who, strengths);
  return { result, verdict: result.verdicts[0] };
}

const passwordOnly = persona({ authMethods: ["password"] });
const customWithPass: AuthenticationStrength = {
  id: "5b1b2c3d-0000-4000-8000-00000000abcd",
  displayName: "Phishing-resistant MFA or TAP",
  policyType: "custom",
  allowedCombinations: [
    "windowsHelloForBusiness",
    "fido2",
    "x509CertificateMultiFactor",
    "temporaryAccessPassOneTime",
  ],
};

describe("what-if grant controls", () => {
  it("never satisfies block", () => {
    const { result, verdict } = verdictFor(
      { builtInControls: ["block"] },
      persona({ authMethods: ["fido2"] }),
    );
    assert.equal(verdict.satisfied, false);
    assert.equal(verdict.unmet, "block");
    assert.deepEqual(result.blockedBy, [verdict]);
  });

  it("satisfies mfa with a pass, with a FIDO2 key, and with password plus push; not with a password alone", () => {
    for (const methods of [
      ["temporaryAccessPass"],
      ["fido2"],
      ["password", "microsoftAuthenticatorPush"],
      ["password", "sms"],
    ] as const) {
      assert.equal(
        verdictFor({ builtInControls: ["mfa"] }, persona({ authMethods: [...methods] })).verdict.satisfied,
        true,
        methods.join(),
      );
    }
    const { verdict, result } = verdictFor({ builtInControls: ["mfa"] }, passwordOnly);
    assert.equal(verdict.satisfied, false);
    assert.match(
      verdict.unmet ?? "",
      /^multifactor authentication \(the persona's methods \[password\] cannot do MFA\)/,
    );
    assert.equal(result.canRegister, false);
  });

  it("satisfies a one-time pass through mfa too", () => {
    const { verdict } = verdictFor(
      { builtInControls: ["mfa"] },
      persona({ temporaryAccessPassKind: "oneTime" }),
    );
    assert.equal(verdict.satisfied, true);
  });

  it("lets a pass satisfy the built-in Multifactor authentication strength", () => {
    const { verdict } = verdictFor(
      {
        builtInControls: [],
        operator: "AND",
        authenticationStrength: { id: "00000000-0000-0000-0000-000000000002" },
      },
      persona(),
    );
    assert.equal(verdict.satisfied, true);
    assert.match(
      verdict.reasons.at(-1) ?? "",
      /Multifactor authentication \(by temporaryAccessPassMultiUse\)/,
    );
  });

  it("does not let a pass satisfy Passwordless MFA or Phishing resistant MFA, while a FIDO2 key does", () => {
    for (const id of ["00000000-0000-0000-0000-000000000003", PHISHING_RESISTANT]) {
      const { verdict } = verdictFor({ builtInControls: [], authenticationStrength: { id } }, persona());
      assert.equal(verdict.satisfied, false, id);
      assert.match(
        verdict.unmet ?? "",
        /^authentication strength (Passwordless MFA|Phishing resistant MFA) \(a TAP does not satisfy it\)$/,
      );
      assert.equal(
        verdictFor(
          { builtInControls: [], authenticationStrength: { id } },
          persona({ authMethods: ["fido2"] }),
        ).verdict.satisfied,
        true,
      );
    }
  });

  it("judges a custom strength by its allowed combinations and the kind of pass", () => {
    const grant = { builtInControls: [], authenticationStrength: { id: customWithPass.id } };
    assert.equal(
      verdictFor(grant, persona({ temporaryAccessPassKind: "oneTime" }), [customWithPass]).verdict.satisfied,
      true,
    );
    const multiUse = verdictFor(grant, persona(), [customWithPass]).verdict;
    assert.equal(multiUse.satisfied, false);
    assert.match(multiUse.unmet ?? "", /Phishing-resistant MFA or TAP \(a TAP does not satisfy it\)/);
  });

  it("uses a strength expanded inline, as the What-If API returns it, and matches combinations ignoring spaces", () => {
    const { verdict } = verdictFor(
      {
        builtInControls: [],
        authenticationStrength: { id: "x", displayName: "Inline", allowedCombinations: ["password, sms"] },
      },
      persona({ authMethods: ["password", "sms"] }),
    );
    assert.equal(verdict.satisfied, true);
  });

  it("does not evaluate an unknown custom strength and marks the result uncertain", () => {
    const { verdict, result } = verdictFor(
      { builtInControls: [], authenticationStrength: { id: "unknown-id" } },
      persona(),
    );
    assert.equal(verdict.satisfied, false);
    assert.match(verdict.notEvaluated[0], /^not evaluated: authentication strength unknown-id/);
    assert.deepEqual(result.blockedBy, []);
    assert.equal(result.uncertain.length, 1);
    assert.equal(result.canRegister, false);
  });

  it("with OR, one met control is enough; with AND, every control must be met", () => {
    const grant = { builtInControls: ["mfa", "compliantDevice"] };
    const newDevice = persona({ device: { compliant: false, domainJoined: false } });
    assert.equal(verdictFor({ ...grant, operator: "OR" }, newDevice).verdict.satisfied, true);
    const and = verdictFor({ ...grant, operator: "AND" }, newDevice).verdict;
    assert.equal(and.satisfied, false);
    assert.equal(and.unmet, "a compliant device");
    const none = verdictFor(
      { ...grant, operator: "OR" },
      persona({ authMethods: ["password"], device: { compliant: false, domainJoined: false } }),
    ).verdict;
    assert.match(none.unmet ?? "", /^one of: multifactor authentication .*; a compliant device$/);
  });

  it("defaults to AND when the operator is missing", () => {
    const { verdict } = verdictFor(
      { operator: null, builtInControls: ["mfa", "domainJoinedDevice"] },
      persona({ device: { compliant: true, domainJoined: false } }),
    );
    assert.equal(verdict.satisfied, false);
    assert.equal(verdict.unmet, "a hybrid-joined device");
  });

  it("does not evaluate device controls for a persona without a device, unless another control decides", () => {
    const and = verdictFor({ operator: "AND", builtInControls: ["mfa", "compliantDevice"] }, persona());
    assert.match(and.verdict.notEvaluated[0], /^not evaluated: grant control compliantDevice/);
    assert.equal(and.result.uncertain.length, 1);
    const decided = verdictFor(
      { operator: "AND", builtInControls: ["mfa", "compliantDevice"] },
      passwordOnly,
    );
    assert.deepEqual(decided.result.blockedBy, [decided.verdict]);
    assert.deepEqual(decided.result.uncertain, []);
  });

  it("is satisfied by a policy with session controls only", () => {
    assert.equal(verdictFor(null, passwordOnly).verdict.satisfied, true);
  });
});
