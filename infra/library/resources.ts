/** `passwordless-onboarding/resources`: the individual resources, for programs that compose their own. */
export {
  TemporaryAccessPassPolicy,
  type TemporaryAccessPassPolicyArgs,
} from "../providers/temporaryAccessPassPolicy";
export { SettingsCatalogPolicy, type SettingsCatalogPolicyArgs } from "../providers/settingsCatalogPolicy";
export {
  ConfigurationPolicyAssignment,
  type ConfigurationPolicyAssignmentArgs,
  type PolicyAssignmentArgs,
} from "../providers/configurationPolicyAssignment";
export { DisplayNameGuard, type DisplayNameGuardArgs } from "../providers/displayNameGuard";
export type { TenantConnection } from "../providers/connectionInput";
