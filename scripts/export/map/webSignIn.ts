/**
 * A settings-catalog profile -> `webSignIn` settings: the inverse of `desiredWebSignInProfile`
 * (policies/webSignIn.ts). Settings other than Web sign-in and the passwordless experience, other
 * values of those two, other scope tags or another platform are findings.
 */
import { normalizeSettings } from "../../../infra/providers/settingsCatalog/normalizeSettings";
import { DEFAULT_SETTINGS, type WebSignInSettings } from "../../../policies/settings";
import {
  DEFAULT_ROLE_SCOPE_TAG_IDS,
  ENABLE_PASSWORDLESS_EXPERIENCE_ENABLED,
  ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID,
  ENABLE_WEB_SIGN_IN_ENABLED,
  ENABLE_WEB_SIGN_IN_SETTING_ID,
  WEB_SIGN_IN_PLATFORMS,
  WEB_SIGN_IN_TECHNOLOGIES,
} from "../../../policies/webSignIn";
import { difference, type Finding, type GraphProfile } from "../types";
import { describeValue, isRecord } from "./values";

export interface WebSignInMapping {
  settings: WebSignInSettings;
  /**
   * False when the program cannot take the profile over (another platform, technology or
   * template: those cannot change in place, and the provider refuses to adopt such a profile).
   */
  adoptable: boolean;
  findings: Finding[];
}

interface FoundSetting {
  definitionId: string;
  /** The choice value's option id, when it is a choice setting. */
  choice?: string;
  /** True when the choice value has child settings. */
  hasChildren: boolean;
  /** The setting's value for messages: the chosen option, or the value object. */
  shown: string;
}

/** The instance without its type and definition id: what the setting is set to. */
function shownValue(
  instance: Record<string, unknown>,
  choice: string | undefined,
  hasChildren: boolean,
): string {
  if (choice !== undefined) return `${JSON.stringify(choice)}${hasChildren ? " (with child settings)" : ""}`;
  const { "@odata.type": _type, settingDefinitionId: _id, ...value } = instance;
  return describeValue(value);
}

function readSettings(settings: readonly unknown[]): FoundSetting[] {
  return normalizeSettings(settings).map((setting) => {
    const instance = setting.settingInstance as unknown as Record<string, unknown>;
    const value = isRecord(instance.choiceSettingValue) ? instance.choiceSettingValue : undefined;
    const choice = typeof value?.value === "string" ? value.value : undefined;
    const hasChildren = Array.isArray(value?.children) && value.children.length > 0;
    return {
      definitionId: String(instance.settingDefinitionId),
      choice,
      hasChildren,
      shown: shownValue(instance, choice, hasChildren),
    };
  });
}

/** True when one of the profile's settings is Enable Web Sign In (whatever its value). */
export function carriesWebSignIn(profile: Pick<GraphProfile, "settings">): boolean {
  return profile.settings.some((setting) => {
    const instance = isRecord(setting) ? setting.settingInstance : undefined;
    return isRecord(instance) && instance.settingDefinitionId === ENABLE_WEB_SIGN_IN_SETTING_ID;
  });
}

function checkKnownSetting(
  found: FoundSetting,
  enabled: string,
  label: string,
  findings: Finding[],
): boolean {
  if (found.choice === enabled && !found.hasChildren) return true;
  findings.push(
    difference(
      `${label} (${found.definitionId}) is ${found.shown}; the stack only sets it to ` +
        `Enabled (${enabled}), so \`pulumi up\` would change it.`,
    ),
  );
  return false;
}

export function webSignInFromGraph(profile: GraphProfile): WebSignInMapping {
  const findings: Finding[] = [];
  let enablePasswordlessExperience = DEFAULT_SETTINGS.webSignIn.enablePasswordlessExperience;
  for (const found of readSettings(profile.settings)) {
    if (found.definitionId === ENABLE_WEB_SIGN_IN_SETTING_ID) {
      checkKnownSetting(found, ENABLE_WEB_SIGN_IN_ENABLED, "Enable Web Sign In", findings);
    } else if (found.definitionId === ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID) {
      enablePasswordlessExperience = checkKnownSetting(
        found,
        ENABLE_PASSWORDLESS_EXPERIENCE_ENABLED,
        "Enable Passwordless Experience",
        findings,
      );
    } else {
      findings.push(
        difference(
          `Extra setting ${found.definitionId} = ${found.shown}: the stack's profile holds only ` +
            "Web sign-in (and the passwordless experience), so `pulumi up` would remove it.",
        ),
      );
    }
  }
  const replaceable: string[] = [];
  if (profile.platforms !== WEB_SIGN_IN_PLATFORMS)
    replaceable.push(`platforms ${JSON.stringify(profile.platforms)}`);
  if (profile.technologies !== WEB_SIGN_IN_TECHNOLOGIES)
    replaceable.push(`technologies ${JSON.stringify(profile.technologies)}`);
  const templateId = profile.templateReference?.templateId ?? "";
  if (templateId !== "") replaceable.push(`template ${JSON.stringify(templateId)}`);
  if (replaceable.length > 0) {
    findings.push(
      difference(
        `The profile has ${replaceable.join(", ")} (the stack's is ${WEB_SIGN_IN_PLATFORMS}/${WEB_SIGN_IN_TECHNOLOGIES}, ` +
          "no template), which Intune cannot change in place: the program will not adopt it, so adoptExisting is " +
          "false and `pulumi up` stops because a profile of this name exists. Rename one of them, or delete this one.",
      ),
    );
  }
  const scopeTags = [...(profile.roleScopeTagIds ?? [...DEFAULT_ROLE_SCOPE_TAG_IDS])].sort();
  if (JSON.stringify(scopeTags) !== JSON.stringify(DEFAULT_ROLE_SCOPE_TAG_IDS)) {
    findings.push(
      difference(
        `roleScopeTagIds is ${JSON.stringify(scopeTags)}; the stack writes ${JSON.stringify(DEFAULT_ROLE_SCOPE_TAG_IDS)} ` +
          "(the Default scope tag), so `pulumi up` would change it.",
      ),
    );
  }
  const adoptable = replaceable.length === 0;
  return {
    settings: {
      policyName: profile.name ?? "",
      description: profile.description ?? "",
      enablePasswordlessExperience,
      adoptExisting: adoptable,
    },
    adoptable,
    findings,
  };
}
