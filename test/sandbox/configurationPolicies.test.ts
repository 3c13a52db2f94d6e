import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Sandbox } from ".";
import { useSandboxAndCallerPerTest } from "./sandboxHooks";
import type { GraphCaller } from "./testClient";

const POLICIES = "/beta/deviceManagement/configurationPolicies";
const ENTITY = "microsoft.management.services.api.deviceManagementConfigurationPolicy";

interface ErrorBody {
  error: { code: string; message: string };
}

function choiceSetting(definitionId: string, value: string): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
    settingInstance: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      settingDefinitionId: definitionId,
      choiceSettingValue: { value, children: [] },
    },
  };
}

const WEB_SIGN_IN = choiceSetting(
  "device_vendor_msft_policy_config_authentication_enablewebsignin",
  "device_vendor_msft_policy_config_authentication_enablewebsignin_1",
);

function webSignInPolicy(
  name = "Windows - Enable Web Sign-in",
  settings: unknown[] = [WEB_SIGN_IN],
): Record<string, unknown> {
  return {
    name,
    description: "Web sign-in for Autopilot",
    platforms: "windows10",
    technologies: "mdm",
    settings,
  };
}

const FIXTURES = join(__dirname, "..", "fixtures", "settingsCatalog");

/** Settings of one profile in "export" or "get" shape (test/fixtures/settingsCatalog/README.md). */
function fixture(name: string): Record<string, unknown>[] {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as Record<string, unknown>[];
}

/** Drops the link annotations (`@odata.id`, `…@odata.navigationLink`, …) that tools strip from an export before POSTing it. */
function withoutLinks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLinks);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !/@odata\.(id|editLink|associationLink|navigationLink)$/.test(key))
      .map(([key, inner]) => [key, withoutLinks(inner)]),
  );
}

function manySettings(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => choiceSetting(`definition_${i}`, `definition_${i}_1`));
}

