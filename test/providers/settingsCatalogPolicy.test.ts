/**
 * The settings-catalog profile provider against the Graph sandbox over HTTPS, with the real Graph
 * client and credential flow: request bodies and counts, tenant state after each step, faults.
 */
import { strict as assert } from "node:assert";
import { SettingsCatalogPolicyProvider } from "../../infra/providers/settingsCatalogPolicy";
import { changedPolicyProperties } from "../../infra/providers/settingsCatalog/policyDiff";
import type { SettingsCatalogPolicyState } from "../../infra/providers/settingsCatalog/policyInputs";
import type { Sandbox, JsonObject } from "../sandbox";
import { WEB_SIGN_IN } from "./support/webSignInProfile";
import { engineUp } from "./support/engineSteps";
import { checkedBy, requestLines, useSandboxInEnvironment } from "./support/providerSuite";

const POLICIES = "/beta/deviceManagement/configurationPolicies";
const PASSWORDLESS = "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience";
const SETTING = "#microsoft.graph.deviceManagementConfigurationSetting";
const CHOICE_INSTANCE = "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance";
const CHOICE_VALUE = "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue";
const FAST = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 300, initialDelayMs: 10, maxDelayMs: 50 },
};

type Props = Record<string, unknown>;

/** A choice setting as the stack declares it (no value type, no children). */
function choice(definitionId: string, option = "1"): Props {
  return {
    settingInstance: {
      "@odata.type": CHOICE_INSTANCE,
      settingDefinitionId: definitionId,
      choiceSettingValue: { value: `${definitionId}_${option}` },
    },
  };
}

/** The same setting in its normalized form (what is sent to Graph and kept in state). */
function normalizedChoice(definitionId: string, option = "1"): Props {
  return {
    "@odata.type": SETTING,
    settingInstance: {
      "@odata.type": CHOICE_INSTANCE,
      settingDefinitionId: definitionId,
      choiceSettingValue: { "@odata.type": CHOICE_VALUE, value: `${definitionId}_${option}`, children: [] },
    },
  };
}

function program(overrides: Props = {}): Props {
  return {
    name: "Windows - Enable Web Sign-in",
    description: "Lets Autopilot devices accept a Temporary Access Pass.",
    platforms: "windows10",
    technologies: "mdm",
    settings: [choice(WEB_SIGN_IN)],
    ...overrides,
  };
}

function settingValues(policy: JsonObject | undefined): string[] {
  const settings = (policy?.settings ?? []) as {
    settingInstance: { choiceSettingValue: { value: string } };
  }[];
  return settings.map((s) => s.settingInstance.choiceSettingValue.value).sort();
}

