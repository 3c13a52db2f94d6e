import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeDigest, detectKind } from "../../scripts/drift-report/analyze";
import { parseDigest } from "../../scripts/drift-report/parse";
import { renderReport, verdict } from "../../scripts/drift-report/render";
import type { DriftReport } from "../../scripts/drift-report/types";

const FIXTURES = join(__dirname, "..", "fixtures", "engine");

function reportFor(fixture: string): DriftReport {
  const text = readFileSync(join(FIXTURES, fixture), "utf8");
  return analyzeDigest(parseDigest(text, fixture));
}

function markdownFor(fixture: string): string {
  return renderReport(reportFor(fixture));
}

/** The Markdown table rows (without header and separator) under a resource heading. */
function tableRows(markdown: string, resourceName: string): string[] {
  const start = markdown.indexOf(`### \`${resourceName}\``);
  assert.ok(start >= 0, `no section for ${resourceName} in:\n${markdown}`);
  const section = markdown.slice(start).split("\n### ")[0];
  return section
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Property") && !line.startsWith("| ---"));
}

describe("drift report", () => {
  describe("a refresh preview with no drift", () => {
    it("says 'No drift.' and lists no resources", () => {
      const report = reportFor("refresh-no-drift.json");
      assert.equal(report.kind, "refresh");
      assert.deepEqual(report.changes, []);
      assert.equal(report.changedCount, 0);
      assert.equal(markdownFor("refresh-no-drift.json"), "## Drift report\n\nNo drift.\n");
    });
  });

  describe("one property drifted on the TAP policy", () => {
    it("names the resource by its logical name and type and shows the value in state and the value found", () => {
      const markdown = markdownFor("refresh-tap-drift-detailed.json");
      assert.match(markdown, /^## Drift report\n\n1 resource drifted\.\n/);
      assert.ok(markdown.includes("### `onboarding-temporary-access-pass`: changed outside Pulumi"));
      assert.ok(markdown.includes("Type: `pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy`"));
      assert.ok(markdown.includes("| Property | In state | Found in tenant |"));
      assert.deepEqual(tableRows(markdown, "onboarding-temporary-access-pass"), [
        "| `maximumLifetimeInMinutes` | `480` | `720` |",
      ]);
    });

    it("never prints a dynamic provider's serialized code", () => {
      const markdown = markdownFor("refresh-tap-drift-detailed.json");
      assert.ok(!markdown.includes("__provider"));
      assert.ok(!markdown.includes("exports.handler"));
    });

    it("still counts the drift when the provider gave the engine no property-level diff", () => {
      // Pulumi dynamic providers cannot return a detailed diff, so the engine leaves the step as
      // "refresh" and only its change summary records the update.
      const report = reportFor("refresh-tap-drift-dynamic.json");
      assert.equal(report.changes.length, 0);
      assert.equal(report.changedCount, 1);
      const markdown = renderReport(report);
      assert.match(markdown, /^## Drift report\n\n1 resource drifted\.\n/);
      assert.ok(
        markdown.includes("1 drifted resource is counted in the engine's change summary but not named"),
      );
      assert.ok(markdown.includes("`pulumi preview --refresh --diff`"));
    });

    it("shows found vs desired values from `pulumi preview --refresh --json` by comparing the inputs itself", () => {
      const report = reportFor("preview-refresh-tap-drift.json");
      assert.equal(report.kind, "preview");
      assert.equal(report.changedCount, 1);
      const markdown = renderReport(report);
      assert.match(markdown, /^## Preview report\n\n1 resource would change\.\n/);
      assert.ok(markdown.includes("| Property | Current | Desired (program) |"));
      assert.deepEqual(tableRows(markdown, "onboarding-temporary-access-pass"), [
        "| `maximumLifetimeInMinutes` | `720` | `480` |",
      ]);
    });
  });

  describe("a settings-catalog profile deleted out of band", () => {
    it("reports the profile and its assignment as no longer found, and keeps the engine's warning", () => {
      const report = reportFor("refresh-profile-deleted.json");
      assert.deepEqual(
        report.changes.map((change) => [change.name, change.type, change.change]),
        [
          ["onboarding-web-sign-in", "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy", "deleted"],
          [
            "onboarding-web-sign-in-assignment",
            "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment",
            "deleted",
          ],
        ],
      );
      const markdown = renderReport(report);
      assert.match(markdown, /^## Drift report\n\n2 resources drifted\.\n/);
      assert.ok(markdown.includes("### `onboarding-web-sign-in`: deleted outside Pulumi (no longer found)"));
      assert.deepEqual(tableRows(markdown, "onboarding-web-sign-in"), [
        "| *(whole resource)* | exists | *(not found)* |",
      ]);
      assert.ok(markdown.includes("### Warnings"));
      assert.ok(markdown.includes("request-id 7b2e4c1a-93d0-4f58-a6e1-0c5d8f3b2a97"));
    });
  });

  describe("secrets", () => {
    it("shows every secret as [secret] and never prints ciphertext or plaintext", () => {
      const markdown = markdownFor("refresh-secrets.json");
      assert.deepEqual(tableRows(markdown, "onboarding-register-security-info"), [
        '| `displayName` | `"Require MFA to register security info"` | `"Require MFA to register security info (edited)"` |',
        "| `notes` | `[secret]` | `[secret]` |",
        "| `sessionControls.applicationEnforcedRestrictions` | `[secret]` | `[secret]` |",
        "| `sessionControls.signInFrequency` | `4` | `8` |",
      ]);
      assert.ok(!markdown.includes("CIPHERTEXT-MUST-NOT-APPEAR"));
      assert.ok(!markdown.includes("PLAINTEXT-MUST-NOT-APPEAR"));
      assert.ok(!markdown.includes("4dabf18193072939515e22adb298388d"));
    });
  });

  describe("unknowns in a pull-request preview", () => {
    it("shows values not known until apply as [unknown], at the top level and nested", () => {
      const report = reportFor("preview-unknowns.json");
      assert.equal(report.kind, "preview");
      assert.deepEqual(
        report.changes.map((change) => [change.name, change.change]),
        [
          ["onboarding-autopilot-pilot-devices", "created"],
          ["onboarding-register-security-info", "updated"],
          ["onboarding-web-sign-in-assignment", "updated"],
        ],
      );
      const markdown = renderReport(report);
      assert.match(markdown, /^## Preview report\n\n3 resources would change\.\n/);
      assert.deepEqual(tableRows(markdown, "onboarding-register-security-info"), [
        "| `conditions.users.excludedGroups[0]` | *(absent)* | `[unknown]` |",
      ]);
      assert.deepEqual(tableRows(markdown, "onboarding-web-sign-in-assignment"), [
        '| `assignments` | `[{"groupId":"a3d9f0e2-6c41-4b7a-8e25-0f1b7c94d6e3","target":"group"}]` | `[{"groupId":"[unknown]","target":"group"}]` |',
      ]);
      assert.ok(!markdown.includes("04da6b54-80e4-46f7-96ec-b56ff0331ba9"));
    });
  });

  describe("document kind", () => {
    it("treats a document with one step per resource and refresh steps as a refresh preview", () => {
      const digest = parseDigest(readFileSync(join(FIXTURES, "refresh-no-drift.json"), "utf8"), "fixture");
      assert.equal(detectKind(digest), "refresh");
    });

    it("treats `preview --refresh` (refresh steps, then a second step per resource) as a preview", () => {
      const digest = parseDigest(
        readFileSync(join(FIXTURES, "preview-refresh-tap-drift.json"), "utf8"),
        "fixture",
      );
      assert.equal(detectKind(digest), "preview");
    });
  });

  describe("verdict", () => {
    const base: DriftReport = { kind: "refresh", changes: [], changedCount: 0, warnings: [], errors: [] };

    it("pluralises the resource count", () => {
      assert.equal(verdict({ ...base, changedCount: 2 }), "2 resources drifted.");
      assert.equal(verdict({ ...base, kind: "preview", changedCount: 1 }), "1 resource would change.");
      assert.equal(verdict({ ...base, kind: "preview" }), "No changes.");
    });

    it("says the check is incomplete when the engine reported errors, whatever it counted", () => {
      assert.equal(
        verdict({ ...base, errors: ["boom"] }),
        "Drift check incomplete: the engine reported 1 error.",
      );
    });
  });
});