describe("sandbox settings-catalog policies (beta)", () => {
  let sandbox: Sandbox;
  let graph: GraphCaller;
  useSandboxAndCallerPerTest((started, caller) => {
    sandbox = started;
    graph = caller;
  });

  it("POST answers 201 with the policy without settings, Intune's server-filled fields included", async () => {
    const result = await graph("POST", POLICIES, webSignInPolicy());
    assert.equal(result.status, 201);
    const body = result.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), [
      "@odata.context",
      "id",
      "name",
      "description",
      "platforms",
      "technologies",
      "createdDateTime",
      "lastModifiedDateTime",
      "settingCount",
      "creationSource",
      "roleScopeTagIds",
      "templateReference",
      "priorityMetaData",
    ]);
    assert.equal(
      body["@odata.context"],
      `${sandbox.graphEndpoint}/beta/$metadata#deviceManagement/configurationPolicies/$entity`,
    );
    assert.equal(body.settingCount, 1);
    assert.equal(body.creationSource, null);
    assert.equal(body.priorityMetaData, null);
    assert.deepEqual(body.roleScopeTagIds, ["0"]);
    assert.deepEqual(body.templateReference, {
      templateId: "",
      templateFamily: "none",
      templateDisplayName: null,
      templateDisplayVersion: null,
    });
    assert.equal(body.createdDateTime, body.lastModifiedDateTime);
    assert.equal(body.isAssigned, undefined, "isAssigned is only returned when selected");
    const stored = sandbox.configurationPolicy(String(body.id));
    // Kept as a default GET answers it: no @odata.type on the setting nor on its choice value.
    assert.deepEqual(stored?.settings, [
      {
        id: "0",
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
          settingDefinitionId: "device_vendor_msft_policy_config_authentication_enablewebsignin",
          settingInstanceTemplateReference: null,
          choiceSettingValue: {
            settingValueTemplateReference: null,
            value: "device_vendor_msft_policy_config_authentication_enablewebsignin_1",
            children: [],
          },
        },
      },
    ]);
  });

  it("answers 400 on the v1.0 path, which has no settings catalog, and records it as an unknown route", async () => {
    const result = await graph("POST", "/v1.0/deviceManagement/configurationPolicies", webSignInPolicy());
    assert.equal(result.status, 400);
    assert.equal(
      (result.body as ErrorBody).error.message,
      "Resource not found for the segment 'configurationPolicies'.",
    );
    assert.deepEqual(
      sandbox.unknownRoutes().map((r) => `${r.method} ${r.path}`),
      ["POST /v1.0/deviceManagement/configurationPolicies"],
    );
    assert.deepEqual(sandbox.configurationPolicies(), []);
  });

  it("requires @odata.type on every setting instance, answering Intune's JSON-in-message 400", async () => {
    const setting = choiceSetting("device_vendor_msft_policy_config_authentication_enablewebsignin", "x_1");
    delete (setting.settingInstance as Record<string, unknown>)["@odata.type"];
    const result = await graph("POST", POLICIES, webSignInPolicy("p", [setting]));
    assert.equal(result.status, 400);
    const error = (result.body as ErrorBody).error;
    assert.equal(error.code, "BadRequest");
    const inner = JSON.parse(error.message) as { _version: number; Message: string };
    assert.equal(inner._version, 3);
    assert.match(
      inner.Message,
      /^Invalid setting at settings\[0\]\.settingInstance: @odata\.type is required on a setting instance/,
    );
    assert.match(inner.Message, new RegExp(`Activity ID: ${result.headers.get("request-id")}`));
    assert.deepEqual(sandbox.configurationPolicies(), []);
  });

  it("GETs a policy without settings, and with $expand=settings", async () => {
    const id = sandbox.seedConfigurationPolicy(webSignInPolicy());
    const plain = (await graph("GET", `${POLICIES}/${id}`)).body as Record<string, unknown>;
    assert.equal(plain.settings, undefined);
    assert.equal(plain.name, "Windows - Enable Web Sign-in");
    const expanded = (await graph("GET", `${POLICIES}/${id}?$expand=settings`)).body as Record<
      string,
      unknown
    >;
    assert.equal(
      expanded["@odata.context"],
      `${sandbox.graphEndpoint}/beta/$metadata#deviceManagement/configurationPolicies(settings())/$entity`,
    );
    assert.equal(
      expanded["settings@odata.context"],
      `${sandbox.graphEndpoint}/beta/$metadata#deviceManagement/configurationPolicies('${id}')/settings`,
    );
    assert.equal((expanded.settings as unknown[]).length, 1);
    const selected = (await graph("GET", `${POLICIES}/${id}?$select=id,name,isAssigned`)).body as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(selected).sort(), ["@odata.context", "id", "isAssigned", "name"]);
    assert.equal(selected.isAssigned, false);
  });

  for (const profile of ["templateProfile", "platformSso"]) {
    it(`answers ${profile} settings in Graph's default read shape, whether POSTed export- or GET-shaped`, async () => {
      const expected = fixture(`${profile}.get`);
      for (const posted of [withoutLinks(fixture(`${profile}.export`)), expected]) {
        const created = await graph("POST", POLICIES, webSignInPolicy(profile, posted as unknown[]));
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const id = String((created.body as { id: string }).id);
        const expanded = (await graph("GET", `${POLICIES}/${id}?$expand=settings`)).body as {
          settings: unknown;
        };
        assert.deepEqual(expanded.settings, expected);
        const listed = (await graph("GET", `${POLICIES}/${id}/settings`)).body as { value: unknown };
        assert.deepEqual(listed.value, expected);
      }
    });
  }

  it("fills useTemplateDefault (false) in a value template reference and refuses a malformed one", async () => {
    const setting = choiceSetting("enrollment_autopilot_dpp_jointype", "enrollment_autopilot_dpp_jointype_0");
    const instance = setting.settingInstance as Record<string, unknown>;
    instance.settingInstanceTemplateReference = {
      settingInstanceTemplateId: "7e57a000-0000-4000-8000-000000000003",
    };
    const value = instance.choiceSettingValue as Record<string, unknown>;
    value.settingValueTemplateReference = { settingValueTemplateId: "7e57a000-0000-4000-8000-000000000004" };
    const id = sandbox.seedConfigurationPolicy(webSignInPolicy("template refs", [setting]));
    const [stored] = sandbox.configurationPolicy(id)?.settings as {
      settingInstance: Record<string, unknown>;
    }[];
    assert.deepEqual(stored.settingInstance.settingInstanceTemplateReference, {
      settingInstanceTemplateId: "7e57a000-0000-4000-8000-000000000003",
    });
    assert.deepEqual(
      (stored.settingInstance.choiceSettingValue as Record<string, unknown>).settingValueTemplateReference,
      {
        settingValueTemplateId: "7e57a000-0000-4000-8000-000000000004",
        useTemplateDefault: false,
      },
    );

    value.settingValueTemplateReference = { settingValueTemplateId: "x", useTemplateDefault: "no" };
    const refused = await graph("POST", POLICIES, webSignInPolicy("bad ref", [setting]));
    assert.equal(refused.status, 400);
    assert.match(
      (JSON.parse((refused.body as ErrorBody).error.message) as { Message: string }).Message,
      /settingValueTemplateReference\.useTemplateDefault: expected true or false, found the string "no"/,
    );
  });

  it("pages GET .../settings at 25 with an absolute https nextLink carrying $skiptoken", async () => {
    const id = sandbox.seedConfigurationPolicy(webSignInPolicy("many", manySettings(30)));
    const first = (await graph("GET", `${POLICIES}/${id}/settings`)).body as {
      value: { id: string }[];
      "@odata.nextLink"?: string;
    };
    assert.equal(first.value.length, 25);
    assert.deepEqual(
      first.value.slice(0, 3).map((s) => s.id),
      ["0", "1", "2"],
    );
    const nextLink = first["@odata.nextLink"] ?? "";
    assert.ok(
      nextLink.startsWith(
        `${sandbox.graphEndpoint}/beta/deviceManagement/configurationPolicies/${id}/settings?$skiptoken=`,
      ),
      nextLink,
    );
    const second = (await graph("GET", nextLink)).body as {
      value: { id: string }[];
      "@odata.nextLink"?: string;
    };
    assert.deepEqual(
      second.value.map((s) => s.id),
      ["25", "26", "27", "28", "29"],
    );
    assert.equal(second["@odata.nextLink"], undefined);
  });

  it("lists with $filter=name eq '...' (quotes doubled), paging at 25 and keeping the filter in nextLink", async () => {
    for (let i = 0; i < 27; i++) sandbox.seedConfigurationPolicy(webSignInPolicy("Kiosk's profile"));
    sandbox.seedConfigurationPolicy(webSignInPolicy("Other"));
    const filter = encodeURIComponent("name eq 'Kiosk''s profile'");
    const first = (await graph("GET", `${POLICIES}?$filter=${filter}`)).body as {
      value: { name: string }[];
      "@odata.nextLink"?: string;
    };
    assert.equal(first.value.length, 25);
    assert.ok(first.value.every((p) => p.name === "Kiosk's profile"));
    const second = (await graph("GET", first["@odata.nextLink"] ?? "")).body as {
      value: { name: string }[];
      "@odata.nextLink"?: string;
    };
    assert.equal(second.value.length, 2);
    assert.equal(second["@odata.nextLink"], undefined);
  });

  it("PATCH changes metadata only (204) and refuses settings with Intune's navigation-property error", async () => {
    const id = sandbox.seedConfigurationPolicy(webSignInPolicy());
    const ok = await graph("PATCH", `${POLICIES}/${id}`, { description: "changed" });
    assert.equal(ok.status, 204);
    assert.equal(sandbox.configurationPolicy(id)?.description, "changed");
    const refused = await graph("PATCH", `${POLICIES}/${id}`, { description: "again", settings: [] });
    assert.equal(refused.status, 400);
    assert.equal(
      (refused.body as ErrorBody).error.message,
      `Cannot apply PATCH to navigation property 'settings' on entity type '${ENTITY}'`,
    );
    assert.equal(sandbox.configurationPolicy(id)?.description, "changed");
    assert.equal((sandbox.configurationPolicy(id)?.settings as unknown[]).length, 1);
  });

  it("PUT replaces metadata and every setting (204), renumbering setting ids and recounting", async () => {
    const id = sandbox.seedConfigurationPolicy(webSignInPolicy());
    const replaced = await graph("PUT", `${POLICIES}('${id}')`, {
      ...webSignInPolicy("renamed", [
        choiceSetting(
          "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience",
          "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience_1",
        ),
        WEB_SIGN_IN,
      ]),
      templateReference: { templateId: "" },
    });
    assert.equal(replaced.status, 204);
    const policy = sandbox.configurationPolicy(id) as {
      name: string;
      settingCount: number;
      settings: { id: string; settingInstance: { settingDefinitionId: string } }[];
    };
    assert.equal(policy.name, "renamed");
    assert.equal(policy.settingCount, 2);
    assert.deepEqual(
      policy.settings.map((s) => [s.id, s.settingInstance.settingDefinitionId]),
      [
        ["0", "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience"],
        ["1", "device_vendor_msft_policy_config_authentication_enablewebsignin"],
      ],
    );
  });

  it("DELETE answers 204, then 404 NotFound with JSON inside the message", async () => {
    const id = sandbox.seedConfigurationPolicy(webSignInPolicy());
    assert.equal((await graph("DELETE", `${POLICIES}/${id}`)).status, 204);
    const again = await graph("DELETE", `${POLICIES}/${id}`);
    assert.equal(again.status, 404);
    const error = (again.body as ErrorBody).error;
    assert.equal(error.code, "NotFound");
    assert.match(
      (JSON.parse(error.message) as { Message: string }).Message,
      new RegExp(`configurationPolicies\\('${id}'\\)`),
    );
  });

  it("shows editConfigurationPolicy's out-of-band edits to a later GET", async () => {
    const id = sandbox.seedConfigurationPolicy(webSignInPolicy());
    sandbox.editConfigurationPolicy(id, (policy) => {
      policy.description = "edited in the portal";
      (policy.settings as Record<string, unknown>[]).push(choiceSetting("extra_setting", "extra_setting_1"));
    });
    const body = (await graph("GET", `${POLICIES}/${id}?$expand=settings`)).body as {
      description: string;
      settingCount: number;
      settings: unknown[];
    };
    assert.equal(body.description, "edited in the portal");
    assert.equal(body.settingCount, 2);
    assert.equal(body.settings.length, 2);
  });
});
