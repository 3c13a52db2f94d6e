/**
 * The longest names Graph accepts for the objects this project names. The stack config readers
 * (infra/settings) and the providers' `check` both use them, so a name that is too long is refused
 * before it reaches Graph (and, for the settings-catalog profile, Graph's `$filter` lookup by name).
 */

/**
 * Group `displayName`: at most 256 characters (Graph docs, group-post-groups.md: "displayName
 * (≤256)"; recorded in the project's Graph reference notes).
 */
export const GROUP_DISPLAY_NAME_MAX_LENGTH = 256;

/**
 * Conditional Access policy `displayName`. Graph's conditionalAccessPolicy reference documents no
 * limit; 256 is the Entra ID display-name limit (as for groups above). Not verified against a
 * tenant: raise it if Entra accepts longer names.
 */
export const CONDITIONAL_ACCESS_DISPLAY_NAME_MAX_LENGTH = 256;

/**
 * Settings-catalog profile `name` (deviceManagementConfigurationPolicy). Graph's beta reference
 * documents no limit and none of the sources consulted (Graph docs, the Intune docs, the
 * Microsoft365 Terraform provider, which limits only `description` to 1500) gives the figure the
 * Intune admin center enforces; 256, the Entra display-name limit, is a conservative stand-in that
 * every name Intune shows in its lists fits. Not verified against a tenant: raise it if Intune
 * accepts longer names.
 */
export const SETTINGS_CATALOG_NAME_MAX_LENGTH = 256;
