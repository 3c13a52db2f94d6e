/**
 * `azuread.Group` (TF `azuread_group`) as the provider declares it: terraform-provider-azuread
 * internal/services/groups/group_resource.go:40-333 and constants.go @38d1993a. Pulumi names from
 * @pulumi/azuread 6.9.1 group.d.ts.
 */
import type { ResourceTimeouts } from "../bridge";
import { isUUID, Schema, stringInSlice, stringIsNotEmpty, stringLenBetween, Validator } from "../schema";

export const GROUP_TYPE = "azuread:index/group:Group";
export const GROUP_TF_NAME = "azuread_group";

/** `Timeouts` (group_resource.go:48-53), in minutes. */
export const GROUP_TIMEOUTS: ResourceTimeouts = { create: 30, read: 5, update: 30, delete: 5 };
export const GROUP_SCHEMA_VERSION = 1;

export const GROUP_TYPE_DYNAMIC_MEMBERSHIP = "DynamicMembership";
export const GROUP_TYPE_UNIFIED = "Unified";
export const VISIBILITY_HIDDEN_MEMBERSHIP = "Hiddenmembership";
export const VISIBILITY_PRIVATE = "Private";
export const VISIBILITY_PUBLIC = "Public";

const BEHAVIORS = [
  "AllowOnlyMembersToPost",
  "CalendarMemberReadOnly",
  "ConnectorsDisabled",
  "HideGroupInOutlook",
  "SkipExchangeInstantOn",
  "SubscribeMembersToCalendarEventsDisabled",
  "SubscribeNewGroupMembers",
  "WelcomeEmailDisabled",
];
const THEMES = ["", "Blue", "Green", "Orange", "Pink", "Purple", "Red", "Teal"];
const ONPREMISES_GROUP_TYPES = [
  "UniversalDistributionGroup",
  "UniversalMailEnabledSecurityGroup",
  "UniversalSecurityGroup",
];

/** `validation.MailNickname` (internal/helpers/tf/validation/mail_nickname.go). */
const mailNickname: Validator = (value, _key, path) =>
  typeof value === "string" && /[@()\\[\]";:<>, ]/.test(value)
    ? [{ summary: 'Value cannot contain these characters: @()\\[]";:<>,SPACE', path }]
    : [];

export const GROUP_SCHEMA: Schema = {
  administrativeUnitIds: {
    tf: "administrative_unit_ids",
    kind: "set",
    elem: "string",
    optional: true,
    validateElem: [isUUID],
  },
  assignableToRole: { tf: "assignable_to_role", kind: "bool", optional: true, forceNew: true },
  autoSubscribeNewMembers: { tf: "auto_subscribe_new_members", kind: "bool", optional: true, computed: true },
  behaviors: {
    tf: "behaviors",
    kind: "set",
    elem: "string",
    optional: true,
    forceNew: true,
    validateElem: [stringInSlice(BEHAVIORS)],
  },
  description: { tf: "description", kind: "string", optional: true },
  displayName: { tf: "display_name", kind: "string", required: true, validate: [stringIsNotEmpty] },
  dynamicMembership: {
    tf: "dynamic_membership",
    kind: "block",
    optional: true,
    conflictsWith: ["members"],
    fields: {
      enabled: { tf: "enabled", kind: "bool", required: true },
      rule: { tf: "rule", kind: "string", required: true, validate: [stringLenBetween(0, 3072)] },
    },
  },
  externalSendersAllowed: { tf: "external_senders_allowed", kind: "bool", optional: true, computed: true },
  hideFromAddressLists: { tf: "hide_from_address_lists", kind: "bool", optional: true, computed: true },
  hideFromOutlookClients: { tf: "hide_from_outlook_clients", kind: "bool", optional: true, computed: true },
  mailEnabled: {
    tf: "mail_enabled",
    kind: "bool",
    optional: true,
    atLeastOneOf: ["mail_enabled", "security_enabled"],
  },
  mailNickname: {
    tf: "mail_nickname",
    kind: "string",
    optional: true,
    computed: true,
    forceNew: true,
    validate: [mailNickname],
  },
  members: {
    tf: "members",
    kind: "set",
    elem: "string",
    optional: true,
    computed: true,
    conflictsWith: ["dynamic_membership"],
    validateElem: [isUUID],
  },
  onpremisesGroupType: {
    tf: "onpremises_group_type",
    kind: "string",
    optional: true,
    computed: true,
    validate: [stringInSlice(ONPREMISES_GROUP_TYPES)],
  },
  owners: {
    tf: "owners",
    kind: "set",
    elem: "string",
    optional: true,
    computed: true,
    maxItems: 100,
    validateElem: [isUUID],
  },
  preventDuplicateNames: { tf: "prevent_duplicate_names", kind: "bool", optional: true, default: false },
  provisioningOptions: {
    tf: "provisioning_options",
    kind: "set",
    elem: "string",
    optional: true,
    forceNew: true,
    validateElem: [stringInSlice(["Team"])],
  },
  securityEnabled: {
    tf: "security_enabled",
    kind: "bool",
    optional: true,
    atLeastOneOf: ["mail_enabled", "security_enabled"],
  },
  theme: { tf: "theme", kind: "string", optional: true, validate: [stringInSlice(THEMES)] },
  types: {
    tf: "types",
    kind: "set",
    elem: "string",
    optional: true,
    forceNew: true,
    validateElem: [stringInSlice([GROUP_TYPE_DYNAMIC_MEMBERSHIP, GROUP_TYPE_UNIFIED])],
  },
  visibility: {
    tf: "visibility",
    kind: "string",
    optional: true,
    computed: true,
    validate: [stringInSlice([VISIBILITY_HIDDEN_MEMBERSHIP, VISIBILITY_PRIVATE, VISIBILITY_PUBLIC])],
  },
  writebackEnabled: { tf: "writeback_enabled", kind: "bool", optional: true, default: false },
  mail: { tf: "mail", kind: "string", computed: true },
  objectId: { tf: "object_id", kind: "string", computed: true },
  onpremisesDomainName: { tf: "onpremises_domain_name", kind: "string", computed: true },
  onpremisesNetbiosName: { tf: "onpremises_netbios_name", kind: "string", computed: true },
  onpremisesSamAccountName: { tf: "onpremises_sam_account_name", kind: "string", computed: true },
  onpremisesSecurityIdentifier: { tf: "onpremises_security_identifier", kind: "string", computed: true },
  onpremisesSyncEnabled: { tf: "onpremises_sync_enabled", kind: "bool", computed: true },
  preferredLanguage: { tf: "preferred_language", kind: "string", computed: true },
  proxyAddresses: { tf: "proxy_addresses", kind: "list", elem: "string", computed: true },
};
