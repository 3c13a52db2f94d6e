/**
 * The settings-catalog profile provider with settings in both shapes Graph produces: declared from
 * an Intune export (full OData metadata, `@odata.type` on every object) and read back from a plain
 * GET (minimal metadata, `@odata.type` only where the declared type is abstract). An unchanged
 * profile must compare equal whichever shape it was declared in, so refresh shows no drift and
 * `up` sends nothing. Fixtures: test/fixtures/settingsCatalog/ (see its README).
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SettingsCatalogPolicyProvider } from "../../infra/providers/settingsCatalogPolicy";
import { normalizeSettings } from "../../infra/providers/settingsCatalog/normalizeSettings";
import { stateFromGraph } from "../../infra/providers/settingsCatalog/policyDocument";
import type { SettingsCatalogPolicyState } from "../../infra/providers/settingsCatalog/policyInputs";
import type { JsonObject, Sandbox } from "../sandbox";
import { checkedBy, requestLines, useSandboxInEnvironment } from "./support/providerSuite";

type Props = Record<string, unknown>;

const FIXTURES = join(__dirname, "..", "fixtures", "settingsCatalog");
const POLICIES = "/beta/deviceManagement/configurationPolicies";
const NO_CHANGES = { changes: false, replaces: [], deleteBeforeReplace: false };
const FAST = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 300, initialDelayMs: 10, maxDelayMs: 50 },
};

function fixture(name: string): JsonObject[] {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as JsonObject[];
}

/** A profile per fixture pair; the sandbox only knows plain profiles (templateId ""). */
const PROFILES = [
  {
    name: "templateProfile",
    program: { platforms: "windows10", technologies: "enrollment" },
    templateId: "80d33118-b7b4-40d8-b15f-81be745e053f_1",
  },
  {
    name: "platformSso",
    program: { platforms: "macOS", technologies: "mdm,appleRemoteManagement" },
    templateId: "",
  },
] as const;

function program(profile: (typeof PROFILES)[number], settings: unknown[], overrides: Props = {}): Props {
  return {
    name: `Shapes - ${profile.name}`,
    description: "Declared from an Intune export",
    ...profile.program,
    settings,
    ...overrides,
  };
}

/** Every value found at `key` anywhere in `value`. */
function valuesAt(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, key));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [
    ...(k === key ? [v] : []),
    ...valuesAt(v, key),
  ]);
}

describe("settings-catalog profile settings: export shape vs plain GET shape", () => {
  const provider = new SettingsCatalogPolicyProvider(FAST);
  const checked = checkedBy(provider);

  for (const profile of PROFILES) {
    describe(`${profile.name} (no Graph)`, () => {
      const exported = fixture(`${profile.name}.export`);
      const read = fixture(`${profile.name}.get`);

      it("normalizes both shapes to the same settings", () => {
        assert.deepEqual(normalizeSettings(exported), normalizeSettings(read));
      });

      it("diff of the export-shaped declaration against the GET-shaped read is empty", async () => {
        const declared = await checked(program(profile, exported, { templateId: profile.templateId }));
        const olds = stateFromGraph(
          {
            id: "5d0c2a4e-0000-4000-8000-00000000a001",
            name: `Shapes - ${profile.name}`,
            description: "Declared from an Intune export",
            ...profile.program,
            roleScopeTagIds: ["0"],
            templateReference: { templateId: profile.templateId },
          },
          read,
          false,
        );
        assert.deepEqual(await provider.diff("id", olds as unknown as Props, declared), NO_CHANGES);
        assert.deepEqual(await provider.diff("id", declared, olds as unknown as Props), NO_CHANGES);
      });
    });
  }

  describe("template references", () => {
    const [exportedMode] = fixture("templateProfile.export");
    const [readMode] = fixture("templateProfile.get");
    const instanceOf = (setting: JsonObject): JsonObject => setting.settingInstance as JsonObject;

    it("a value template reference without useTemplateDefault (as the portal POSTs it) equals Graph's read with false", () => {
      const portal = structuredClone(readMode);
      const value = instanceOf(portal).choiceSettingValue as JsonObject;
      delete (value.settingValueTemplateReference as JsonObject).useTemplateDefault;
      assert.deepEqual(normalizeSettings([portal]), normalizeSettings([readMode]));
    });

    it("a changed template id is still a settings change", async () => {
      const changed = structuredClone(exportedMode);
      (instanceOf(changed).settingInstanceTemplateReference as JsonObject).settingInstanceTemplateId =
        "7e57a000-0000-4000-8000-999999999999";
      const olds = await checked(program(PROFILES[0], [exportedMode]));
      const news = await checked(program(PROFILES[0], [changed]));
      assert.deepEqual(await provider.diff("id", olds, news), {
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      });
    });

    it("a changed useTemplateDefault is still a settings change", async () => {
      const changed = structuredClone(readMode);
      const value = instanceOf(changed).choiceSettingValue as JsonObject;
      (value.settingValueTemplateReference as JsonObject).useTemplateDefault = true;
      const olds = await checked(program(PROFILES[0], [readMode]));
      const news = await checked(program(PROFILES[0], [changed]));
      assert.equal((await provider.diff("id", olds, news)).changes, true);
    });
  });
});

