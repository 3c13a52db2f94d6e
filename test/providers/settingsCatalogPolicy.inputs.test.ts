import { strict as assert } from "node:assert";
import { checkPolicyInputs } from "../../infra/providers/settingsCatalog/policyInputs";
import { normalizeSettings } from "../../infra/providers/settingsCatalog/normalizeSettings";
import { diffPolicy, changedPolicyProperties } from "../../infra/providers/settingsCatalog/policyDiff";
import {
  normalizeFlags,
  PLATFORM_FLAGS,
  TECHNOLOGY_FLAGS,
} from "../../infra/providers/settingsCatalog/flags";
import { UNKNOWN_VALUE } from "../../infra/providers/settingsCatalog/unknownValue";

const WEB_SIGN_IN = "device_vendor_msft_policy_config_authentication_enablewebsignin";
const PASSWORDLESS = "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience";
const CHOICE = "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance";

function choice(
  definitionId: string,
  option: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
    settingInstance: {
      "@odata.type": CHOICE,
      settingDefinitionId: definitionId,
      choiceSettingValue: { value: `${definitionId}_${option}`, children: [] },
      ...extra,
    },
  };
}

function validInputs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "Windows - Enable Web Sign-in",
    description: "d",
    platforms: "windows10",
    technologies: "mdm",
    settings: [choice(WEB_SIGN_IN, "1")],
    ...overrides,
  };
}

function failuresOf(overrides: Record<string, unknown>): string[] {
  return checkPolicyInputs(validInputs(overrides)).failures.map((f) => `${f.property}: ${f.reason}`);
}