describe("SettingsCatalogPolicyProvider against the Graph sandbox", function () {
  let sandbox: Sandbox;
  const provider = new SettingsCatalogPolicyProvider(FAST);
  const requests = (): string[] => requestLines(sandbox);
  const writes = () => sandbox.graphRequests().filter((r) => r.method !== "GET");
  const checked = checkedBy(provider);

  useSandboxInEnvironment((started) => (sandbox = started));

  describe("lifecycle", () => {
    let id: string;
    let outs: SettingsCatalogPolicyState;

    it("check normalizes the inputs and sends no request", async () => {
      const inputs = await checked(program());
      assert.deepEqual(inputs, {
        ...program(),
        roleScopeTagIds: ["0"],
        adoptExisting: false,
        templateId: "",
        settings: [normalizedChoice(WEB_SIGN_IN)],
      });
      const invalid = await provider.check({}, program({ platforms: "windows11" }));
      assert.equal(invalid.failures?.[0].property, "platforms");
      assert.deepEqual(sandbox.graphRequests(), []);
    });

    it("create looks the name up, then POSTs the whole document with the settings inline", async () => {
      const result = await provider.create(await checked(program()));
      id = result.id;
      outs = result.outs as SettingsCatalogPolicyState;

      assert.deepEqual(requests(), [`GET ${POLICIES} 200`, `POST ${POLICIES} 201`]);
      assert.equal(sandbox.graphRequests()[0].query.$filter, "name eq 'Windows - Enable Web Sign-in'");
      assert.deepEqual(sandbox.graphRequests()[1].body, {
        name: "Windows - Enable Web Sign-in",
        description: "Lets Autopilot devices accept a Temporary Access Pass.",
        platforms: "windows10",
        technologies: "mdm",
        roleScopeTagIds: ["0"],
        templateReference: { templateId: "" },
        settings: [normalizedChoice(WEB_SIGN_IN)],
      });
      const stored = sandbox.configurationPolicy(id);
      assert.equal(stored?.name, "Windows - Enable Web Sign-in");
      assert.deepEqual(settingValues(stored), [`${WEB_SIGN_IN}_1`]);
      const { createdAt, ...declared } = outs as SettingsCatalogPolicyState & { createdAt?: string };
      assert.deepEqual(declared, await checked(program()));
      assert.ok(Math.abs(Date.parse(String(createdAt)) - Date.now()) < 60_000, `createdAt ${createdAt}`);
    });

    it("read returns the same state in one GET with the settings expanded", async () => {
      const result = await provider.read(id, outs as unknown as Props);

      assert.deepEqual(requests(), [`GET ${POLICIES}/${id} 200`]);
      assert.equal(sandbox.graphRequests()[0].query.$expand, "settings");
      assert.equal(result.id, id);
      assert.deepEqual(result.props, outs);
      const { createdAt: createdAt, ...declared } = outs as SettingsCatalogPolicyState & {
        createdAt?: string;
      };
      assert.deepEqual(result.inputs, declared);
    });

    it("diff of the unchanged program is empty", async () => {
      const diff = await provider.diff(id, outs as unknown as Props, await checked(program()));
      assert.deepEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
      assert.deepEqual(sandbox.graphRequests(), []);
    });

    it("a description change is one PATCH of the description; settings untouched", async () => {
      const news = await checked(program({ description: "Web sign-in for new joiners" }));
      const diff = await provider.diff(id, outs as unknown as Props, news);
      assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
      const settingsBefore = sandbox.configurationPolicy(id)?.settings;

      const result = await provider.update(id, outs as unknown as Props, news);
      outs = result.outs as SettingsCatalogPolicyState;

      assert.deepEqual(requests(), [`PATCH ${POLICIES}/${id} 204`]);
      assert.deepEqual(sandbox.graphRequests()[0].body, { description: "Web sign-in for new joiners" });
      assert.equal(sandbox.configurationPolicy(id)?.description, "Web sign-in for new joiners");
      assert.deepEqual(sandbox.configurationPolicy(id)?.settings, settingsBefore);
    });

    it("a rename checks the new name is free, then PATCHes the name", async () => {
      const news = await checked(program({ name: "Autopilot - Web sign-in", description: outs.description }));
      const result = await provider.update(id, outs as unknown as Props, news);
      outs = result.outs as SettingsCatalogPolicyState;

      assert.deepEqual(requests(), [`GET ${POLICIES} 200`, `PATCH ${POLICIES}/${id} 204`]);
      assert.equal(sandbox.graphRequests()[0].query.$filter, "name eq 'Autopilot - Web sign-in'");
      assert.deepEqual(sandbox.graphRequests()[1].body, { name: "Autopilot - Web sign-in" });
      assert.equal(sandbox.configurationPolicy(id)?.name, "Autopilot - Web sign-in");
    });

    it("a settings change PUTs the whole document", async () => {
      const news = await checked({ ...outs, settings: [choice(WEB_SIGN_IN), choice(PASSWORDLESS)] });
      assert.deepEqual(changedPolicyProperties(outs as unknown as Props, news), ["settings"]);

      const result = await provider.update(id, outs as unknown as Props, news);
      outs = result.outs as SettingsCatalogPolicyState;

      assert.deepEqual(requests(), [`PUT ${POLICIES}/${id} 204`]);
      assert.deepEqual(sandbox.graphRequests()[0].body, {
        name: "Autopilot - Web sign-in",
        description: "Web sign-in for new joiners",
        platforms: "windows10",
        technologies: "mdm",
        roleScopeTagIds: ["0"],
        templateReference: { templateId: "" },
        settings: [normalizedChoice(PASSWORDLESS), normalizedChoice(WEB_SIGN_IN)],
      });
      assert.deepEqual(settingValues(sandbox.configurationPolicy(id)), [
        `${PASSWORDLESS}_1`,
        `${WEB_SIGN_IN}_1`,
      ]);
      const read = await provider.read(id, outs as unknown as Props);
      assert.deepEqual(read.props, outs);
    });

    it("a platform change is a replacement that deletes the old profile first", async () => {
      const diff = await provider.diff(
        id,
        outs as unknown as Props,
        await checked({ ...outs, platforms: "macOS" }),
      );
      assert.deepEqual(diff, { changes: true, replaces: ["platforms"], deleteBeforeReplace: true });
      assert.deepEqual(sandbox.graphRequests(), []);
    });

    it("delete removes the profile, and a second delete treats 404 as already gone", async () => {
      await provider.delete(id, outs as unknown as Props);
      assert.deepEqual(requests(), [`DELETE ${POLICIES}/${id} 204`]);
      assert.equal(sandbox.configurationPolicy(id), undefined);

      await provider.delete(id, outs as unknown as Props);
      assert.deepEqual(requests().slice(1), [`DELETE ${POLICIES}/${id} 404`]);
    });

    it("read of a deleted profile reports it gone after a short, bounded retry", async () => {
      const started = Date.now();
      const result = await provider.read(id, outs as unknown as Props);
      assert.deepEqual(result, {});
      assert.ok(requests().length >= 2, `expected a retry, got ${requests().join(", ")}`);
      assert.ok(requests().every((r) => r === `GET ${POLICIES}/${id} 404`));
      assert.ok(Date.now() - started < 1_000);
    });
  });

  describe("a profile deleted out of band long after it was created", () => {
    it("read reports it gone after one request, without waiting for replication", async () => {
      const created = await provider.create(await checked(program({ name: "Deleted in the portal" })));
      assert.match(String(created.outs?.createdAt), /^\d{4}-\d{2}-\d{2}T/);
      await provider.delete(created.id, created.outs as unknown as Props);
      sandbox.clearLog();

      const anHourAgo = new Date(Date.now() - 60 * 60_000).toISOString();
      const result = await provider.read(created.id, { ...created.outs, createdAt: anHourAgo });
      assert.deepEqual(result, {});
      assert.deepEqual(requests(), [`GET ${POLICIES}/${created.id} 404`]);
    });

    it("read keeps createdAt in the outputs but not in the inputs", async () => {
      const created = await provider.create(await checked(program({ name: "Keeps createdAt" })));
      const read = await provider.read(created.id, created.outs as unknown as Props);
      assert.equal(read.props?.createdAt, created.outs?.createdAt);
      assert.equal((read.inputs as Props | undefined)?.["createdAt"], undefined);
    });
  });

  describe("never two profiles with one name", () => {
    it("fails without writing when a same-name profile exists and adoptExisting is off", async () => {
      const existing = sandbox.seedConfigurationPolicy({
        ...program({ name: "Seeded" }),
        settings: [choice(PASSWORDLESS)],
      });
      sandbox.clearLog();

      await assert.rejects(provider.create(await checked(program({ name: "Seeded" }))), {
        message:
          `Creating settings-catalog profile "Seeded": A settings-catalog profile named "Seeded" already exists ` +
          `(id ${existing}); nothing was changed. To manage it from this stack, set adoptExisting: true (for the ` +
          `Web sign-in profile: stack config passwordless-onboarding:webSignIn.adoptExisting) and its settings ` +
          `will be overwritten with the declared ones; or give this profile another name.`,
      });
      assert.deepEqual(writes(), []);
      assert.deepEqual(settingValues(sandbox.configurationPolicy(existing)), [`${PASSWORDLESS}_1`]);
    });

    it("adopts the existing profile with adoptExisting, PUTting the declared document", async () => {
      const existing = sandbox.seedConfigurationPolicy({
        ...program({ name: "Adopt me" }),
        settings: [choice(PASSWORDLESS)],
      });
      sandbox.clearLog();

      const result = await provider.create(await checked(program({ name: "Adopt me", adoptExisting: true })));

      assert.equal(result.id, existing);
      assert.deepEqual(requests(), [
        `GET ${POLICIES} 200`,
        `GET ${POLICIES}/${existing} 200`,
        `PUT ${POLICIES}/${existing} 204`,
      ]);
      assert.equal(sandbox.graphRequests()[1].query.$expand, "settings");
      assert.deepEqual(settingValues(sandbox.configurationPolicy(existing)), [`${WEB_SIGN_IN}_1`]);
      assert.equal(sandbox.configurationPolicies().filter((p) => p.name === "Adopt me").length, 1);
    });

    it("adopts a profile that already holds the declared document with reads only", async () => {
      // As the Intune admin center POSTs it: settings without value types or template references.
      const existing = sandbox.seedConfigurationPolicy({
        ...program({ name: "Already right" }),
        roleScopeTagIds: ["0"],
      });
      const before = sandbox.configurationPolicy(existing);
      sandbox.clearLog();

      const result = await provider.create(
        await checked(program({ name: "Already right", adoptExisting: true })),
      );

      assert.equal(result.id, existing);
      assert.deepEqual(requests(), [`GET ${POLICIES} 200`, `GET ${POLICIES}/${existing} 200`]);
      assert.deepEqual(sandbox.configurationPolicy(existing), before);
    });

    it("refuses to choose between several same-name profiles, naming their ids", async () => {
      const first = sandbox.seedConfigurationPolicy(program({ name: "Twice" }));
      const second = sandbox.seedConfigurationPolicy(program({ name: "Twice" }));
      sandbox.clearLog();

      await assert.rejects(provider.create(await checked(program({ name: "Twice", adoptExisting: true }))), {
        message: new RegExp(
          `2 settings-catalog profiles are named "Twice" \\(ids ${first}, ${second}\\); nothing was changed`,
        ),
      });
      assert.deepEqual(writes(), []);
    });

    it("refuses to adopt a profile whose platforms differ", async () => {
      const existing = sandbox.seedConfigurationPolicy(program({ name: "Mac", platforms: "macOS" }));
      sandbox.clearLog();

      await assert.rejects(provider.create(await checked(program({ name: "Mac", adoptExisting: true }))), {
        message: new RegExp(
          `Cannot adopt settings-catalog profile "Mac" \\(id ${existing}\\): it has platforms "macOS" \\(declared "windows10"\\)`,
        ),
      });
      assert.deepEqual(writes(), []);
    });

    it("quotes the name in the lookup filter (single quotes doubled)", async () => {
      await provider.create(await checked(program({ name: "Jo's profile" })));
      assert.equal(sandbox.graphRequests()[0].query.$filter, "name eq 'Jo''s profile'");
      assert.equal(sandbox.configurationPolicies().filter((p) => p.name === "Jo's profile").length, 1);
    });

    it("a POST applied but answered with a connection reset ends with exactly one profile", async () => {
      sandbox.fault({ method: "POST", path: POLICIES, reset: "after" });

      const result = await provider.create(await checked(program({ name: "Reset after" })));

      const named = sandbox.configurationPolicies().filter((p) => p.name === "Reset after");
      assert.equal(named.length, 1);
      assert.equal(result.id, named[0].id);
      assert.deepEqual(
        sandbox.graphRequests().map((r) => `${r.method} ${r.path}`),
        [`GET ${POLICIES}`, `POST ${POLICIES}`, `GET ${POLICIES}`],
      );
    });

    it("a POST lost before it was applied is not sent again by the same create; the next up creates the profile", async () => {
      sandbox.fault({ method: "POST", path: POLICIES, reset: "before" });

      const first = await engineUp(provider, undefined, await checked(program({ name: "Reset before" })));
      assert.match(
        String(first.error),
        /the POST got no clear answer \(POST \/beta\/deviceManagement\/configurationPolicies: no response \(\w+\)\)/,
      );
      assert.deepEqual(
        sandbox.graphRequests().map((r) => `${r.method} ${r.path}`),
        [`GET ${POLICIES}`, `POST ${POLICIES}`, ...Array<string>(4).fill(`GET ${POLICIES}`)],
      );
      const second = await engineUp(provider, first.state, await checked(program({ name: "Reset before" })));

      const named = sandbox.configurationPolicies().filter((p) => p.name === "Reset before");
      assert.equal(named.length, 1);
      assert.equal(second.state?.id, named[0].id);
    });

    it("keeps Graph's code, message and request-id when the app lacks the write permission", async () => {
      sandbox.revoke("DeviceManagementConfiguration.ReadWrite.All");
      sandbox.grant("DeviceManagementConfiguration.Read.All");
      try {
        await assert.rejects(
          provider.create(await checked(program({ name: "No permission" }))),
          (error: Error) => {
            assert.match(
              error.message,
              /^Creating settings-catalog profile "No permission": POST \/beta\/deviceManagement\/configurationPolicies failed: 403 /,
            );
            assert.match(error.message, /\(request-id [0-9a-f-]{36}\)/);
            assert.match(error.message, /The app needs DeviceManagementConfiguration\.ReadWrite\.All\./);
            assert.equal((error as unknown as { status: number }).status, 403);
            return true;
          },
        );
      } finally {
        sandbox.grant("DeviceManagementConfiguration.ReadWrite.All");
      }
    });
  });

  describe("drift", () => {
    let id: string;
    let outs: Props;

    beforeEach(async () => {
      const result = await provider.create(
        await checked(
          program({ name: `Drift ${Date.now()}`, settings: [choice(WEB_SIGN_IN), choice(PASSWORDLESS)] }),
        ),
      );
      id = result.id;
      outs = result.outs as unknown as Props;
      sandbox.clearLog();
    });

    it("shows a setting changed in the portal in read and in diff, on settings only", async () => {
      sandbox.editConfigurationPolicy(id, (policy) => {
        const settings = policy.settings as { settingInstance: JsonObject }[];
        const web = settings.find((s) => s.settingInstance.settingDefinitionId === WEB_SIGN_IN);
        (web!.settingInstance.choiceSettingValue as JsonObject).value = `${WEB_SIGN_IN}_2`;
      });

      const read = await provider.read(id, outs);

      const readSettings = (read.props as SettingsCatalogPolicyState).settings;
      assert.deepEqual(readSettings, [normalizedChoice(PASSWORDLESS), normalizedChoice(WEB_SIGN_IN, "2")]);
      assert.deepEqual(changedPolicyProperties(read.props as unknown as Props, outs), ["settings"]);
      assert.deepEqual(changedPolicyProperties(outs, read.inputs as unknown as Props), ["settings"]);
      const diff = await provider.diff(id, read.props as unknown as Props, outs);
      assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("shows a setting removed in the portal in read and in diff, on settings only", async () => {
      sandbox.editConfigurationPolicy(id, (policy) => {
        policy.settings = (policy.settings as { settingInstance: JsonObject }[]).filter(
          (s) => s.settingInstance.settingDefinitionId !== PASSWORDLESS,
        );
      });

      const read = await provider.read(id, outs);

      assert.deepEqual((read.props as SettingsCatalogPolicyState).settings, [normalizedChoice(WEB_SIGN_IN)]);
      assert.deepEqual(changedPolicyProperties(read.props as unknown as Props, outs), ["settings"]);
    });
  });

  describe("cost", () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      choice(`device_vendor_msft_policy_config_test_setting${String(i).padStart(2, "0")}`),
    );

    it("reads a profile with 25 settings in at most 2 requests", async () => {
      const created = await provider.create(await checked(program({ name: "Twenty-five", settings: many })));
      sandbox.clearLog();

      const read = await provider.read(created.id, created.outs as unknown as Props);

      assert.ok(sandbox.graphRequests().length <= 2, requests().join(", "));
      assert.equal((read.props as SettingsCatalogPolicyState).settings.length, 25);
      assert.deepEqual(read.props, created.outs);
    });

    it("follows the settings pages when Graph cuts the expanded list", async () => {
      const created = await provider.create(await checked(program({ name: "Cut list", settings: many })));
      const stored = sandbox.configurationPolicy(created.id)!;
      const { settings, ...metadata } = stored;
      delete metadata.assignments;
      sandbox.fault({
        method: "GET",
        path: `${POLICIES}/${created.id}`,
        status: 200,
        body: {
          ...metadata,
          settings: (settings as unknown[]).slice(0, 10),
          "settings@odata.nextLink": `${sandbox.graphEndpoint}${POLICIES}/${created.id}/settings?$skiptoken=${Buffer.from(JSON.stringify({ offset: 10 })).toString("base64url")}`,
        },
      });
      sandbox.clearLog();

      const read = await provider.read(created.id, created.outs as unknown as Props);

      assert.deepEqual(requests(), [
        `GET ${POLICIES}/${created.id} 200`,
        `GET ${POLICIES}/${created.id}/settings 200`,
      ]);
      assert.deepEqual(read.props, created.outs);
    });
  });
});
