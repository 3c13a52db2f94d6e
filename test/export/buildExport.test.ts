/**
 * The export's pure part (what was read -> config and report model), for the choices the sandbox
 * tests do not reach: reads that failed, several candidates, names that are not unique.
 */
import { strict as assert } from "node:assert";
import { buildExport } from "../../scripts/export/exportTenant";
import type { TenantRead } from "../../scripts/export/read/tenant";
import type { GraphConditionalAccessPolicy, GraphGroup, GraphProfile } from "../../scripts/export/types";
import { ALL_AUTOPILOT_DEVICES_RULE } from "../../policies/autopilotGroup";
import { desiredRegistrationPolicy } from "../../policies/registrationPolicy";
import { DEFAULT_SETTINGS } from "../../policies/settings";
import { ENABLE_WEB_SIGN_IN_ENABLED, ENABLE_WEB_SIGN_IN_SETTING_ID } from "../../policies/webSignIn";
import { autopilotGroupDescription } from "../../infra/native/autopilotGroupArgs";
import { defaultTemporaryAccessPass } from "../sandbox/tapDefaults";

const AP_1 = "7a7a7a7a-0000-4000-8000-000000000001";
const AP_2 = "7a7a7a7a-0000-4000-8000-000000000002";
const PROFILE = "8b8b8b8b-0000-4000-8000-000000000001";

function autopilotGroup(id: string, displayName: string, rule = ALL_AUTOPILOT_DEVICES_RULE): GraphGroup {
  return {
    id,
    displayName,
    description: autopilotGroupDescription(undefined),
    groupTypes: ["DynamicMembership"],
    membershipRule: rule,
    membershipRuleProcessingState: "On",
    securityEnabled: true,
    mailEnabled: false,
  };
}

function policy(id: string, displayName: string): GraphConditionalAccessPolicy {
  return {
    id,
    ...desiredRegistrationPolicy({ ...DEFAULT_SETTINGS.registrationPolicy, displayName }),
  } as unknown as GraphConditionalAccessPolicy;
}

const PROFILE_READ: GraphProfile = {
  id: PROFILE,
  name: "Web sign-in",
  description: "",
  platforms: "windows10",
  technologies: "mdm",
  roleScopeTagIds: ["0"],
  settings: [
    {
      settingInstance: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
        settingDefinitionId: ENABLE_WEB_SIGN_IN_SETTING_ID,
        choiceSettingValue: { value: ENABLE_WEB_SIGN_IN_ENABLED, children: [] },
      },
    },
  ],
};

function read(partial: Partial<TenantRead>): TenantRead {
  return {
    tap: defaultTemporaryAccessPass(),
    conditionalAccessPolicies: [],
    profiles: { listed: [], withWebSignIn: [], assignments: new Map() },
    groups: [],
    failures: [],
    ...partial,
  };
}

function section(model: ReturnType<typeof buildExport>, key: string) {
  const found = model.sections.find((candidate) => candidate.key === key);
  assert.ok(found, key);
  return found;
}

describe("export model", () => {
  it("leaves out a section whose objects could not be read, and judges nothing with its defaults", () => {
    const model = buildExport(read({ tap: undefined }), undefined, "names");
    assert.equal(model.config.temporaryAccessPass, undefined);
    assert.equal(section(model, "temporaryAccessPass").status, "notRead");
    assert.deepEqual(Object.keys(model.config), [
      "registrationPolicy",
      "autopilot",
      "webSignIn",
      "guardrails",
    ]);
  });

  it("references the assigned group by id when groups could not be read", () => {
    const model = buildExport(
      read({
        groups: undefined,
        profiles: {
          listed: [{ id: PROFILE, name: "Web sign-in" }],
          withWebSignIn: [PROFILE_READ],
          assignments: new Map([
            [
              PROFILE,
              [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: AP_1 } }],
            ],
          ]),
        },
      }),
      undefined,
      "names",
    );
    assert.deepEqual(model.config.autopilot, { existingGroupId: AP_1 });
    assert.match(
      section(model, "autopilot").findings[0].text,
      /Groups could not be read, so the rule of the assigned group/,
    );
    assert.equal(model.settingsWithIds.autopilot.existingGroupId, AP_1);
  });

  it("without a profile, adopts the Autopilot group whose rule it generates and names the other", () => {
    const custom = '(device.devicePhysicalIDs -any (_ -contains "[ZTDID]"))';
    const model = buildExport(
      read({ groups: [autopilotGroup(AP_2, "Custom AP", custom), autopilotGroup(AP_1, "Zeta AP")] }),
      undefined,
      "names",
    );
    assert.deepEqual(model.config.autopilot, { groupDisplayName: "Zeta AP", adoptExisting: true });
    const texts = section(model, "autopilot").findings.map(
      (finding) => `${finding.severity}: ${finding.text}`,
    );
    assert.ok(
      texts.some((text) =>
        /^attention: "Custom AP" \(7a7a7a7a-.*\) also has an Autopilot rule; "Zeta AP" was chosen/.test(text),
      ),
      texts.join("\n"),
    );
  });

  it("asks for a rename when the adopted group's name is not unique", () => {
    const model = buildExport(
      read({
        groups: [
          autopilotGroup(AP_1, "Autopilot devices"),
          { id: AP_2, displayName: "autopilot devices", groupTypes: [] },
        ],
      }),
      undefined,
      "names",
    );
    assert.ok(
      section(model, "autopilot").findings.some((finding) =>
        /2 groups are named "Autopilot devices"/.test(finding.text),
      ),
    );
  });

  it("asks for a rename when two Conditional Access policies share the adopted name", () => {
    const model = buildExport(
      read({ conditionalAccessPolicies: [policy("p1", "Registration"), policy("p2", "Registration")] }),
      undefined,
      "names",
    );
    const texts = section(model, "registrationPolicy").findings.map((finding) => finding.text);
    assert.ok(
      texts.some((text) => /2 Conditional Access policies are named "Registration" \(p1, p2\)/.test(text)),
      texts.join("\n"),
    );
    assert.ok(
      texts.some((text) =>
        /"Registration" \(p2, enabledForReportingButNotEnforced\) also targets registration/.test(text),
      ),
    );
  });

  it("warns when an object of the default name exists but is not the one the program would adopt", () => {
    const model = buildExport(
      read({
        groups: [{ id: AP_1, displayName: "Autopilot devices", groupTypes: [] }],
        profiles: {
          listed: [{ id: PROFILE, name: DEFAULT_SETTINGS.webSignIn.policyName }],
          withWebSignIn: [],
          assignments: new Map(),
        },
      }),
      undefined,
      "names",
    );
    assert.ok(
      section(model, "autopilot").findings.some((finding) =>
        /exists without an Autopilot rule/.test(finding.text),
      ),
    );
    assert.ok(
      section(model, "webSignIn").findings.some((finding) =>
        /exists without the Web sign-in setting/.test(finding.text),
      ),
    );
  });
});
