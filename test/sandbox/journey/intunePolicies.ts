/**
 * Settings-catalog policies the journey check looks at, seeded straight into the tenant's
 * `configurationPolicies` (the existing routes serve them, `$expand=assignments` and `/settings`
 * included): security baselines and endpoint-security templates, which the POST route refuses
 * (it knows only plain settings-catalog policies), and plain policies with their assignments in one call.
 *
 * Where the shapes come from:
 * - A baseline is a settings-catalog policy whose `templateReference.templateFamily` is `baseline`;
 *   the Windows security baseline's template id is `66df8dce-0166-4b82-92f7-1f74e3ca17a3_<n>`
 *   (public Terraform provider and IntuneManagement sources). Its display name and version here
 *   are illustrative.
 * - Windows Hello for Business policies (Account protection) use `templateFamily`
 *   `endpointSecurityAccountProtection` with setting ids under
 *   `device_vendor_msft_passportforwork_{tenantid}_…` (the literal text `{tenantid}`;
 *   OpenIntuneBaseline exports).
 * - Settings are stored the way the settings route returns them (settingInstances.ts);
 *   assignments as assignments.ts stores them (`<policyId>_<groupId>`).
 */
import { randomUUID } from "node:crypto";
import type { JsonObject } from "../bodies";
import type { Sandbox } from "../sandbox";
import { normalizeSettings } from "../settingInstances";
import { graphTimestamp } from "../state";
import { targetsOf, type AssignmentSpec } from "./targets";
import { stateOf } from "./tenantStore";

export const WINDOWS_BASELINE_TEMPLATE_ID = "66df8dce-0166-4b82-92f7-1f74e3ca17a3_4";

export type TemplateFamily = "none" | "baseline" | "endpointSecurityAccountProtection";

const TEMPLATES: Record<TemplateFamily, JsonObject> = {
  none: { templateId: "", templateFamily: "none", templateDisplayName: null, templateDisplayVersion: null },
  baseline: {
    templateId: WINDOWS_BASELINE_TEMPLATE_ID,
    templateFamily: "baseline",
    templateDisplayName: "Security Baseline for Windows 10 and later",
    templateDisplayVersion: "Version 24H2",
  },
  endpointSecurityAccountProtection: {
    templateId: "fcef01f2-439d-4c3f-9184-823fd6e97646_1",
    templateFamily: "endpointSecurityAccountProtection",
    templateDisplayName: "Account protection",
    templateDisplayVersion: "Version 1",
  },
};

/** A choice setting `definitionId` = `value` (an option id such as `…_1`). */
export function choiceSetting(definitionId: string, value: string): JsonObject {
  return {
    settingInstance: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      settingDefinitionId: definitionId,
      choiceSettingValue: { value, children: [] },
    },
  };
}

export interface SeededIntunePolicy {
  name: string;
  templateFamily?: TemplateFamily;
  settings: JsonObject[];
  assignments: AssignmentSpec;
}

/** Adds a Windows MDM settings-catalog policy with settings and assignments (not logged). Returns its id. */
export function seedIntunePolicy(sandbox: Sandbox, seed: SeededIntunePolicy): string {
  const state = stateOf(sandbox);
  const id = randomUUID();
  const now = graphTimestamp(state.now());
  const settings = normalizeSettings(seed.settings);
  state.configurationPolicies.set(id, {
    policy: {
      id,
      name: seed.name,
      description: "",
      platforms: "windows10",
      technologies: "mdm",
      createdDateTime: now,
      lastModifiedDateTime: now,
      settingCount: settings.length,
      creationSource: null,
      roleScopeTagIds: ["0"],
      templateReference: { ...TEMPLATES[seed.templateFamily ?? "none"] },
      priorityMetaData: null,
    },
    settings,
    assignments: targetsOf(seed.assignments).map(({ key, target }) => ({
      id: `${id}_${key}`,
      source: "direct",
      sourceId: id,
      target,
    })),
  });
  return id;
}
