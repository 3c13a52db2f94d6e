/**
 * Reading a settings-catalog profile whose expanded settings Graph cuts into pages: the settings
 * that came with `$expand=settings` are kept and only `settings@odata.nextLink` is followed, so n
 * settings cost ceil(n / 25) requests.
 *
 * The sandbox answers `$expand=settings` with every setting; a fault gives the first GET Graph's
 * cut shape: the first 25 settings and a nextLink into the sandbox's own paged `/settings`.
 */
import { strict as assert } from "node:assert";
import { createGraphClient } from "../../infra/graph/client";
import { SettingsCatalogPolicyProvider } from "../../infra/providers/settingsCatalogPolicy";
import type { GraphConfigurationPolicy } from "../../infra/providers/settingsCatalog/policyDocument";
import type { SettingsCatalogPolicyState } from "../../infra/providers/settingsCatalog/policyInputs";
import { readSettings } from "../../infra/providers/settingsCatalog/readSettings";
import type { JsonObject, Sandbox } from "../sandbox";
import { cutExpandedSettings, SETTINGS_PAGE_SIZE } from "./support/cutExpandedSettings";
import { requestLines, useSandboxInEnvironment } from "./support/providerSuite";

const POLICIES = "/beta/deviceManagement/configurationPolicies";
const FAST = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 300, initialDelayMs: 10, maxDelayMs: 50 },
};

/** n choice settings whose definition ids do not sort in their stored order. */
function settings(n: number): JsonObject[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `device_vendor_msft_policy_config_paging_setting${String((i * 7919) % 100_003).padStart(6, "0")}_${i}`;
    return {
      settingInstance: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
        settingDefinitionId: id,
        choiceSettingValue: { value: `${id}_1` },
      },
    };
  });
}

function definitionIds(list: readonly unknown[]): string[] {
  return list.map(
    (s) => (s as { settingInstance: { settingDefinitionId: string } }).settingInstance.settingDefinitionId,
  );
}

describe("reading a settings-catalog profile whose expanded settings are paged", function () {
  let sandbox: Sandbox;
  const provider = new SettingsCatalogPolicyProvider(FAST);

  useSandboxInEnvironment((started) => (sandbox = started));

  for (const n of [25, 26, 100, 400]) {
    const pages = Math.ceil(n / SETTINGS_PAGE_SIZE);

    it(`reads ${n} settings in ${pages} request(s), all of them, in order`, async () => {
      const declared = settings(n);
      const id = sandbox.seedConfigurationPolicy({
        name: `Paged ${n}`,
        platforms: "windows10",
        technologies: "mdm",
        settings: declared,
      });
      const whole = await provider.read(id, {});
      sandbox.clearLog();

      cutExpandedSettings(sandbox, id);
      const client = createGraphClient({ retry: FAST.retry });
      const policy = await client.get<GraphConfigurationPolicy>(
        `/deviceManagement/configurationPolicies/${id}`,
        {
          version: "beta",
          query: { $expand: "settings" },
        },
      );
      const read = await readSettings(client, policy);

      assert.deepEqual(definitionIds(read), definitionIds(declared));
      assert.deepEqual(read, sandbox.configurationPolicy(id)!.settings as unknown[]);
      assert.deepEqual(requestLines(sandbox), [
        `GET ${POLICIES}/${id} 200`,
        ...Array.from({ length: pages - 1 }, () => `GET ${POLICIES}/${id}/settings 200`),
      ]);

      sandbox.clearLog();
      cutExpandedSettings(sandbox, id);
      const viaProvider = await provider.read(id, {});
      assert.equal(sandbox.graphRequests().length, pages);
      assert.equal((viaProvider.props as SettingsCatalogPolicyState).settings.length, n);
      assert.deepEqual(viaProvider.props, whole.props);
    });
  }

  it("refuses a settings nextLink off the Graph endpoint without sending the token there", async () => {
    const id = sandbox.seedConfigurationPolicy({
      name: "Foreign link",
      platforms: "windows10",
      technologies: "mdm",
      settings: settings(2),
    });
    const { settings: all, assignments: _assignments, ...metadata } = sandbox.configurationPolicy(id)!;
    sandbox.fault({
      method: "GET",
      path: `${POLICIES}/${id}`,
      status: 200,
      body: {
        ...metadata,
        settings: all,
        "settings@odata.nextLink": "https://elsewhere.example.com/settings?x=1",
      },
    });

    await assert.rejects(provider.read(id, {}), /not on the Graph endpoint/);
    assert.deepEqual(requestLines(sandbox), [`GET ${POLICIES}/${id} 200`]);
  });
});
