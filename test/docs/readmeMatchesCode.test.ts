/**
 * The README against the code it documents, both ways: what the README names must exist in the
 * code with that value, and what the code defines must be in the README. A renamed key, a changed
 * default or range, a new guardrail, output or npm script fails here until the README follows.
 */
import * as assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { DEFAULT_RETRY_OPTIONS } from "../../infra/graph/retryPolicy";
import { stackPermissions, stackReadPermissions } from "../../infra/graph/permissions";
import { DEFAULT_ASSIGN_REPLICATION_LAG } from "../../infra/providers/assignment/assignPolicy";
import { ALL_RULES } from "../../policies/guardrails/rules";
import { ENROLLMENT_MINUTES, LONG_LIVED_PASS_MINUTES } from "../../policies/guardrails/thresholds";
import { recordedSettings } from "./configReference";
import { codeBlocks, codeSpans, PROJECT_ROOT, readDoc, relativeLinks, section, tableRows } from "./markdown";

const README = readDoc("README.md");
const packageJson = JSON.parse(readDoc("package.json")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function readmeSection(heading: string): string {
  const text = section(README, heading);
  assert.ok(text !== undefined, `README.md has no "## ${heading}" section`);
  return text;
}

/** Asserts two lists hold the same entries, naming what each side lacks. */
function assertSameSet(documented: string[], defined: string[], what: string): void {
  const missing = defined.filter((entry) => !documented.includes(entry));
  const unknown = documented.filter((entry) => !defined.includes(entry));
  assert.deepEqual(
    { "in the code, not in the README": missing, "in the README, not in the code": unknown },
    { "in the code, not in the README": [], "in the README, not in the code": [] },
    what,
  );
}

describe("README.md matches the code", () => {
  it("documents every setting the config reader reads, with its values and default, and no other", () => {
    const rows = tableRows(readmeSection("Configuration")).filter((cells) => /^`\w+\.\w+`$/.test(cells[0]));
    const documented = new Map(rows.map((cells) => [cells[0].slice(1, -1), cells]));
    const settings = recordedSettings();
    const rowsToAdd = settings
      .filter((setting) => !documented.has(`${setting.key}.${setting.property}`))
      .map(
        (setting) => `| \`${setting.key}.${setting.property}\` | ${setting.values} | ${setting.default} | |`,
      );
    assertSameSet(
      [...documented.keys()],
      settings.map((setting) => `${setting.key}.${setting.property}`),
      `settings (README: ## Configuration; code: infra/settings/)${rowsToAdd.length ? `; rows to add:\n${rowsToAdd.join("\n")}` : ""}`,
    );
    const wrongRows = settings
      .map((setting) => {
        const [, values, defaultValue] = documented.get(`${setting.key}.${setting.property}`) ?? [];
        return {
          setting: `${setting.key}.${setting.property}`,
          values,
          default: defaultValue,
          expected: setting,
        };
      })
      .filter((row) => row.values !== row.expected.values || row.default !== row.expected.default)
      .map((row) => ({
        setting: row.setting,
        README: { values: row.values, default: row.default },
        reader: { values: row.expected.values, default: row.expected.default },
      }));
    assert.deepEqual(wrongRows, [], "README rows whose values or default differ from the config reader's");
  });

  it("lists every guardrail with its severity, and no other", () => {
    const rows = tableRows(readmeSection("Guardrails")).filter((cells) => /^`PO-/.test(cells[0]));
    assertSameSet(
      rows.map((cells) => `${cells[0].slice(1, -1)} ${cells[1]}`),
      ALL_RULES.map((rule) => `${rule.id} ${rule.severity}`),
      "guardrail ids and severities (code: policies/guardrails/rules.ts)",
    );
    const row = (id: string) => rows.find((cells) => cells[0] === `\`${id}\``)?.join(" | ") ?? "";
    assert.match(row("PO-TAP-002"), new RegExp(`\\b${ENROLLMENT_MINUTES} minutes`));
    assert.match(row("PO-TAP-006"), new RegExp(`\\b${LONG_LIVED_PASS_MINUTES} minutes`));
  });

  it("names every stack output of infra/index.ts, and no other", () => {
    const paragraph = readmeSection("Configuration")
      .split("\n\n")
      .find((text) => text.startsWith("**Stack outputs:**"));
    assert.ok(paragraph, "README's Configuration has a **Stack outputs:** paragraph");
    const exported = [
      ...readFileSync(join(PROJECT_ROOT, "infra", "index.ts"), "utf8").matchAll(/^export const (\w+)/gm),
    ];
    assertSameSet(
      codeSpans(paragraph),
      exported.map((match) => match[1]),
      "stack outputs",
    );
  });

  it("names every npm script of package.json, and no other", () => {
    const named = [...README.matchAll(/\bnpm (?:run (?:--silent )?([a-z][\w:-]*)|(test)\b)/g)].map(
      (match) => match[1] ?? match[2],
    );
    // npm runs its lifecycle scripts itself (`prepack` on `npm pack`): named in backticks instead.
    const lifecycle = ["prepack", "prepare", "postinstall"].filter((name) => README.includes(`\`${name}\``));
    assertSameSet([...new Set([...named, ...lifecycle])], Object.keys(packageJson.scripts), "npm scripts");
  });

  it("gives each identity exactly the Graph permissions the stack needs", () => {
    const rows = tableRows(readmeSection("Quick start"));
    const permissionsOf = (identity: string) =>
      codeSpans(rows.find((cells) => cells[0].startsWith(identity))?.[1] ?? "");
    const defaultStack = {
      managesRegistrationPolicy: true,
      managesWebSignIn: true,
      existingGroup: false,
      groupsByName: false,
      usersByName: false,
    };
    const deployer = stackPermissions(defaultStack).map((need) => need.permission);
    assertSameSet(permissionsOf("deployer"), deployer, "deployer permissions (infra/graph/permissions.ts)");
    assertSameSet(
      permissionsOf("reader"),
      stackReadPermissions(defaultStack).map((need) => need.permission),
      "reader permissions (infra/graph/permissions.ts)",
    );
    const granted = /^deployer_permissions="([^"]*)"$/m.exec(README)?.[1];
    assert.ok(granted, "the manual identity commands set deployer_permissions");
    assertSameSet(granted.split(" "), deployer, "deployer_permissions in the manual commands");
  });

  it("quotes the waits and versions the code uses", () => {
    const troubleshooting = readmeSection("Troubleshooting");
    const lag = DEFAULT_ASSIGN_REPLICATION_LAG;
    for (const phrase of [
      `up to **${lag.timeoutMs / 60_000} minutes**`,
      `within ${lag.timeoutMs / 1000} seconds`,
      `from ${lag.initialDelayMs / 1000} s, doubling, at most ${lag.maxDelayMs / 1000} s`,
      `at most ${DEFAULT_RETRY_OPTIONS.maxRetries} retries and ${DEFAULT_RETRY_OPTIONS.maxDelayMs / 1000} s per wait`,
      `backing off from ${DEFAULT_RETRY_OPTIONS.baseDelayMs / 1000} s`,
      `Downloading pulumi v${packageJson.devDependencies.pulumi}`,
      `~/.pulumi/versions/${packageJson.devDependencies.pulumi}/bin`,
      `resource azuread ${packageJson.devDependencies["@pulumi/azuread"]}`,
    ]) {
      assert.ok(troubleshooting.replace(/\s+/g, " ").includes(phrase), `Troubleshooting lacks "${phrase}"`);
    }
    assert.ok(
      readmeSection("Quick start").includes(`# v${packageJson.devDependencies.pulumi};`),
      "the prerequisite check names the pinned Pulumi CLI",
    );
  });

  it("names only the pinned Pulumi CLI and azuread plugin versions in docs/pulumi-cli.md", () => {
    const pinned = [packageJson.devDependencies.pulumi, packageJson.devDependencies["@pulumi/azuread"]];
    const versions = [...readDoc("docs/pulumi-cli.md").matchAll(/\b\d+\.\d+\.\d+\b/g)].map(
      (match) => match[0],
    );
    assert.deepEqual(
      versions.filter((version) => !pinned.includes(version)),
      [],
      `versions other than the pinned ${pinned.join(" and ")}`,
    );
  });

  it("plans only children the component declares in the quick start", () => {
    const plan = codeBlocks(readmeSection("Quick start")).find((block) => block.language === "text");
    assert.ok(plan, "the quick start shows the expected plan");
    const planned = [...plan.body.matchAll(/\s(onboarding-[\w-]+)$/gm)].map((match) => match[1]);
    const component = readFileSync(join(PROJECT_ROOT, "infra", "onboarding.ts"), "utf8");
    const children = [...component.matchAll(/`\$\{name\}(-[\w-]+)`/g)].map(
      (match) => `onboarding${match[1]}`,
    );
    assert.ok(planned.length > 0, "the plan names the component's children");
    // The code may declare children the default stack does not plan (an azuread provider for a
    // component given its own connection), so only this direction is checked.
    assert.deepEqual(
      planned.filter((name) => !children.includes(name)),
      [],
      "resources in the expected plan that infra/onboarding.ts does not declare",
    );
  });
});

describe("documentation links", () => {
  /** Pages other changes wrote and keep; their links are theirs to check. */
  const PAGES_OWNED_ELSEWHERE = ["docs/issue-tap.md", "docs/journey.md", "docs/fleet.md"];

  it("in the README and docs/ resolve to files in the repository", () => {
    const pages = readdirSync(join(PROJECT_ROOT, "docs"))
      .map((file) => `docs/${file}`)
      .filter((file) => file.endsWith(".md") && !PAGES_OWNED_ELSEWHERE.includes(file));
    const broken: string[] = [];
    for (const document of ["README.md", ...pages]) {
      for (const target of relativeLinks(readDoc(document))) {
        const resolved = normalize(join(dirname(document), target));
        if (!existsSync(join(PROJECT_ROOT, resolved))) broken.push(`${document} -> ${target}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
