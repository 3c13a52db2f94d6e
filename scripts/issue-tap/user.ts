/**
 * The user a pass is for, looked up by UPN or object id, and the refusals that follow from the
 * account alone. `accountEnabled` and `userType` come only on `$select` in v1.0
 * (learn.microsoft.com/graph/api/user-get). A UPN starting with `$` must be written
 * `/users('$name@domain')`; `#` (in guests' `#EXT#` UPNs) must be percent-encoded (user-get, tip).
 */
import { isNotFound } from "../../infra/graph/errors";
import type { GraphClient } from "../../infra/graph/types";

export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  accountEnabled: boolean | null;
  userType: string | null;
}

export function userPath(idOrUpn: string): string {
  if (idOrUpn.startsWith("$")) return `/users('${encodeURIComponent(idOrUpn.replace(/'/g, "''"))}')`;
  return `/users/${encodeURIComponent(idOrUpn)}`;
}

/** The user, or undefined when Graph answers 404. */
export async function findUser(client: GraphClient, idOrUpn: string): Promise<DirectoryUser | undefined> {
  try {
    return await client.get<DirectoryUser>(userPath(idOrUpn), {
      query: { $select: "id,userPrincipalName,accountEnabled,userType" },
    });
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Why this account cannot be given a pass, or undefined. */
export function accountRefusal(user: DirectoryUser): string | undefined {
  if (user.accountEnabled !== true) return "the account is disabled (accountEnabled: false)";
  // Graph: "Temporary Access Pass cannot be added to an external guest user."
  // (learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass, "Guest access")
  if (user.userType === "Guest" && user.userPrincipalName.includes("#EXT#"))
    return "an external guest: Graph adds no Temporary Access Pass to one";
  return undefined;
}
