/**
 * How a new provider version reaches an existing stack, through the real dynamic-provider host:
 * a state written by other provider code (here: the same provider with other options, so its
 * serialized text differs) and without `providerVersion`, as every stack created before versions
 * has. The next `pulumi up` with the program's provider (version "1") is an update that sends
 * nothing to Graph, after which the state holds the new code and the new version, so refresh and
 * destroy run the new code from then on.
 */
import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import { ConfigurationPolicyAssignmentProvider } from "../../infra/providers/configurationPolicyAssignment";
import {
  CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER_VERSION,
  SETTINGS_CATALOG_POLICY_PROVIDER_VERSION,
  TEMPORARY_ACCESS_PASS_POLICY_PROVIDER_VERSION,
} from "../../infra/providers/providerVersions";
import { SettingsCatalogPolicyProvider } from "../../infra/providers/settingsCatalogPolicy";
import { TemporaryAccessPassPolicyProvider } from "../../infra/providers/temporaryAccessPassPolicy";
import { DeployedResource } from "./deployment";
import { startEngineScenario, stopEngineScenario, type EngineScenario } from "./engineScenario";
import type { PropertyMap } from "./marshal";
import { RESOURCE_TYPES, serializedProjectProvider, type ProjectResource } from "./projectProviders";
import { resourceRef } from "./providerHost";
import { serializeProvider } from "./serializeProvider";
import { WEB_SIGN_IN_SETTING } from "./webSignInSetting";

/** Options that only change the serialized text (they are captured with the provider). */
const OLD_OPTIONS = { retry: { maxRetries: 1, baseDelayMs: 7, maxDelayMs: 70 } };

interface Case {
  resource: ProjectResource;
  version: string;
  oldProvider: () => pulumi.dynamic.ResourceProvider;
  /** The program's inputs without `providerVersion` and `__provider`. */
  program: (scenario: EngineScenario) => PropertyMap;
}

const CASES: Case[] = [
  {
    resource: "TemporaryAccessPassPolicy",
    version: TEMPORARY_ACCESS_PASS_POLICY_PROVIDER_VERSION,
    oldProvider: () => new TemporaryAccessPassPolicyProvider(OLD_OPTIONS),
    program: (scenario) => ({
      state: "enabled",
      defaultLifetimeInMinutes: 480,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      defaultLength: 12,
      isUsableOnce: false,
      includeTargets: [
        {
          id: scenario.sandbox.addGroup({ displayName: "New joiners", securityEnabled: true }),
          targetType: "group",
          isRegistrationRequired: false,
        },
      ],
      excludeTargets: [],
      onDestroy: "restore",
    }),
  },
  {
    resource: "SettingsCatalogPolicy",
    version: SETTINGS_CATALOG_POLICY_PROVIDER_VERSION,
    oldProvider: () => new SettingsCatalogPolicyProvider(OLD_OPTIONS),
    program: () => ({
      name: "Autopilot - Web sign-in (versions)",
      description: "",
      platforms: "windows10",
      technologies: "mdm",
      roleScopeTagIds: ["0"],
      settings: [WEB_SIGN_IN_SETTING],
      adoptExisting: false,
    }),
  },
  {
    resource: "ConfigurationPolicyAssignment",
    version: CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER_VERSION,
    oldProvider: () => new ConfigurationPolicyAssignmentProvider(OLD_OPTIONS),
    program: (scenario) => ({
      policyId: scenario.sandbox.seedConfigurationPolicy({
        name: "Assigned (versions)",
        platforms: "windows10",
        technologies: "mdm",
        settings: [WEB_SIGN_IN_SETTING],
      }),
      assignments: [
        { target: "group", groupId: scenario.sandbox.addGroup({ displayName: "Autopilot devices" }) },
      ],
    }),
  },
];

describe("a new providerVersion reaching state written by other provider code", function () {
  this.timeout(60_000);
  let scenario: EngineScenario;

  before(async () => {
    scenario = await startEngineScenario();
  });

  after(() => stopEngineScenario(scenario));

  for (const { resource: kind, version, oldProvider, program } of CASES) {
    it(`${kind}: pulumi up is an update with no Graph request that stores the new code and version "${version}"`, async () => {
      const oldText = (await serializeProvider(oldProvider(), { label: `old ${kind}` })).text;
      const newText = (await serializedProjectProvider(kind)).text;
      assert.notEqual(oldText, newText, "the old state's code differs from the program's");
      const inputs = program(scenario);
      const resource = new DeployedResource(
        scenario.host,
        resourceRef(RESOURCE_TYPES[kind], `versions-${kind}`),
      );
      // The stack as an earlier release left it: other code, no providerVersion.
      await resource.up({ ...inputs, __provider: oldText });
      assert.equal(resource.state?.outputs.__provider, oldText);
      assert.equal("providerVersion" in (resource.state?.outputs ?? {}), false);
      scenario.sandbox.clearLog();
      resource.calls = [];

      const result = await resource.up({ ...inputs, providerVersion: version, __provider: newText });

      assert.equal(result.operation, "update");
      assert.deepEqual(result.diff?.replaces, []);
      assert.deepEqual(resource.calls, ["Check", "Diff", "Update"]);
      assert.deepEqual(scenario.sandbox.graphRequests(), [], "no Graph request at all");
      assert.deepEqual(scenario.sandbox.requests, [], "not even a sign-in");
      const state = resource.state;
      assert.equal(state?.outputs.__provider, newText);
      assert.equal(state?.outputs.providerVersion, version);
      assert.equal(state?.inputs.providerVersion, version);

      // From now on the stack is current: the same program changes nothing, refresh runs the new
      // code and keeps the version, and destroy runs the new code too.
      resource.calls = [];
      const again = await resource.up({ ...inputs, providerVersion: version, __provider: newText });
      assert.equal(again.operation, "same");
      assert.equal(await resource.refresh(), true);
      assert.equal(resource.state?.outputs.__provider, newText);
      assert.equal(resource.state?.outputs.providerVersion, version);
      assert.equal(
        (await resource.preview({ ...inputs, providerVersion: version, __provider: newText })).operation,
        "same",
      );
      await resource.destroy();
      assert.deepEqual(resource.calls, ["Check", "Diff", "Read", "Check", "Diff", "Delete"]);
    });
  }
});
