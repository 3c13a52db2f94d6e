/**
 * The program (infra/index.ts) under Pulumi's mock runtime: the Web sign-in profile it declares,
 * with its fixed type token and the exact settings sent to Intune.
 */
import { strict as assert } from "node:assert";
import { mockSettingsCatalogPolicyId } from "../program/providerMocks";
import { findResource, loadStackConfig, runProgram } from "../program/runProgram";
import { runDevStack } from "./support/intuneProgramRuns";

const PROFILE_TYPE = "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy";
const COMPONENT_TYPE = "passwordless:onboarding:PasswordlessOnboarding";

function choice(definitionId: string): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
    settingInstance: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      settingDefinitionId: definitionId,
      settingInstanceTemplateReference: null,
      choiceSettingValue: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
        settingValueTemplateReference: null,
        value: `${definitionId}_1`,
        children: [],
      },
    },
  };
}

const WEB_SIGN_IN = "device_vendor_msft_policy_config_authentication_enablewebsignin";
const PASSWORDLESS = "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience";

function withoutProvider(inputs: Record<string, unknown>): Record<string, unknown> {
  const { __provider: provider, ...rest } = inputs;
  assert.equal(typeof provider, "string", "the serialized provider travels with the resource");
  return rest;
}

describe("the Web sign-in profile declared by the program", function () {
  // A mock run serializes every dynamic provider: seconds each on a small machine.
  this.timeout(120_000);
  it("declares onboarding-web-sign-in with the dynamic Intune type and the settings of Pulumi.dev.yaml", async () => {
    const run = await runDevStack();

    const profile = findResource(run.resources, PROFILE_TYPE, "onboarding-web-sign-in");
    assert.deepEqual(profile.parent, { type: COMPONENT_TYPE, name: "onboarding" });
    assert.deepEqual(withoutProvider(profile.inputs), {
      name: "Windows - Enable Web Sign-in (dev)",
      description: "Lets Autopilot devices accept a Temporary Access Pass at the Windows sign-in screen.",
      platforms: "windows10",
      technologies: "mdm",
      roleScopeTagIds: ["0"],
      settings: [choice(WEB_SIGN_IN)],
      adoptExisting: false,
      providerVersion: "1",
    });
    assert.equal(run.outputs.webSignInPolicyId, mockSettingsCatalogPolicyId("onboarding-web-sign-in"));
  });

  it("adds the passwordless experience and passes adoptExisting when the stack asks for them", async () => {
    const config = loadStackConfig("Pulumi.dev.yaml");
    const run = await runProgram({
      ...config,
      "passwordless-onboarding:webSignIn": {
        policyName: "Web sign-in",
        description: "d",
        enablePasswordlessExperience: true,
        adoptExisting: true,
      },
    });

    const profile = findResource(run.resources, PROFILE_TYPE, "onboarding-web-sign-in");
    assert.deepEqual(profile.inputs.settings, [choice(WEB_SIGN_IN), choice(PASSWORDLESS)]);
    assert.equal(profile.inputs.adoptExisting, true);
    assert.equal(profile.inputs.name, "Web sign-in");
  });
});
