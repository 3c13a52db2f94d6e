import { strict as assert } from "node:assert";
import { desiredRegistrationPolicy } from "../../../policies/registrationPolicy";
import { DEFAULT_SETTINGS } from "../../../policies/settings";
import { evaluateRegistration, standardPersonas } from "../../../policies/whatIf";
import {
  BREAK_GLASS_USER_ID,
  NEW_JOINERS_GROUP_ID,
  OFFICE_LOCATION_ID,
  PHISHING_RESISTANT,
  persona,
  policy,
  users,
} from "./fixtures";

describe("evaluateRegistration", () => {
  it("never blocks with a report-only or disabled policy, even one that blocks everyone", () => {
    for (const state of ["enabledForReportingButNotEnforced", "disabled"]) {
      const result = evaluateRegistration(
        [policy({ state, grantControls: { builtInControls: ["block"] } })],
        persona(),
        [],
      );
      const [verdict] = result.verdicts;
      assert.equal(verdict.applies, true);
      assert.equal(verdict.enforced, false);
      assert.equal(verdict.satisfied, false);
      assert.equal(result.canRegister, true, state);
      assert.deepEqual(result.blockedBy, []);
      assert.deepEqual(result.uncertain, []);
    }
    const [reportOnly] = evaluateRegistration(
      [policy({ state: "enabledForReportingButNotEnforced" })],
      persona(),
      [],
    ).verdicts;
    assert.equal(reportOnly.reasons[0], "state: report-only (never enforced for user actions)");
  });

  it("reports a break-glass account excluded by the module's policy as blocked by another tenant policy", () => {
    const modulePolicy = {
      ...desiredRegistrationPolicy({
        ...DEFAULT_SETTINGS.registrationPolicy,
        state: "enabled",
        breakGlassUserIds: [BREAK_GLASS_USER_ID],
      }),
      id: "aaaaaaaa-0000-4000-8000-000000000001",
    };
    const tenantPolicy = policy({
      id: "bbbbbbbb-0000-4000-8000-000000000002",
      displayName: "All resources: phishing-resistant MFA",
      conditions: {
        applications: { includeApplications: ["All"], excludeApplications: [], includeUserActions: [] },
        users: users(),
      },
      grantControls: {
        operator: "OR",
        builtInControls: [],
        authenticationStrength: { id: PHISHING_RESISTANT },
      },
    });
    const breakGlass = persona({
      userId: BREAK_GLASS_USER_ID,
      roleTemplateIds: [],
      authMethods: ["password"],
    });
    const result = evaluateRegistration([modulePolicy, tenantPolicy], breakGlass, []);
    assert.equal(result.verdicts[0].applies, false);
    assert.match(result.verdicts[0].reasons.join("\n"), /users: excluded by excludeUsers 1f2e3d4c/);
    assert.equal(result.canRegister, false);
    assert.deepEqual(
      result.blockedBy.map((verdict) => [verdict.policyId, verdict.unmet]),
      [
        [
          "bbbbbbbb-0000-4000-8000-000000000002",
          "authentication strength Phishing resistant MFA (none of [password] is an allowed combination)",
        ],
      ],
    );
  });

  it("finds that a new joiner with only a pass cannot register under a phishing-resistant strength", () => {
    const strict = policy({
      grantControls: {
        operator: "AND",
        builtInControls: [],
        authenticationStrength: { id: PHISHING_RESISTANT },
      },
    });
    const [newJoiner] = standardPersonas({
      breakGlassUserIds: [],
      tapIncludeGroupIds: [NEW_JOINERS_GROUP_ID],
    });
    const result = evaluateRegistration([strict], newJoiner, []);
    assert.equal(result.canRegister, false);
    assert.equal(result.blockedBy.length, 1);
    assert.equal(
      result.blockedBy[0].unmet,
      "authentication strength Phishing resistant MFA (a TAP does not satisfy it)",
    );
  });

  it("requires every applying enforced policy to be satisfied", () => {
    const mfa = policy({ id: "p1" });
    const compliant = policy({ id: "p2", grantControls: { builtInControls: ["compliantDevice"] } });
    const result = evaluateRegistration(
      [mfa, compliant],
      persona({ device: { compliant: false, domainJoined: false } }),
      [],
    );
    assert.deepEqual(
      result.verdicts.map((verdict) => verdict.satisfied),
      [true, false],
    );
    assert.deepEqual(
      result.blockedBy.map((verdict) => verdict.policyId),
      ["p2"],
    );
  });

  it("lets everyone the module's default policy covers register with a pass, or from a trusted location", () => {
    const modulePolicy = desiredRegistrationPolicy({
      ...DEFAULT_SETTINGS.registrationPolicy,
      state: "enabled",
    });
    const personas = standardPersonas({
      breakGlassUserIds: [BREAK_GLASS_USER_ID],
      tapIncludeGroupIds: ["all_users"],
      trustedNamedLocationIds: [OFFICE_LOCATION_ID],
    });
    const outcomes = personas.map((who) => {
      const result = evaluateRegistration([modulePolicy], who, []);
      return [result.persona, result.canRegister, result.verdicts[0].applies, result.verdicts[0].policyId];
    });
    assert.deepEqual(outcomes, [
      [`break-glass account ${BREAK_GLASS_USER_ID}`, true, false, "Require MFA to register security info"],
      ["new joiner with a Temporary Access Pass", true, true, "Require MFA to register security info"],
      ["guest user", true, false, "Require MFA to register security info"],
      ["Global Administrator", true, false, "Require MFA to register security info"],
      ["member on a trusted location", true, false, "Require MFA to register security info"],
    ]);
  });
});

describe("standardPersonas", () => {
  it("builds one persona per break-glass account, then a new joiner, a guest, a Global Administrator and a trusted-location member", () => {
    const personas = standardPersonas({
      breakGlassUserIds: [BREAK_GLASS_USER_ID, "2f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7c"],
      tapIncludeGroupIds: [NEW_JOINERS_GROUP_ID, "all_users"],
      trustedNamedLocationIds: [OFFICE_LOCATION_ID],
      tapIsUsableOnce: true,
    });
    assert.deepEqual(
      personas.map((who) => [who.name, who.userType, who.authMethods.join("+"), who.location.trusted]),
      [
        [`break-glass account ${BREAK_GLASS_USER_ID}`, "member", "password+fido2", false],
        ["break-glass account 2f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7c", "member", "password+fido2", false],
        ["new joiner with a Temporary Access Pass", "member", "temporaryAccessPass", false],
        ["guest user", "guest", "password", false],
        ["Global Administrator", "member", "password+microsoftAuthenticatorPush", false],
        ["member on a trusted location", "member", "password", true],
      ],
    );
    const newJoiner = personas[2];
    assert.deepEqual(newJoiner.groupIds, [NEW_JOINERS_GROUP_ID]);
    assert.equal(newJoiner.temporaryAccessPassKind, "oneTime");
    assert.deepEqual(personas[5].location.namedLocationIds, [OFFICE_LOCATION_ID]);
    assert.deepEqual(personas[0].roleTemplateIds, ["62e90394-69f5-4237-9190-012177145e10"]);
  });

  it("gives the new joiner a multi-use pass unless the TAP policy is one-time", () => {
    const [newJoiner] = standardPersonas({ breakGlassUserIds: [], tapIncludeGroupIds: [] });
    assert.equal(newJoiner.temporaryAccessPassKind, "multiUse");
  });
});
