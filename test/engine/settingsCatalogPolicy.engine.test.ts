/**
 * The settings-catalog profile provider, serialized as `pulumi.dynamic.Resource` serializes it and
 * run in the dynamic-provider host against the Graph sandbox, through the engine's sequence of
 * calls for up, a repeated up, preview --refresh after a portal edit, an update and destroy.
 */
import { strict as assert } from "node:assert";
import type { DeployedResource } from "./deployment";
import type { EngineScenario } from "./engineScenario";
import type { PropertyMap } from "./marshal";
import { useResourceScenario } from "./resourceScenario";
import { normalizedChoiceSetting } from "./webSignInSetting";

const POLICIES_PATH = "/beta/deviceManagement/configurationPolicies";

const WEB_SIGN_IN = normalizedChoiceSetting(
  "device_vendor_msft_policy_config_authentication_enablewebsignin",
);
const PASSWORDLESS = normalizedChoiceSetting(
  "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience",
);

function definitionIds(policy: { settings?: unknown } | undefined): string[] {
  const settings = (policy?.settings ?? []) as { settingInstance: { settingDefinitionId: string } }[];
  return settings.map((s) => s.settingInstance.settingDefinitionId).sort();
}

describe("SettingsCatalogPolicy run by the dynamic-provider host", function () {
  this.timeout(30_000);
  let scenario: EngineScenario;
  let resource: DeployedResource;
  let providerText: string;

  const program = (overrides: PropertyMap = {}): PropertyMap => ({
    name: "Autopilot - Web sign-in",
    description: "Lets new joiners sign in with a Temporary Access Pass after device setup.",
    platforms: "windows10",
    technologies: "mdm",
    roleScopeTagIds: ["0"],
    settings: [WEB_SIGN_IN],
    adoptExisting: false,
    __provider: providerText,
    ...overrides,
  });

  useResourceScenario("SettingsCatalogPolicy", "web-sign-in", (ready) => {
    ({ scenario, resource, providerText } = ready);
  });

  it("pulumi up: looks the name up, then creates the profile with its settings in one POST", async () => {
    const result = await resource.up(program());

    assert.equal(result.operation, "create");
    assert.deepEqual(resource.calls, ["Check", "Create"]);
    const requests = scenario.sandbox.graphRequests();
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.path}`),
      [`GET ${POLICIES_PATH}`, `POST ${POLICIES_PATH}`],
    );
    assert.equal(requests[0].query.$filter, "name eq 'Autopilot - Web sign-in'");
    const policies = scenario.sandbox.configurationPolicies();
    assert.equal(policies.length, 1);
    assert.equal(policies[0].id, resource.state?.id);
    assert.equal(policies[0].name, "Autopilot - Web sign-in");
    assert.equal(policies[0].platforms, "windows10");
    assert.deepEqual(definitionIds(policies[0]), [
      "device_vendor_msft_policy_config_authentication_enablewebsignin",
    ]);
    assert.equal(resource.state?.outputs.name, "Autopilot - Web sign-in");
  });

  it("a second pulumi up with the same program changes nothing and calls no Graph API", async () => {
    const before = resource.state;

    const result = await resource.up(program());

    assert.equal(result.operation, "same");
    assert.deepEqual(resource.calls, ["Check", "Diff"]);
    assert.deepEqual(scenario.sandbox.graphRequests(), []);
    assert.deepEqual(resource.state?.outputs, before?.outputs);
  });

  it("preview --refresh after a portal edit shows exactly the edited property", async () => {
    const id = resource.state?.id ?? "";
    scenario.sandbox.editConfigurationPolicy(id, (policy) => {
      policy.description = "Edited in the Intune portal";
    });

    assert.equal(await resource.refresh(), true);
    const preview = await resource.preview(program());

    assert.deepEqual(resource.calls, ["Read", "Check", "Diff"]);
    assert.equal(resource.state?.outputs.description, "Edited in the Intune portal");
    assert.equal(preview.operation, "update");
    assert.equal(preview.diff?.changes, "some");
    assert.deepEqual(preview.diff?.replaces, []);
    assert.deepEqual(preview.changedInputs, ["description"]);
    assert.ok(scenario.sandbox.graphRequests().every((r) => r.method === "GET"));
  });

  it("pulumi up with an added setting replaces the profile's settings in place", async () => {
    const id = resource.state?.id;

    const result = await resource.up(program({ settings: [WEB_SIGN_IN, PASSWORDLESS] }));

    assert.equal(result.operation, "update");
    assert.deepEqual(resource.calls, ["Check", "Diff", "Update"]);
    assert.equal(resource.state?.id, id);
    const writes = scenario.sandbox.graphRequests().filter((r) => r.method !== "GET");
    assert.deepEqual(
      writes.map((r) => `${r.method} ${r.path}`),
      [`PUT ${POLICIES_PATH}/${id}`],
    );
    const policy = scenario.sandbox.configurationPolicy(id ?? "");
    assert.deepEqual(definitionIds(policy), [
      "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience",
      "device_vendor_msft_policy_config_authentication_enablewebsignin",
    ]);
    assert.equal(
      policy?.description,
      "Lets new joiners sign in with a Temporary Access Pass after device setup.",
    );
  });

  it("pulumi destroy deletes the profile", async () => {
    const id = resource.state?.id ?? "";

    await resource.destroy();

    assert.deepEqual(resource.calls, ["Delete"]);
    assert.deepEqual(
      scenario.sandbox.graphRequests().map((r) => `${r.method} ${r.path}`),
      [`DELETE ${POLICIES_PATH}/${id}`],
    );
    assert.equal(scenario.sandbox.configurationPolicy(id), undefined);
    assert.deepEqual(scenario.sandbox.configurationPolicies(), []);
  });
});
