/**
 * The TAP policy provider, serialized as `pulumi.dynamic.Resource` serializes it and run in the
 * dynamic-provider host against the Graph sandbox, through the engine's sequence of calls for
 * up, a repeated up, preview --refresh after a portal edit, an update and destroy.
 */
import { strict as assert } from "node:assert";
import type { DeployedResource } from "./deployment";
import type { EngineScenario } from "./engineScenario";
import type { PropertyMap } from "./marshal";
import { useResourceScenario } from "./resourceScenario";

const TAP_PATH =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";

describe("TemporaryAccessPassPolicy run by the dynamic-provider host", function () {
  this.timeout(30_000);
  let scenario: EngineScenario;
  let resource: DeployedResource;
  let providerText: string;
  let groupId: string;
  let tapBeforeFirstUp: Record<string, unknown>;

  const program = (overrides: PropertyMap = {}): PropertyMap => ({
    state: "enabled",
    defaultLifetimeInMinutes: 480,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    defaultLength: 12,
    isUsableOnce: false,
    includeTargets: [{ id: groupId, targetType: "group", isRegistrationRequired: false }],
    excludeTargets: [],
    onDestroy: "restore",
    __provider: providerText,
    ...overrides,
  });

  useResourceScenario("TemporaryAccessPassPolicy", "tap", (ready) => {
    ({ scenario, resource, providerText } = ready);
  });

  before(() => {
    const { sandbox } = scenario;
    groupId = sandbox.addGroup({ displayName: "New joiners", securityEnabled: true, mailEnabled: false });
    tapBeforeFirstUp = sandbox.tap();
  });

  it("pulumi up: records the configuration it found, then PATCHes the desired one", async () => {
    const result = await resource.up(program());

    assert.equal(result.operation, "create");
    assert.deepEqual(resource.calls, ["Check", "Create"]);
    const requests = scenario.sandbox.graphRequests().map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(requests, [`GET ${TAP_PATH}`, `PATCH ${TAP_PATH}`]);
    const tap = scenario.sandbox.tap();
    assert.equal(tap.state, "enabled");
    assert.equal(tap.defaultLength, 12);
    assert.equal(tap.defaultLifetimeInMinutes, 480);
    assert.deepEqual(tap.includeTargets, [
      { id: groupId, targetType: "group", isRegistrationRequired: false },
    ]);
    const state = resource.state;
    assert.equal(state?.id, "TemporaryAccessPass");
    assert.deepEqual(state?.outputs.previous, {
      state: "disabled",
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      defaultLength: 8,
      isUsableOnce: false,
      includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
    });
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
    scenario.sandbox.setTap({ defaultLength: 16 });

    assert.equal(await resource.refresh(), true);
    const preview = await resource.preview(program());

    assert.deepEqual(resource.calls, ["Read", "Check", "Diff"]);
    assert.equal(resource.state?.outputs.defaultLength, 16);
    assert.equal(preview.operation, "update");
    assert.deepEqual(preview.diff, { changes: "some", replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(preview.changedInputs, ["defaultLength"]);
    assert.deepEqual(
      scenario.sandbox.graphRequests().map((r) => r.method),
      ["GET"],
    );
  });

  it("pulumi up with a changed lifetime PATCHes the whole desired configuration", async () => {
    const result = await resource.up(program({ defaultLifetimeInMinutes: 240 }));

    assert.equal(result.operation, "update");
    assert.deepEqual(resource.calls, ["Check", "Diff", "Update"]);
    const patches = scenario.sandbox.graphRequests().filter((r) => r.method === "PATCH");
    assert.equal(patches.length, 1);
    assert.deepEqual(patches[0].body, {
      "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
      state: "enabled",
      defaultLifetimeInMinutes: 240,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      defaultLength: 12,
      isUsableOnce: false,
      includeTargets: [{ id: groupId, targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
    });
    const tap = scenario.sandbox.tap();
    assert.equal(tap.defaultLifetimeInMinutes, 240);
    assert.equal(tap.defaultLength, 12);
    assert.equal((resource.state?.outputs.previous as PropertyMap).state, "disabled");
  });

  it("pulumi destroy restores the configuration found before the first up", async () => {
    await resource.destroy();

    assert.deepEqual(resource.calls, ["Delete"]);
    assert.equal(resource.state, undefined);
    assert.deepEqual(scenario.sandbox.tap(), tapBeforeFirstUp);
  });
});
