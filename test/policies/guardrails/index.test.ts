import { strict as assert } from "node:assert";
import {
  ALL_RULES,
  evaluateGuardrails,
  formatFindings,
  formatSuppressedFinding,
  type GuardrailRule,
} from "../../../policies/guardrails";
import type { OnboardingSettings } from "../../../policies/settings";
import { BREAK_GLASS_USER_ID, NEW_JOINERS_GROUP_ID, settingsWith } from "./expectRule";

/** A setup every rule accepts: scoped pass, enforced policy with a break-glass account. */
const compliantPatch = {
  temporaryAccessPass: { includeGroupIds: [NEW_JOINERS_GROUP_ID] },
  registrationPolicy: { state: "enabled" as const, breakGlassUserIds: [BREAK_GLASS_USER_ID] },
};

function withSuppress(settings: OnboardingSettings, suppress: Record<string, unknown>): OnboardingSettings {
  return { ...settings, guardrails: { suppress: suppress as Record<string, string> } };
}

describe("guardrail catalogue", () => {
  it("gives every rule a unique PO-<AREA>-<NNN> id, a severity, a what and a why", () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids in ${ids.join(", ")}`);
    for (const rule of ALL_RULES) {
      assert.match(rule.id, /^PO-(TAP|CA|WSI)-\d{3}$/);
      assert.ok(rule.severity === "error" || rule.severity === "warning", rule.id);
      assert.ok(rule.what.trim().length > 0 && !rule.what.includes("\n"), `${rule.id} what`);
      assert.ok(rule.why.trim().length > 0, `${rule.id} why`);
    }
  });

  it("finds nothing in a scoped, enforced setup with a break-glass account", () => {
    const report = evaluateGuardrails(settingsWith(compliantPatch));
    assert.deepEqual(report, { errors: [], warnings: [], suppressed: [], problems: [] });
  });

  it("flags only TAP for all users in DEFAULT_SETTINGS", () => {
    const report = evaluateGuardrails(settingsWith());
    assert.deepEqual(report.errors, []);
    assert.deepEqual(
      report.warnings.map((finding) => finding.ruleId),
      ["PO-TAP-004"],
    );
  });
});

describe("evaluateGuardrails", () => {
  const oneTimePass = settingsWith({
    ...compliantPatch,
    temporaryAccessPass: { ...compliantPatch.temporaryAccessPass, isUsableOnce: true },
  });

  it("sorts findings into errors and warnings with the rule's id, what, why and detail", () => {
    const report = evaluateGuardrails(
      settingsWith({ temporaryAccessPass: { isUsableOnce: true, includeGroupIds: ["all_users"] } }),
    );
    assert.deepEqual(
      report.errors.map((finding) => [finding.ruleId, finding.severity]),
      [["PO-TAP-001", "error"]],
    );
    assert.deepEqual(
      report.warnings.map((finding) => [finding.ruleId, finding.severity]),
      [["PO-TAP-004", "warning"]],
    );
    const [error] = report.errors;
    const rule = ALL_RULES.find((candidate) => candidate.id === "PO-TAP-001");
    assert.equal(error.what, rule?.what);
    assert.equal(error.why, rule?.why);
    assert.match(error.detail, /^temporaryAccessPass\.isUsableOnce is true/);
  });

  it("moves a finding suppressed with a reason to suppressed, keeping the reason", () => {
    const report = evaluateGuardrails(
      withSuppress(oneTimePass, { "PO-TAP-001": "  Kiosk pilot: devices are pre-provisioned by IT.  " }),
    );
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.problems, []);
    assert.equal(report.suppressed.length, 1);
    assert.equal(report.suppressed[0].finding.ruleId, "PO-TAP-001");
    assert.equal(report.suppressed[0].reason, "Kiosk pilot: devices are pre-provisioned by IT.");
  });

  it("reports suppressing an unknown rule id as a problem, listing the known ids", () => {
    const report = evaluateGuardrails(withSuppress(settingsWith(compliantPatch), { "PO-TAP-999": "typo" }));
    assert.deepEqual(report.problems, [
      `guardrails.suppress.PO-TAP-999: suppressing an unknown guardrail rule id; expected one of ${ALL_RULES.map((rule) => rule.id).join(", ")}`,
    ]);
  });

  it("suggests the rule id when only the case differs, and does not suppress the finding", () => {
    const report = evaluateGuardrails(withSuppress(oneTimePass, { "po-tap-001": "lower case" }));
    assert.match(report.problems[0], /^guardrails\.suppress\.po-tap-001: .*\(did you mean "PO-TAP-001"\?\)/);
    assert.deepEqual(
      report.errors.map((finding) => finding.ruleId),
      ["PO-TAP-001"],
    );
  });

  it("rejects an empty, blank or non-string reason and keeps the finding unsuppressed", () => {
    const cases: [unknown, string][] = [
      ["", "an empty string"],
      ["   ", "only whitespace"],
      [null, "null"],
      [42, "a number"],
    ];
    for (const [reason, described] of cases) {
      const report = evaluateGuardrails(withSuppress(oneTimePass, { "PO-TAP-001": reason }));
      assert.deepEqual(report.problems, [
        `guardrails.suppress.PO-TAP-001: expected a written reason for suppressing the rule, found ${described}`,
      ]);
      assert.equal(report.errors.length, 1);
      assert.deepEqual(report.suppressed, []);
    }
  });

  it("judges suppression ids against the rules it was given", () => {
    const onlyRule: GuardrailRule = { ...ALL_RULES[0], id: "PO-TAP-100" };
    const report = evaluateGuardrails(withSuppress(oneTimePass, { "PO-TAP-100": "reason" }), [onlyRule]);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(
      report.suppressed.map((entry) => entry.finding.ruleId),
      ["PO-TAP-100"],
    );
  });

  it("reports a rule that throws as a problem naming the rule instead of crashing", () => {
    const broken: GuardrailRule = {
      id: "PO-TAP-900",
      severity: "error",
      object: "temporaryAccessPass",
      what: "broken",
      why: "broken",
      check: () => {
        throw new TypeError("includeGroupIds is not iterable");
      },
    };
    const report = evaluateGuardrails(settingsWith(), [broken]);
    assert.deepEqual(report.problems, [
      "guardrail PO-TAP-900 could not check the settings: includeGroupIds is not iterable",
    ]);
  });

  it("passes the tenant facts it is given to the rules", () => {
    const settings = settingsWith({
      ...compliantPatch,
      registrationPolicy: {
        ...compliantPatch.registrationPolicy,
        authenticationStrengthPolicyId: "custom-id",
      },
    });
    assert.deepEqual(evaluateGuardrails(settings).warnings, []);
    const report = evaluateGuardrails(settings, ALL_RULES, {
      authenticationStrengths: [
        { id: "custom-id", displayName: "FIDO2 only", allowedCombinations: ["fido2"] },
      ],
    });
    assert.deepEqual(
      report.warnings.map((finding) => finding.ruleId),
      ["PO-CA-004"],
    );
  });

  it("runs no rule about an object the stack does not declare (manage: false), and accepts its suppression", () => {
    // Each of these would be found if the object were declared: an enforced registration policy
    // without a break-glass account, no device group for the profile.
    const patch = {
      temporaryAccessPass: { includeGroupIds: [NEW_JOINERS_GROUP_ID], isUsableOnce: true },
      registrationPolicy: { state: "enabled" as const, breakGlassUserIds: [] },
      autopilot: { groupDisplayName: "" },
    };
    const declared = evaluateGuardrails(settingsWith(patch));
    assert.deepEqual([...declared.errors, ...declared.warnings].map((finding) => finding.ruleId).sort(), [
      "PO-CA-001",
      "PO-TAP-001",
      "PO-WSI-001",
    ]);
    const tapOnly = settingsWith({
      ...patch,
      registrationPolicy: { ...patch.registrationPolicy, manage: false },
      webSignIn: { manage: false },
      guardrails: { suppress: { "PO-CA-001": "the identity team's own policy covers it" } },
    });
    const report = evaluateGuardrails(tapOnly);
    assert.deepEqual(
      [...report.errors, ...report.warnings].map((finding) => finding.ruleId),
      ["PO-TAP-001"],
    );
    assert.deepEqual(report.suppressed, []);
    assert.deepEqual(report.problems, []);
  });

  it("treats missing guardrails settings as no suppressions", () => {
    const settings = {
      ...settingsWith(compliantPatch),
      guardrails: undefined,
    } as unknown as OnboardingSettings;
    assert.deepEqual(evaluateGuardrails(settings).problems, []);
  });
});

describe("formatFindings", () => {
  it("lists each finding with its id, severity, what, why and detail", () => {
    const report = evaluateGuardrails(
      settingsWith({ temporaryAccessPass: { isUsableOnce: true, includeGroupIds: [] } }),
    );
    const text = formatFindings(report.errors);
    const [first, second] = report.errors;
    assert.equal(
      text,
      [
        `PO-TAP-001 (error): ${first.what}`,
        `  why: ${first.why}`,
        `  found: ${first.detail}`,
        `PO-TAP-003 (error): ${second.what}`,
        `  why: ${second.why}`,
        `  found: ${second.detail}`,
      ].join("\n"),
    );
  });

  it("formats a suppressed finding with its reason", () => {
    const report = evaluateGuardrails(
      withSuppress(settingsWith(), { "PO-TAP-004": "Pilot tenant, 5 users." }),
    );
    const [entry] = report.suppressed;
    assert.equal(
      formatSuppressedFinding(entry),
      `PO-TAP-004 (warning, suppressed): ${entry.finding.what}\n  found: ${entry.finding.detail}\n  reason: Pilot tenant, 5 users.`,
    );
  });
});
