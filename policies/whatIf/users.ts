/**
 * The users condition: include/exclude users, groups, directory roles and guest or external user
 * types; "All" includes B2B guests; exclusion beats inclusion. Group ids are matched against the
 * persona's transitive memberships, roles against its active role template ids. Pure.
 */
import { commonIds, containsId, no, notEvaluated, yes, type Outcome } from "./outcome";
import type { ConditionalAccessGuestsOrExternalUsers, ConditionalAccessUsers, WhatIfPersona } from "./types";

const DEFAULT_GUEST_TYPE = "b2bCollaborationGuest";

export function matchUsers(
  users: ConditionalAccessUsers | null | undefined,
  persona: WhatIfPersona,
): Outcome {
  if (users === null || users === undefined) return no("users: no users condition (targets no user)");
  const excluded = matchSide(users, "exclude", persona);
  if (excluded.result === true) return no(`users: ${excluded.reason} (exclusion beats inclusion)`);
  const included = matchSide(users, "include", persona);
  if (included.result === false) return no(`users: ${included.reason}`);
  if (excluded.result === undefined) return notEvaluated(`users: ${excluded.reason}`);
  if (included.result === undefined) return notEvaluated(`users: ${included.reason}`);
  return yes(`users: ${included.reason}, and not excluded`);
}

function matchSide(
  users: ConditionalAccessUsers,
  side: "include" | "exclude",
  persona: WhatIfPersona,
): Outcome {
  const userList = side === "include" ? users.includeUsers : users.excludeUsers;
  const groups = side === "include" ? users.includeGroups : users.excludeGroups;
  const roles = side === "include" ? users.includeRoles : users.excludeRoles;
  const guestTypes =
    side === "include" ? users.includeGuestsOrExternalUsers : users.excludeGuestsOrExternalUsers;
  const verb = side === "include" ? "included" : "excluded";
  const listName = `${side}Users`;

  if (containsId(userList, "All")) return yes(`${verb} by ${listName} All`);
  if (containsId(userList, persona.userId)) return yes(`${verb} by ${listName} ${persona.userId}`);
  if (persona.userType === "guest" && containsId(userList, "GuestsOrExternalUsers")) {
    return yes(`${verb} by ${listName} GuestsOrExternalUsers`);
  }
  const group = commonIds(groups, persona.groupIds)[0];
  if (group !== undefined) return yes(`${verb} by ${side}Groups ${group}`);
  const role = commonIds(roles, persona.roleTemplateIds)[0];
  if (role !== undefined) return yes(`${verb} by ${side}Roles ${role}`);
  const guest = matchGuestTypes(guestTypes, persona);
  if (guest !== undefined && guest.result !== false) {
    const reason = `${side}GuestsOrExternalUsers ${guest.reason}`;
    return guest.result === true ? yes(`${verb} by ${reason}`) : { result: undefined, reason };
  }
  return no(`not ${verb} by ${listName}, ${side}Groups, ${side}Roles or ${side}GuestsOrExternalUsers`);
}

/** `undefined` when the policy sets no guest types on this side. */
function matchGuestTypes(
  guests: ConditionalAccessGuestsOrExternalUsers | null | undefined,
  persona: WhatIfPersona,
): Outcome | undefined {
  if (guests === null || guests === undefined) return undefined;
  const types = guests.guestOrExternalUserTypes
    .split(",")
    .map((type) => type.trim())
    .filter((type) => type !== "" && type !== "none");
  if (persona.userType !== "guest") return no("(a member is no guest or external user)");
  const personaType = persona.guestOrExternalUserType ?? DEFAULT_GUEST_TYPE;
  if (!containsId(types, personaType)) return no(`[${types.join(", ")}] (persona is ${personaType})`);
  const tenants = guests.externalTenants;
  const enumerated =
    tenants !== null &&
    tenants !== undefined &&
    (tenants.membershipKind === "enumerated" ||
      (tenants["@odata.type"] ?? "").endsWith("EnumeratedExternalTenants"));
  if (!enumerated) return yes(`${personaType} from any external tenant`);
  const members = tenants.members ?? [];
  if (persona.externalTenantId === undefined) {
    return {
      result: undefined,
      reason: `external tenants [${members.join(", ")}] (the persona's home tenant is not known)`,
    };
  }
  return containsId(members, persona.externalTenantId)
    ? yes(`${personaType} from external tenant ${persona.externalTenantId}`)
    : no(`external tenants [${members.join(", ")}] (persona's is ${persona.externalTenantId})`);
}