describe("settings-catalog profile inputs (check)", () => {
  it('applies the defaults: roleScopeTagIds ["0"], templateId "", adoptExisting false', () => {
    const { inputs, failures } = checkPolicyInputs(validInputs({ description: undefined }));
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.roleScopeTagIds, ["0"]);
    assert.equal(inputs.templateId, "");
    assert.equal(inputs.adoptExisting, false);
    assert.equal(inputs.description, "");
  });

  it("rejects an empty name, naming the property and what was found", () => {
    assert.deepEqual(failuresOf({ name: " " }), ['name: expected a non-empty profile name, found " "']);
  });

  it("rejects unknown platform and technology flags, naming the bad member", () => {
    const failures = failuresOf({ platforms: "windows10,windows11", technologies: "mdm,intune" });
    assert.equal(failures.length, 2);
    assert.match(
      failures[0],
      /^platforms: unknown value\(s\) "windows11"; expected one or more of none, android/,
    );
    assert.match(
      failures[1],
      /^technologies: unknown value\(s\) "intune"; expected one or more of none, mdm/,
    );
  });

  it("rejects a setting instance without @odata.type or settingDefinitionId", () => {
    const failures = failuresOf({
      settings: [{ settingInstance: { choiceSettingValue: { value: "x" } } }],
    });
    assert.equal(failures.length, 2);
    assert.match(
      failures[0],
      /^settings\[0\]\.settingInstance\["@odata\.type"\]: expected one of #microsoft/,
    );
    assert.match(failures[0], /found nothing$/);
    assert.equal(
      failures[1],
      "settings[0].settingInstance.settingDefinitionId: expected a non-empty setting definition id, found nothing",
    );
  });

  it("rejects a choice value with whitespace in it, and accepts an option id of another form", () => {
    const setting = choice(WEB_SIGN_IN, "1");
    (setting.settingInstance as { choiceSettingValue: { value: string } }).choiceSettingValue.value = " x";
    const [failure, ...rest] = failuresOf({ settings: [setting] });
    assert.deepEqual(rest, []);
    assert.match(
      failure,
      /^settings\[0\]\.settingInstance\.choiceSettingValue\.value: expected an option id: 1 to 1024 characters without spaces or control characters/,
    );
    (setting.settingInstance as { choiceSettingValue: { value: string } }).choiceSettingValue.value =
      `${PASSWORDLESS}_1`;
    assert.deepEqual(failuresOf({ settings: [setting] }), []);
  });

  it("rejects the same definition id twice, pointing at both places", () => {
    assert.deepEqual(failuresOf({ settings: [choice(WEB_SIGN_IN, "1"), choice(WEB_SIGN_IN, "2")] }), [
      `settings[1].settingInstance.settingDefinitionId: duplicate settingDefinitionId "${WEB_SIGN_IN}" ` +
        "(also at settings[0].settingInstance); each setting may appear once",
    ]);
  });

  it("checks children of a choice value with their full path", () => {
    const parent = "device_vendor_msft_policy_config_admx_credentialproviders_defaultcredentialprovider";
    const setting = choice(parent, "1");
    (setting.settingInstance as { choiceSettingValue: { children: unknown[] } }).choiceSettingValue.children =
      [
        {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
          settingDefinitionId: `${parent}_defaultcredentialprovider_message`,
          simpleSettingValue: { value: "{D6886603-9D2F-4EB2-B667-1971041FA96B}" },
        },
      ];
    assert.deepEqual(failuresOf({ settings: [setting] }), [
      'settings[0].settingInstance.choiceSettingValue.children[0].simpleSettingValue["@odata.type"]: expected ' +
        'the value\'s type, e.g. "#microsoft.graph.deviceManagementConfigurationStringSettingValue" or ' +
        '"...IntegerSettingValue", found nothing',
    ]);
  });

  it("refuses secret setting values, which would end up in Pulumi state", () => {
    const failures = failuresOf({
      settings: [
        {
          settingInstance: {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
            settingDefinitionId: "some_secret",
            simpleSettingValue: {
              "@odata.type": "#microsoft.graph.deviceManagementConfigurationSecretSettingValue",
              value: "p@ss",
            },
          },
        },
      ],
    });
    assert.deepEqual(failures, [
      'settings[0].settingInstance.simpleSettingValue["@odata.type"]: secret setting values are not supported: ' +
        "the value would be stored in Pulumi state",
    ]);
  });

  it("rejects a wrong setting wrapper type, an empty settings list and empty roleScopeTagIds", () => {
    assert.deepEqual(failuresOf({ settings: [{ ...choice(WEB_SIGN_IN, "1"), "@odata.type": "#x" }] }), [
      'settings[0]["@odata.type"]: expected "#microsoft.graph.deviceManagementConfigurationSetting" (or no @odata.type), found "#x"',
    ]);
    assert.deepEqual(failuresOf({ settings: [] }), [
      "settings: expected at least one setting, found an empty list",
    ]);
    assert.deepEqual(failuresOf({ roleScopeTagIds: [] }), [
      'roleScopeTagIds: expected a non-empty list of scope tag ids (default ["0"]), found []',
    ]);
  });

  it("passes values that are not known yet during a preview", () => {
    const { failures, inputs } = checkPolicyInputs(validInputs({ name: UNKNOWN_VALUE }));
    assert.deepEqual(failures, []);
    assert.equal(inputs.name, UNKNOWN_VALUE);
  });

  it("rejects a misspelt adoptExisting instead of dropping it", () => {
    assert.deepEqual(failuresOf({ adopt_existing: true }), [
      "adopt_existing: expected only name, description, platforms, technologies, roleScopeTagIds, settings, adoptExisting, templateId, found adopt_existing. Did you mean adoptExisting?",
    ]);
  });

  it("names every unknown key, __proto__ and constructor included", () => {
    const raw = JSON.parse('{"__proto__":1,"constructor":"x","colour":"blue"}') as Record<string, unknown>;
    // Spreading keeps `__proto__` as an own property, as JSON.parse made it.
    const failures = checkPolicyInputs({ ...validInputs(), ...raw }).failures;
    assert.deepEqual(
      failures.map((f) => f.property),
      ["__proto__", "constructor", "colour"],
    );
  });

  it("accepts the keys the engine and the resource class add", () => {
    const { failures } = checkPolicyInputs(
      validInputs({ __provider: "exports.handler = ...", providerVersion: "3", createdAt: undefined }),
    );
    assert.deepEqual(failures, []);
  });

  it("rejects a name longer than Intune accepts, naming the limit and the length found", () => {
    assert.deepEqual(failuresOf({ name: "x".repeat(100_000) }), [
      "name: expected a profile name of at most 256 characters, found 100000 characters",
    ]);
    assert.deepEqual(failuresOf({ name: "x".repeat(256) }), []);
  });
});

