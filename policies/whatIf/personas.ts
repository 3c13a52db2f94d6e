/**
 * The people a lock-out check should always try: each break-glass account, a new joiner in the
 * TAP include group signing in with nothing but a pass, a guest, a Global Administrator and a
 * member on a trusted location. Ids not given are placeholders that match no user id. Pure.
 */
import { ALL_USERS, GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID } from "../settings";
import type { WhatIfAuthMethod, WhatIfPersona } from "./types";

export interface StandardPersonasInput {
  /** Emergency-access accounts (object ids); one persona each. */
  breakGlassUserIds: string[];
  /** The TAP policy's include group ids (`all_users` is skipped: it is no group). */
  tapIncludeGroupIds: string[];
  /** How break-glass accounts sign in. Default password + FIDO2 key. */
  breakGlassAuthMethods?: WhatIfAuthMethod[];
  /** Break-glass accounts' active role template ids. Default Global Administrator. */
  breakGlassRoleTemplateIds?: string[];
  /** The TAP policy's `isUsableOnce`: the new joiner's pass is then one-time. Default false. */
  tapIsUsableOnce?: boolean;
  /** Named location ids marked trusted, for the trusted-location persona. */
  trustedNamedLocationIds?: string[];
  newJoinerUserId?: string;
  guestUserId?: string;
  globalAdministratorUserId?: string;
  trustedLocationUserId?: string;
}

const UNTRUSTED = { trusted: false, namedLocationIds: [] };

export function standardPersonas(input: StandardPersonasInput): WhatIfPersona[] {
  const breakGlass = input.breakGlassUserIds.map((userId): WhatIfPersona => ({
    name: `break-glass account ${userId}`,
    userId,
    groupIds: [],
    roleTemplateIds: input.breakGlassRoleTemplateIds ?? [GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID],
    userType: "member",
    authMethods: input.breakGlassAuthMethods ?? ["password", "fido2"],
    location: UNTRUSTED,
    clientAppType: "browser",
    platform: "windows",
  }));
  const newJoiner: WhatIfPersona = {
    name: "new joiner with a Temporary Access Pass",
    userId: input.newJoinerUserId ?? "(example new joiner)",
    groupIds: input.tapIncludeGroupIds.filter((id) => id.trim().toLowerCase() !== ALL_USERS),
    roleTemplateIds: [],
    userType: "member",
    authMethods: ["temporaryAccessPass"],
    // Autopilot at home: no trusted network, a new device not yet enrolled.
    location: UNTRUSTED,
    clientAppType: "browser",
    platform: "windows",
    temporaryAccessPassKind: input.tapIsUsableOnce === true ? "oneTime" : "multiUse",
    device: { compliant: false, domainJoined: false },
  };
  const guest: WhatIfPersona = {
    name: "guest user",
    userId: input.guestUserId ?? "(example guest)",
    groupIds: [],
    roleTemplateIds: [],
    userType: "guest",
    authMethods: ["password"],
    location: UNTRUSTED,
    clientAppType: "browser",
  };
  const globalAdministrator: WhatIfPersona = {
    name: "Global Administrator",
    userId: input.globalAdministratorUserId ?? "(example Global Administrator)",
    groupIds: [],
    roleTemplateIds: [GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID],
    userType: "member",
    authMethods: ["password", "microsoftAuthenticatorPush"],
    location: UNTRUSTED,
    clientAppType: "browser",
    platform: "windows",
  };
  const onTrustedLocation: WhatIfPersona = {
    name: "member on a trusted location",
    userId: input.trustedLocationUserId ?? "(example member on a trusted location)",
    groupIds: [],
    roleTemplateIds: [],
    userType: "member",
    authMethods: ["password"],
    location: { trusted: true, namedLocationIds: input.trustedNamedLocationIds ?? [] },
    clientAppType: "browser",
    platform: "windows",
  };
  return [...breakGlass, newJoiner, guest, globalAdministrator, onTrustedLocation];
}
