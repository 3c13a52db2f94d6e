/**
 * Settings-catalog policies (security baselines, endpoint security, plain settings catalog, the
 * Web sign-in profile): one beta list read with assignments, then the settings of only those the
 * journey needs (the ones that reach the group's devices or the joiners, and the Web sign-in
 * profile) — a list-level `$expand=settings` is capped at a few policies per page in practice.
 *
 * | What                    | Read                                                                     |
 * | ----------------------- | ------------------------------------------------------------------------ |
 * | policies + assignments  | GET /beta/deviceManagement/configurationPolicies?$expand=assignments     |
 * | one policy's settings   | GET /beta/deviceManagement/configurationPolicies/{id}/settings           |
 *
 * Permission DeviceManagementConfiguration.Read.All. A baseline is `templateReference.templateFamily`
 * `baseline` (Windows baseline template `66df8dce-0166-4b82-92f7-1f74e3ca17a3_<n>`).
 */
import type { GraphClient } from "../../../infra/graph/types";
import {
  CONFIGURATION_POLICIES_PATH,
  profilePath,
} from "../../../infra/providers/settingsCatalog/findByName";
import { targetsOf, text, type Assigned, type GraphAssignment } from "../targets";
import { attempt, type ReadOutcome } from "./outcome";

export interface ConfiguredSetting {
  definitionId: string;
  /** The chosen option id (`…_1`) or the simple value, as text. */
  value: string;
}

export interface IntunePolicyFact extends Assigned {
  platforms: string;
  templateFamily: string;
  /** Read for the policies the journey needs; undefined otherwise, or when the read failed. */
  settings?: ConfiguredSetting[];
  /** Why the settings are missing after they were asked for. */
  settingsNotRead?: string;
}

interface PolicyDocument {
  id?: unknown;
  name?: unknown;
  platforms?: unknown;
  templateReference?: { templateFamily?: unknown } | null;
  assignments?: GraphAssignment[];
}

interface SettingInstance {
  settingDefinitionId?: unknown;
  choiceSettingValue?: SettingValue | null;
  choiceSettingCollectionValue?: SettingValue[] | null;
  simpleSettingValue?: SettingValue | null;
  simpleSettingCollectionValue?: SettingValue[] | null;
  groupSettingValue?: SettingValue | null;
  groupSettingCollectionValue?: SettingValue[] | null;
}

interface SettingValue {
  value?: unknown;
  children?: SettingInstance[] | null;
}

/** Every setting in an instance tree, children included, as definition id and value. */
export function flattenSetting(instance: SettingInstance | undefined): ConfiguredSetting[] {
  if (instance === undefined) return [];
  const definitionId = text(instance.settingDefinitionId);
  const values = [
    instance.choiceSettingValue,
    instance.simpleSettingValue,
    instance.groupSettingValue,
    ...(instance.choiceSettingCollectionValue ?? []),
    ...(instance.simpleSettingCollectionValue ?? []),
    ...(instance.groupSettingCollectionValue ?? []),
  ].filter((value): value is SettingValue => value !== undefined && value !== null);
  return values.flatMap((value) => [
    ...(typeof value.value === "string" || typeof value.value === "number" || typeof value.value === "boolean"
      ? [{ definitionId, value: String(value.value) }]
      : []),
    ...(value.children ?? []).flatMap((child) => flattenSetting(child)),
  ]);
}

export function readIntunePolicies(client: GraphClient): Promise<ReadOutcome<IntunePolicyFact[]>> {
  return attempt("the settings-catalog policies (baselines, endpoint security, Web sign-in)", async () => {
    const documents = await client.list<PolicyDocument>(CONFIGURATION_POLICIES_PATH, {
      version: "beta",
      query: { $expand: "assignments" },
    });
    return documents.map((document) => ({
      id: text(document.id),
      name: text(document.name, text(document.id)),
      targets: targetsOf(document.assignments),
      platforms: text(document.platforms),
      templateFamily: text(document.templateReference?.templateFamily, "none"),
    }));
  });
}

/** Reads the settings of `policies` in place (one read each). */
export async function readPolicySettings(
  client: GraphClient,
  policies: readonly IntunePolicyFact[],
): Promise<void> {
  await Promise.all(
    policies.map(async (policy) => {
      const outcome = await attempt(`the settings of "${policy.name}" (${policy.id})`, () =>
        client.list<{ settingInstance?: SettingInstance }>(`${profilePath(policy.id)}/settings`, {
          version: "beta",
        }),
      );
      if (outcome.ok)
        policy.settings = outcome.value.flatMap((setting) => flattenSetting(setting.settingInstance));
      else policy.settingsNotRead = outcome.notChecked;
    }),
  );
}