describe("settings normalization", () => {
  it("treats a Graph read and the declared settings as equal despite server-only fields", () => {
    const declared = normalizeSettings([
      {
        settingInstance: {
          "@odata.type": CHOICE,
          settingDefinitionId: WEB_SIGN_IN,
          choiceSettingValue: { value: `${WEB_SIGN_IN}_1` },
        },
      },
    ]);
    const fromGraph = normalizeSettings([
      {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
        id: "0",
        "settingDefinitions@odata.context": "x",
        settingInstance: {
          "@odata.type": CHOICE,
          settingDefinitionId: WEB_SIGN_IN,
          settingInstanceTemplateReference: null,
          choiceSettingValue: {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
            settingValueTemplateReference: null,
            value: `${WEB_SIGN_IN}_1`,
            children: [],
          },
        },
      },
    ]);
    assert.deepEqual(fromGraph, declared);
    assert.deepEqual(declared, [
      {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
        settingInstance: {
          "@odata.type": CHOICE,
          settingDefinitionId: WEB_SIGN_IN,
          choiceSettingValue: {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
            value: `${WEB_SIGN_IN}_1`,
            children: [],
          },
        },
      },
    ]);
  });

  it("orders settings by definition id, so order in the stack does not matter", () => {
    const a = normalizeSettings([choice(WEB_SIGN_IN, "1"), choice(PASSWORDLESS, "1")]);
    const b = normalizeSettings([choice(PASSWORDLESS, "1"), choice(WEB_SIGN_IN, "1")]);
    assert.deepEqual(a, b);
    assert.equal(a[0].settingInstance.settingDefinitionId, PASSWORDLESS);
  });

  it("spells flags one way: members ordered as Graph lists them, duplicates dropped", () => {
    assert.equal(normalizeFlags("configManager, mdm,mdm", TECHNOLOGY_FLAGS), "mdm,configManager");
    assert.equal(normalizeFlags("windows10", PLATFORM_FLAGS), "windows10");
  });
});

describe("settings-catalog profile diff", () => {
  const olds = checkPolicyInputs(validInputs()).inputs as unknown as Record<string, unknown>;

  it("reports no change for the same declaration written differently", () => {
    const news = validInputs({ technologies: " mdm", roleScopeTagIds: ["0"], adoptExisting: true });
    assert.deepEqual(diffPolicy(olds, news), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("changes description in place", () => {
    assert.deepEqual(changedPolicyProperties(olds, validInputs({ description: "new" })), ["description"]);
    assert.deepEqual(diffPolicy(olds, validInputs({ description: "new" })).replaces, []);
  });

  it("replaces (deleting first) when platforms change", () => {
    assert.deepEqual(diffPolicy(olds, validInputs({ platforms: "macOS" })), {
      changes: true,
      replaces: ["platforms"],
      deleteBeforeReplace: true,
    });
  });

  it("reports exactly the settings property when one setting's value changed", () => {
    assert.deepEqual(changedPolicyProperties(olds, validInputs({ settings: [choice(WEB_SIGN_IN, "2")] })), [
      "settings",
    ]);
  });

  it("counts a value not known yet as changed", () => {
    assert.deepEqual(changedPolicyProperties(olds, validInputs({ templateId: UNKNOWN_VALUE })), [
      "templateId",
    ]);
  });
});
