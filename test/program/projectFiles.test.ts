import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { CONFIG_NAMESPACE, SETTINGS_KEYS, validateSettings } from "../../infra/config";
import { DEFAULT_SETTINGS } from "../../policies/settings";
import { loadStackConfig, REPO_ROOT } from "./runProgram";

interface ProjectFile {
  name: string;
  runtime: { name: string; options: Record<string, unknown> };
  main: string;
  backend: { url: string };
  config: Record<string, Record<string, unknown>>;
}

function readProjectFile(): ProjectFile {
  return parseYaml(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as ProjectFile;
}

/** Turns `passwordless-onboarding:<key>` stack config into the raw shape parseSettings reads. */
function namespaceValues(config: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${CONFIG_NAMESPACE}:`)) raw[key.slice(CONFIG_NAMESPACE.length + 1)] = value;
  }
  return raw;
}

describe("Pulumi.yaml", () => {
  const project = readProjectFile();

  it("is the passwordless-onboarding TypeScript project whose program is infra/index.js", () => {
    assert.equal(project.name, CONFIG_NAMESPACE);
    assert.deepEqual(project.runtime, {
      name: "nodejs",
      options: { typescript: true, packagemanager: "npm" },
    });
    // A file, not the directory: with a directory Pulumi would take package.json's `exports`,
    // which is the published library's entry (pulumi/cmd/run/run.js), not this program.
    assert.equal(project.main, "infra/index.js");
    const manifest = JSON.parse(
      fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"),
    ) as {
      exports: Record<string, { default: string }>;
    };
    assert.equal(manifest.exports["."].default, "./dist/infra/library/index.js");
  });

  it("keeps state in a local directory by default", () => {
    assert.deepEqual(project.backend, { url: "file://." });
  });

  it("declares exactly the five structured keys, untyped, with an empty default meaning all defaults", () => {
    assert.deepEqual(Object.keys(project.config), [...SETTINGS_KEYS]);
    for (const key of SETTINGS_KEYS) {
      assert.deepEqual(Object.keys(project.config[key]).sort(), ["default", "description"], key);
      assert.deepEqual(project.config[key].default, {}, key);
    }
  });

  it("documents every setting of every key, with its default when it has a simple one", () => {
    for (const key of SETTINGS_KEYS) {
      const description = String(project.config[key].description);
      for (const [property, value] of Object.entries(DEFAULT_SETTINGS[key])) {
        assert.ok(description.includes(property), `${key}.${property} is not described`);
        if (typeof value === "number" || typeof value === "boolean") {
          assert.ok(description.includes(`default ${String(value)}`), `${key}.${property} default ${value}`);
        }
      }
    }
  });
});

describe("Pulumi.dev.yaml", () => {
  const config = loadStackConfig("Pulumi.dev.yaml");

  it("passes validation", () => {
    assert.deepEqual(validateSettings(namespaceValues(config)).problems, []);
  });

  it("sets only keys of the project's namespace", () => {
    assert.deepEqual(
      Object.keys(config),
      SETTINGS_KEYS.map((key) => `${CONFIG_NAMESPACE}:${key}`),
    );
  });

  it("is a report-only policy and a TAP for one new-hires group", () => {
    const { settings } = validateSettings(namespaceValues(config));
    assert.equal(settings.registrationPolicy.state, "enabledForReportingButNotEnforced");
    assert.equal(settings.temporaryAccessPass.state, "enabled");
    assert.deepEqual(settings.temporaryAccessPass.includeGroupIds, ["00000000-0000-0000-0000-0000000000a1"]);
    assert.equal(settings.temporaryAccessPass.isUsableOnce, false);
  });

  it("marks every placeholder id with a replace comment", () => {
    const lines = fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8").split("\n");
    const placeholders = lines.filter((line) => /00000000-0000-0000-0000-0000000000[a-f]\d/.test(line));
    assert.ok(placeholders.length >= 3);
    for (const line of placeholders) {
      assert.match(line, /# replace/, line);
    }
  });
});
