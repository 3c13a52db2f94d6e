/**
 * Settings-catalog setting definitions (beta only):
 * `GET /deviceManagement/configurationSettings/{id}`, for the definitions this project writes
 * (Enable Web Sign In, Enable Passwordless Experience); any other id answers Intune's 404.
 *
 * Where the behaviour comes from (graph-facts-round2.md §4.6):
 * - Path, beta only, `#microsoft.graph.deviceManagementConfigurationChoiceSettingDefinition`,
 *   permission `DeviceManagementConfiguration.Read.All` (or ReadWrite): GD
 *   `api-reference/beta/api/intune-deviceconfigv2-devicemanagementconfigurationchoicesettingdefinition-get.md` @ 06723581.
 * - `options[]` element shape (`itemId`, `name`, `displayName`, `optionValue` integer value): obs
 *   `Pacers31Colts18/Intune.Docs`; options `_0` / `_1` / `_2` for enablewebsignin mirror the CSP
 *   values 0 (not configured) / 1 Enabled / 2 Disabled [inferred]. Other members are trimmed.
 * - An unlicensed tenant answers every Intune request 400 "Request not applicable to target tenant."
 *   (§4.5): not modelled by default; tests inject it with a fault.
 * - The 404 of an unknown definition: Intune's NotFound style [inferred].
 */
import type { JsonObject } from "./bodies";
import { intuneNotFound } from "./graphErrors";
import type { Route } from "./router";

const READ = [["DeviceManagementConfiguration.Read.All"], ["DeviceManagementConfiguration.ReadWrite.All"]];

export const WEB_SIGN_IN_DEFINITION_ID = "device_vendor_msft_policy_config_authentication_enablewebsignin";
const PASSWORDLESS_DEFINITION_ID =
  "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience";

function option(definitionId: string, index: number, name: string): JsonObject {
  return {
    itemId: `${definitionId}_${index}`,
    name,
    displayName: name,
    description: null,
    helpText: null,
    dependentOn: [],
    dependedOnBy: [],
    optionValue: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue",
      settingValueTemplateReference: null,
      value: index,
    },
  };
}

function choiceDefinition(id: string, displayName: string, offsetUri: string, options: string[]): JsonObject {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingDefinition",
    id,
    name: offsetUri.split("/").pop(),
    displayName,
    description: displayName,
    helpText: null,
    baseUri: "./Device/Vendor/MSFT/Policy",
    offsetUri,
    rootDefinitionId: id,
    categoryId: null,
    settingUsage: "configuration",
    uxBehavior: "dropdown",
    visibility: "settingsCatalog",
    applicability: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationWindowsSettingApplicability",
      platform: "windows10",
      technologies: "mdm",
    },
    accessTypes: "add,copy,delete,get,replace",
    keywords: [],
    infoUrls: [],
    occurrence: null,
    defaultOptionId: `${id}_0`,
    options: options.map((name, index) => option(id, index, name)),
  };
}

const DEFINITIONS: readonly JsonObject[] = [
  choiceDefinition(
    WEB_SIGN_IN_DEFINITION_ID,
    "Enable Web Sign In",
    "/Config/Authentication/EnableWebSignIn",
    ["Not Configured", "Enabled", "Disabled"],
  ),
  choiceDefinition(
    PASSWORDLESS_DEFINITION_ID,
    "Enable Passwordless Experience",
    "/Config/Authentication/EnablePasswordlessExperience",
    ["Disabled", "Enabled"],
  ),
];

export function settingDefinitionRoutes(): Route[] {
  return [
    {
      method: "GET",
      template: "/deviceManagement/configurationSettings/{id}",
      versions: ["beta"],
      permissions: READ,
      handle: (request) => {
        const found = DEFINITIONS.find((definition) => definition.id === request.params.id.toLowerCase());
        if (!found) throw intuneNotFound(`Setting definition '${request.params.id}' was not found.`);
        return {
          status: 200,
          body: {
            "@odata.context": `${request.origin}/beta/$metadata#deviceManagement/configurationSettings/$entity`,
            ...structuredClone(found),
          },
        };
      },
    },
  ];
}
