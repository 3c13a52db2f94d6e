import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { enforceGuardrails, type GuardrailLog } from "../../infra/guardrails";
import type { OnboardingSettings } from "../../policies/settings";
import { BREAK_GLASS_USER_ID, NEW_JOINERS_GROUP_ID, settingsWith } from "../policies/guardrails/expectRule";

class RecordingLog implements GuardrailLog {
  readonly entries: [level: "info" | "warn", message: string][] = [];
  info(message: string): void {
    this.entries.push(["info", message]);
  }
  warn(message: string): void {
    this.entries.push(["warn", message]);
  }
}

function suppressing(settings: OnboardingSettings, suppress: Record<string, string>): OnboardingSettings {
  return { ...settings, guardrails: { suppress } };
}

const compliant = settingsWith({
  temporaryAccessPass: { includeGroupIds: [NEW_JOINERS_GROUP_ID] },
  registrationPolicy: { state: "enabled", breakGlassUserIds: [BREAK_GLASS_USER_ID] },
});

function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail("expected the guardrails to throw");
}

describe("enforceGuardrails", () => {
  it("returns quietly for a compliant setup", () => {
    const log = new RecordingLog();
    const report = enforceGuardrails(compliant, { log });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(log.entries, []);
  });

  it("throws one RunError listing every error finding with id, what, why and detail", () => {
    const log = new RecordingLog();
    const error = thrownBy(() =>
      enforceGuardrails(
        settingsWith({
          temporaryAccessPass: { isUsableOnce: true, includeGroupIds: [NEW_JOINERS_GROUP_ID] },
          autopilot: { groupDisplayName: "" },
        }),
        { log },
      ),
    );
    assert.ok(error instanceof pulumi.RunError);
    const lines = error.message.split("\n");
    assert.equal(
      lines[0],
      "Guardrails stopped the program before any resource was declared (2 blocking findings):",
    );
    assert.match(lines[1], /^PO-TAP-001 \(error\): The Temporary Access Pass is limited to one use/);
    assert.match(lines[2], /^ {2}why: Autopilot OOBE uses the pass once/);
    assert.match(lines[3], /^ {2}found: temporaryAccessPass\.isUsableOnce is true/);
    assert.match(
      lines[4],
      /^PO-WSI-001 \(error\): The Web sign-in profile is assigned to no device group\.$/,
    );
    assert.match(error.message, /passwordless-onboarding:guardrails: \{ suppress: /);
    assert.deepEqual(log.entries, []);
  });

  it("lists guardrail configuration problems next to the errors", () => {
    const error = thrownBy(() =>
      enforceGuardrails(suppressing(compliant, { "PO-XYZ-001": "stale" }), { log: new RecordingLog() }),
    );
    assert.match(
      error.message,
      /\(1 blocking finding\):\nguardrail configuration: guardrails\.suppress\.PO-XYZ-001: suppressing an unknown guardrail rule id/,
    );
  });

  it("reports warnings through log.warn and continues", () => {
    const log = new RecordingLog();
    const report = enforceGuardrails(settingsWith({ registrationPolicy: { state: "disabled" } }), { log });
    assert.deepEqual(
      report.warnings.map((finding) => finding.ruleId),
      ["PO-TAP-004", "PO-CA-003"],
    );
    assert.deepEqual(
      log.entries.map(([level, message]) => [level, message.split("\n")[0]]),
      [
        [
          "warn",
          "Guardrail PO-TAP-004 (warning): Any user in the tenant can be issued a Temporary Access Pass.",
        ],
        ["warn", "Guardrail PO-CA-003 (warning): The security-info registration policy is disabled."],
      ],
    );
  });

  it("reports a suppressed error through log.info with its reason and continues", () => {
    const log = new RecordingLog();
    const settings = suppressing(
      settingsWith({
        temporaryAccessPass: { includeGroupIds: [NEW_JOINERS_GROUP_ID] },
        registrationPolicy: { state: "enabled", breakGlassUserIds: [] },
      }),
      { "PO-CA-001": "Break-glass accounts are excluded through group bg-accounts." },
    );
    const report = enforceGuardrails(settings, { log });
    assert.equal(report.suppressed.length, 1);
    assert.equal(log.entries.length, 1);
    const [level, message] = log.entries[0];
    assert.equal(level, "info");
    assert.match(message, /^Guardrail PO-CA-001 \(error, suppressed\): /);
    assert.match(message, /\n {2}reason: Break-glass accounts are excluded through group bg-accounts\.$/);
  });
});
