/**
 * The version of each dynamic provider's code. The resource class (never the user) sets it as the
 * resource's `providerVersion` input, and the provider stores it in the outputs.
 *
 * Why it exists: `pulumi refresh` and `pulumi destroy` run the provider code stored in state
 * (`__provider` in the outputs), and the dynamic-provider host stores new code only when a
 * resource gets a real update (its `diff` reports changes). A new version here makes `diff`
 * report an update (never a replacement); that update sends nothing to Graph, and the engine
 * stores the new code with its outputs.
 *
 * When to bump (to the next integer, as a string): any change to a provider's `read` or `delete`,
 * or to the outputs they rely on, that existing stacks must pick up. Each bump costs every stack
 * one Graph-free update per resource of that kind on its next `pulumi up`. Changes that only touch
 * check, diff, create or update need no bump: those always run the program's code.
 */

/** infra/providers/temporaryAccessPassPolicy.ts */
export const TEMPORARY_ACCESS_PASS_POLICY_PROVIDER_VERSION = "1";
/** infra/providers/settingsCatalogPolicy.ts */
export const SETTINGS_CATALOG_POLICY_PROVIDER_VERSION = "1";
/** infra/providers/configurationPolicyAssignment.ts */
export const CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER_VERSION = "1";
