/**
 * The group's CustomizeDiff (terraform-provider-azuread
 * internal/services/groups/group_resource.go:337-431 @38d1993a), evaluated on the planned values
 * at plan time, so its errors stop `preview` as well as `up`. The duplicate-name query it makes
 * for an existing group whose name changes lives in provider.ts (it needs Graph); it compares the
 * resource id `/groups/<guid>` with bare object ids and so never reports a duplicate.
 */
import { UNKNOWN } from "../../nativeProvider";
import type { PropertyMap } from "../schema";
import {
  GROUP_TYPE_DYNAMIC_MEMBERSHIP,
  GROUP_TYPE_UNIFIED,
  VISIBILITY_HIDDEN_MEMBERSHIP,
  VISIBILITY_PRIVATE,
  VISIBILITY_PUBLIC,
} from "./schema";

/** `d.Get(...)` of a bool: unknown and null read as false. */
function bool(value: unknown): boolean {
  return value === true;
}

function text(value: unknown): string {
  return typeof value === "string" && value !== UNKNOWN ? value : "";
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== UNKNOWN) : [];
}

/** The first plan-time error for these planned values, or undefined. */
export function groupPlanError(planned: PropertyMap): string | undefined {
  const mailEnabled = bool(planned.mailEnabled);
  const securityEnabled = bool(planned.securityEnabled);
  const types = strings(planned.types);
  const unified = types.includes(GROUP_TYPE_UNIFIED);
  const hasDynamicMembership = planned.dynamicMembership !== null && planned.dynamicMembership !== undefined;

  if (types.includes(GROUP_TYPE_DYNAMIC_MEMBERSHIP) && !hasDynamicMembership)
    return `\`dynamic_membership\` must be specified when \`types\` contains "${GROUP_TYPE_DYNAMIC_MEMBERSHIP}"`;
  if (mailEnabled && !unified)
    return `\`types\` must contain "${GROUP_TYPE_UNIFIED}" for mail-enabled groups`;
  if (!mailEnabled && unified) return "`mail_enabled` must be true for unified groups";
  if (mailEnabled && text(planned.mailNickname) === "")
    return "`mail_nickname` is required for mail-enabled groups";
  if (bool(planned.assignableToRole) && !securityEnabled)
    return "`assignable_to_role` can only be `true` for security-enabled groups";
  if (!unified) {
    if (bool(planned.autoSubscribeNewMembers))
      return "`auto_subscribe_new_members` is only supported for unified groups";
    if (strings(planned.behaviors).length > 0) return "`behaviors` is only supported for unified groups";
    if (bool(planned.externalSendersAllowed))
      return "`external_senders_allowed` is only supported for unified groups";
    if (bool(planned.hideFromAddressLists))
      return "`hide_from_address_lists` is only supported for unified groups";
    if (bool(planned.hideFromOutlookClients))
      return "`hide_from_outlook_clients` is only supported for unified groups";
    if (strings(planned.provisioningOptions).length > 0)
      return "`provisioning_options` is only supported for unified groups";
    if (text(planned.theme) !== "") return "`theme` is only supported for unified groups";
    if (text(planned.visibility) === VISIBILITY_HIDDEN_MEMBERSHIP)
      return `\`visibility\` can only be "${VISIBILITY_HIDDEN_MEMBERSHIP}" for unified groups`;
  }
  return undefined;
}

/** `diff.ForceNew("visibility")` when a Private or Public group becomes Hiddenmembership. */
export function visibilityForcesNew(prior: PropertyMap, planned: PropertyMap): boolean {
  const before = text(prior.visibility);
  return (
    (before === VISIBILITY_PRIVATE || before === VISIBILITY_PUBLIC) &&
    text(planned.visibility) === VISIBILITY_HIDDEN_MEMBERSHIP
  );
}