describe("settings-catalog choice option ids (check)", () => {
  const provider = new SettingsCatalogPolicyProvider(FAST);
  const TYPE_PICKER = "com.apple.extensiblesso_ignored_$typepicker";

  function withOption(option: unknown): Props {
    return program(PROFILES[1], [
      {
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
          settingDefinitionId: TYPE_PICKER,
          choiceSettingValue: { value: option, children: [] },
        },
      },
    ]);
  }

  async function failuresFor(option: unknown): Promise<string[]> {
    const result = await provider.check({}, withOption(option));
    return (result.failures ?? []).map((f) => `${f.property}: ${f.reason}`);
  }

  it("accepts Intune's own option ids that do not start with their definition id", async () => {
    assert.deepEqual(await failuresFor("com.apple.extensiblesso_ignored_0"), []);
    assert.deepEqual(await failuresFor("com.apple.extensiblesso_ignored_1"), []);
  });

  it("accepts a whole exported Platform SSO profile using them", async () => {
    const result = await provider.check({}, program(PROFILES[1], fixture("platformSso.export")));
    assert.deepEqual(result.failures ?? [], []);
  });

  it("still refuses what cannot be an option id: empty, whitespace, control characters, absurd length, not a string", async () => {
    const path = "settings[0].settingInstance.choiceSettingValue.value";
    for (const bad of [
      "",
      " com.apple.extensiblesso_ignored_0",
      "a b",
      "tab\there",
      "nul\u0000",
      "x".repeat(1025),
    ]) {
      const failures = await failuresFor(bad);
      assert.equal(failures.length, 1, `${JSON.stringify(bad)}: ${failures.join("; ")}`);
      assert.ok(failures[0].startsWith(`${path}: expected an option id`), failures[0]);
    }
    assert.deepEqual(await failuresFor(1), [`${path}: expected an option id (a string), found number 1`]);
    assert.deepEqual(await failuresFor(undefined), [
      `${path}: expected an option id (a string), found nothing`,
    ]);
  });
});

describe("settings-catalog profile settings in both shapes against the Graph sandbox", function () {
  let sandbox: Sandbox;
  const provider = new SettingsCatalogPolicyProvider(FAST);
  const checked = checkedBy(provider);

  useSandboxInEnvironment((started) => (sandbox = started));

  for (const profile of PROFILES) {
    for (const shape of ["export", "get"] as const) {
      const other = shape === "export" ? "get" : "export";

      it(`${profile.name}: declared in ${shape} shape, created, read back in Graph's GET shape with no drift`, async () => {
        const declared = await checked(
          program(profile, fixture(`${profile.name}.${shape}`), { name: `${profile.name} ${shape}` }),
        );
        const created = await provider.create(declared);
        sandbox.clearLog();

        const read = await provider.read(created.id, created.outs as unknown as Props);

        // What the sandbox answered the GET with is Graph's default shape: no @odata.type on
        // choice or group values (test/sandbox/configurationPolicies.test.ts checks the GET itself).
        const stored = sandbox.configurationPolicy(created.id)?.settings;
        const values = [
          ...valuesAt(stored, "choiceSettingValue"),
          ...valuesAt(stored, "groupSettingCollectionValue").flat(),
        ] as JsonObject[];
        assert.ok(values.length > 0);
        assert.deepEqual(
          values.filter((v) => v["@odata.type"] !== undefined),
          [],
        );
        assert.deepEqual(read.props, created.outs);
        assert.deepEqual(
          await provider.diff(created.id, read.props as unknown as Props, declared),
          NO_CHANGES,
        );

        // The same profile declared in the other shape changes nothing either.
        const redeclared = await checked(
          program(profile, fixture(`${profile.name}.${other}`), { name: `${profile.name} ${shape}` }),
        );
        assert.deepEqual(
          await provider.diff(created.id, read.props as unknown as Props, redeclared),
          NO_CHANGES,
        );
        const settings = (read.props as unknown as SettingsCatalogPolicyState).settings;
        assert.deepEqual(settings, (redeclared as unknown as SettingsCatalogPolicyState).settings);
        assert.deepEqual(requestLines(sandbox), [`GET ${POLICIES}/${created.id} 200`]);
      });
    }
  }
});
