/**
 * The groups the stack config names that the journey starts from: the Autopilot device group the
 * Web sign-in profile is assigned to (`autopilot.existingGroupId`, or the group the stack creates,
 * named `autopilot.groupDisplayName`), and the new joiners (`temporaryAccessPass.includeGroupIds`).
 *
 * | Reference                         | Read                                                                  |
 * | --------------------------------- | --------------------------------------------------------------------- |
 * | a group by object id              | GET /v1.0/groups/{id}?$select=id,displayName (Autopilot group only)   |
 * | a group by displayName            | GET /v1.0/groups?$filter=displayName eq '…'&$select=id,displayName&$top=2 |
 *
 * Joiner groups given by id are not read: the TAP policy names them by id. Names are matched
 * exactly; two groups with one name are ambiguous (graph-facts: names are not unique).
 */
import { isNotFound } from "../../../infra/graph/errors";
import type { GraphClient } from "../../../infra/graph/types";
import { odataString } from "../../../infra/providers/settingsCatalog/findByName";
import { managesWebSignIn } from "../../../policies/managed";
import { ALL_USERS, type DeclaredOnboardingSettings, type GroupRef } from "../../../policies/settings";
import { attempt, MissingObjectError, type ReadOutcome } from "./outcome";

export interface GroupFact {
  /** Lower-cased object id. */
  id: string;
  /** "" for a joiner group the config gives by id (not read). */
  displayName: string;
}

export interface JoinerGroups {
  /** `all_users` is among the TAP include targets the stack declares. */
  allUsers: boolean;
  groups: GroupFact[];
}

async function groupByName(client: GraphClient, displayName: string): Promise<GroupFact> {
  const page = await client.get<{ value?: { id?: string; displayName?: string }[] }>("/groups", {
    query: { $filter: `displayName eq ${odataString(displayName)}`, $select: "id,displayName", $top: "2" },
  });
  const found = (page.value ?? []).filter((group) => group.displayName === displayName);
  if (found.length === 0) throw new MissingObjectError(`no group named "${displayName}" in this tenant`);
  if (found.length > 1)
    throw new MissingObjectError(
      `more than one group is named "${displayName}": give its object id in the stack config`,
    );
  return { id: String(found[0].id).toLowerCase(), displayName };
}

async function groupById(client: GraphClient, id: string): Promise<GroupFact> {
  try {
    const group = await client.get<{ id?: string; displayName?: string }>(
      `/groups/${encodeURIComponent(id)}`,
      {
        query: { $select: "id,displayName" },
      },
    );
    return { id: String(group.id ?? id).toLowerCase(), displayName: group.displayName ?? id };
  } catch (error) {
    if (isNotFound(error)) throw new MissingObjectError(`no group ${id} in this tenant`);
    throw error;
  }
}

/** Why the steps that start from the stack's Autopilot group or Web sign-in profile are not checked. */
export const WEB_SIGN_IN_UNMANAGED =
  "webSignIn.manage is false: this stack declares no Web sign-in profile and no Autopilot group, so the check has no device group or profile of its own to judge";

/** The Autopilot group, or why it could not be found. */
export function readAutopilotGroup(
  client: GraphClient,
  settings: DeclaredOnboardingSettings,
): Promise<ReadOutcome<GroupFact>> {
  if (!managesWebSignIn(settings)) return Promise.resolve({ ok: false, notChecked: WEB_SIGN_IN_UNMANAGED });
  const existing = settings.autopilot.existingGroupId;
  const reference: GroupRef = existing ?? { displayName: settings.autopilot.groupDisplayName };
  return attempt("the Autopilot group", () =>
    typeof reference === "string" ? groupById(client, reference) : groupByName(client, reference.displayName),
  );
}

/** The joiner groups by id (names looked up), or why one could not be found. */
export function readJoinerGroups(
  client: GraphClient,
  settings: DeclaredOnboardingSettings,
): Promise<ReadOutcome<JoinerGroups>> {
  return attempt("the new joiners' groups (temporaryAccessPass.includeGroupIds)", async () => {
    const references = settings.temporaryAccessPass.includeGroupIds;
    const allUsers = references.some((reference) => typeof reference === "string" && reference === ALL_USERS);
    const groups = await Promise.all(
      references
        .filter((reference) => reference !== ALL_USERS)
        .map((reference) =>
          typeof reference === "string"
            ? Promise.resolve({ id: reference.toLowerCase(), displayName: "" })
            : groupByName(client, reference.displayName),
        ),
    );
    return { allUsers, groups };
  });
}
