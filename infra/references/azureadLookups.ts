/**
 * The program's lookups: the azuread provider's own data sources, in promise form, so names are
 * resolved with the provider's identity and at preview time.
 *
 * | Reference                  | Data source                                   | Graph (by the azuread provider)                                   |
 * |----------------------------|-----------------------------------------------|-------------------------------------------------------------------|
 * | `{ displayName }`          | `azuread.getGroup({ displayName })`           | GET /beta/groups?$filter=displayName eq '<name>' (§6.1)           |
 * | `{ userPrincipalName }`    | `azuread.getUser({ userPrincipalName })`      | GET /v1.0/users?$filter=userPrincipalName eq '<upn>' (§6.2)       |
 *
 * (§ = azuread-provider-facts.md.) The object id is the result's `objectId` (a bare GUID), never its
 * `id` (`/groups/<guid>`, `/users/<guid>`, §0). A failed lookup is classified by the provider's own
 * error text: getGroup answers `[display_name] No group found matching specified filter (…)` for
 * none and `[display_name] More than one group found matching specified filter (…)` for several
 * (§6.1); getUser `[user_principal_name] User with UPN "<upn>" was not found` and
 * `[user_principal_name] More than one user found with UPN: "<upn>"` (§6.2). The identity needs
 * `Group.Read.All` and `User.Read.All` (or `Directory.Read.All`) for them (§6.1, §6.2).
 */
import * as azuread from "@pulumi/azuread";
import { isGuid } from "../providers/graphIds";
import type { LookupOutcome, ReferenceLookups } from "./lookups";

export const GET_GROUP = "azuread.getGroup";
export const GET_USER = "azuread.getUser";

/**
 * The provider's diagnostic out of an invoke error. The engine wraps it as
 * `invocation of <token> returned an error: invoking <token>: 1 error occurred:\n\t* <diagnostic>\n\n`
 * (§1.3; the assembled text is [inferred] there), and Node raises `Error(details)`
 * (@pulumi/pulumi runtime/invoke.js). The `* ` lines are kept; without them, the prefixes are cut.
 */
export function invokeErrorDetail(message: string): string {
  const bullets = message
    .split("\n")
    .map((line) => /^\s*\*\s+(.*\S)\s*$/.exec(line)?.[1])
    .filter((line): line is string => line !== undefined);
  if (bullets.length > 0) return bullets.join("; ");
  return message
    .replace(/^invocation of \S+ returned an error:\s*/, "")
    .replace(/^invoking \S+:\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
}

interface Classification {
  notFound: RegExp;
  several: RegExp;
}

const GROUP_ERRORS: Classification = {
  notFound: /No group found matching specified filter/,
  several: /More than one group found matching specified filter/,
};

const USER_ERRORS: Classification = {
  notFound: /User with UPN .* was not found/,
  several: /More than one user found with UPN/,
};

/** Runs one data-source call and classifies its result. */
export async function lookUp(
  source: string,
  call: () => Promise<{ objectId?: unknown }>,
  errors: Classification,
): Promise<LookupOutcome> {
  let result: { objectId?: unknown };
  try {
    result = await call();
  } catch (error) {
    const detail = `${source}: ${invokeErrorDetail(error instanceof Error ? error.message : String(error))}`;
    if (errors.notFound.test(detail)) return { status: "notFound", detail };
    if (errors.several.test(detail)) return { status: "several", detail };
    return { status: "failed", detail };
  }
  if (!isGuid(result.objectId)) {
    return {
      status: "failed",
      detail: `${source}: answered without an object id (objectId ${JSON.stringify(result.objectId)})`,
    };
  }
  return { status: "found", objectId: result.objectId as string };
}

export function azureadLookups(): ReferenceLookups {
  return {
    group: (displayName) => lookUp(GET_GROUP, () => azuread.getGroup({ displayName }), GROUP_ERRORS),
    user: (userPrincipalName) => lookUp(GET_USER, () => azuread.getUser({ userPrincipalName }), USER_ERRORS),
  };
}
