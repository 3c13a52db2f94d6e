/**
 * A group's directory-object links (v1.0 and beta): `GET /groups/{id}/owners`, `/members` and
 * `/memberOf`, paged like Graph (100 per page unless `$top`, up to 999, with an absolute
 * `@odata.nextLink`). Each item is the full directory object with its `@odata.type`
 * (`#microsoft.graph.servicePrincipal`, `#microsoft.graph.group`), under a
 * `$metadata#directoryObjects` context (https://learn.microsoft.com/graph/api/group-list-owners,
 * group-list-members, group-list-memberof). The azuread provider reads all three on every group
 * read (terraform-provider-azuread internal/services/groups/group_resource.go:1305-1340
 * @38d1993a). A dynamic group's members are the devices its rule matched; the sandbox has no
 * devices, so they are empty.
 *
 * Membership writes and checks, for the Temporary Access Pass scope rule and the tests that seed it:
 * - `POST /groups/{id}/members/$ref` with `{"@odata.id": ".../directoryObjects/{id}"}` (also
 *   `/users/{id}`, `/groups/{id}`) adds a user or group: 204, no body; a member already there is a
 *   400 Request_BadRequest "One or more added object references already exist for the following
 *   modified properties: 'members'." Least application permission GroupMember.ReadWrite.All
 *   (https://learn.microsoft.com/graph/api/group-post-members; the message as Graph answered it in
 *   github.com/ansible-collections/azure/issues/1519).
 * - `POST /users/{id}/checkMemberGroups` with `{"groupIds": [...]}` answers the subset the user
 *   is a member of, transitively, under a `$metadata#Collection(Edm.String)` context; at most 20
 *   ids; application permissions: the pair User.Read.All and GroupMember.Read.All (or Group.Read.All),
 *   or Directory.Read.All (https://learn.microsoft.com/graph/api/directoryobject-checkmembergroups).
 */
import { directoryBadRequest, directoryNotFound, odataBadRequest } from "./graphErrors";
import { applySelect, page, parseTop } from "./odata";
import type { GraphRequest, Route } from "./router";
import { GRAPH_VERSIONS } from "./router";
import type { SandboxState, StoredGroup } from "./state";
import { expectStringArray, requireObjectBody, type JsonObject } from "./bodies";
import { GROUP_READ_PERMISSIONS } from "./groups";
import { DEFAULT_USER_PROPERTIES, userDirectory } from "./users";

const MEMBER_WRITE_PERMISSIONS = [
  ["GroupMember.ReadWrite.All"],
  ["Group.ReadWrite.All"],
  ["Directory.ReadWrite.All"],
];
/** checkMemberGroups needs a user read and a group read permission together. */
const CHECK_MEMBER_GROUPS_PERMISSIONS = [
  ...["User.Read.All", "User.ReadWrite.All"].flatMap((user) =>
    ["GroupMember.Read.All", "Group.Read.All", "Group.ReadWrite.All"].map((group) => [user, group]),
  ),
  ["Directory.Read.All"],
  ["Directory.ReadWrite.All"],
];
const MAX_CHECKED_GROUP_IDS = 20;

/**
 * Ids of every group `memberId` (a user or group object id) belongs to, directly or through
 * nested groups: what checkMemberGroups answers from and the TAP policy's scope rule reads.
 */
export function transitiveGroupIds(state: SandboxState, memberId: string): Set<string> {
  const found = new Set<string>();
  let frontier = [memberId.toLowerCase()];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const stored of state.groups.values()) {
      const groupId = String(stored.group.id);
      if (found.has(groupId)) continue;
      if (stored.members.some((member) => frontier.includes(member.toLowerCase()))) {
        found.add(groupId);
        next.push(groupId);
      }
    }
    frontier = next;
  }
  return found;
}

/** The member id a `$ref` body points at: the object id at the end of its `@odata.id` URL. */
function memberReference(body: unknown): string {
  const input = requireObjectBody(body, "microsoft.graph.directoryObject");
  const reference = input["@odata.id"];
  if (typeof reference !== "string")
    throw odataBadRequest("The request body must contain an '@odata.id' reference to a directory object.");
  const match = /^https:\/\/[^/]+\/(?:v1\.0|beta)\/(?:directoryObjects|users|groups)\/([^/?#]+)$/i.exec(
    reference,
  );
  if (!match) throw directoryBadRequest("Invalid URL format specified in @odata.id for members");
  return match[1].toLowerCase();
}

function listReply(objects: JsonObject[], request: GraphRequest) {
  const top = parseTop(request.query.$top);
  const result = page(objects, Math.min(top ?? 100, 999), request);
  return {
    status: 200,
    body: {
      "@odata.context": `${request.origin}/${request.version}/$metadata#directoryObjects`,
      ...(result.nextLink ? { "@odata.nextLink": result.nextLink } : {}),
      value: result.value.map((object) => applySelect(object, request.query.$select)),
    },
  };
}

export function groupLinkRoutes(state: SandboxState): Route[] {
  const find = (id: string): StoredGroup => {
    const stored = state.groups.get(id.toLowerCase());
    if (!stored || state.visibleGroup(id) === undefined) throw directoryNotFound(id);
    return stored;
  };
  const users = userDirectory(state);
  /** A member as a directory object: a user (default property set) or what state knows. */
  const directoryObject = (id: string): JsonObject | undefined => {
    const user = users.find(id)?.user;
    if (!user) return state.directoryObject(id);
    const shaped: JsonObject = { "@odata.type": "#microsoft.graph.user" };
    for (const property of DEFAULT_USER_PROPERTIES) shaped[property] = structuredClone(user[property]);
    return shaped;
  };
  const resolve = (ids: string[]): JsonObject[] =>
    ids.map((id) => directoryObject(id)).filter((object): object is JsonObject => !!object);
  return [
    {
      method: "GET",
      template: "/groups/{id}/owners",
      versions: GRAPH_VERSIONS,
      permissions: GROUP_READ_PERMISSIONS,
      handle: (request) => listReply(resolve(find(request.params.id).owners), request),
    },
    {
      method: "GET",
      template: "/groups/{id}/members",
      versions: GRAPH_VERSIONS,
      permissions: GROUP_READ_PERMISSIONS,
      handle: (request) => listReply(resolve(find(request.params.id).members), request),
    },
    {
      method: "GET",
      template: "/groups/{id}/memberOf",
      versions: GRAPH_VERSIONS,
      permissions: GROUP_READ_PERMISSIONS,
      handle: (request) => {
        const group = find(request.params.id);
        const id = String(group.group.id);
        const containing = [...state.groups.values()]
          .filter((other) => other.members.includes(id))
          .map((other) => String(other.group.id));
        return listReply(resolve(containing), request);
      },
    },
    {
      method: "POST",
      template: "/groups/{id}/members/$ref",
      versions: GRAPH_VERSIONS,
      permissions: MEMBER_WRITE_PERMISSIONS,
      handle: (request) => {
        const group = find(request.params.id);
        const memberId = memberReference(request.body);
        const member = directoryObject(memberId);
        if (!member || member["@odata.type"] === "#microsoft.graph.servicePrincipal")
          throw directoryNotFound(memberId);
        const id = String(member.id);
        if (group.members.includes(id))
          throw directoryBadRequest(
            "One or more added object references already exist for the following modified properties: 'members'.",
          );
        group.members.push(id);
        return { status: 204 };
      },
    },
    {
      method: "POST",
      template: "/users/{id}/checkMemberGroups",
      versions: GRAPH_VERSIONS,
      permissions: CHECK_MEMBER_GROUPS_PERMISSIONS,
      handle: (request) => {
        const user = users.find(request.params.id);
        if (!user) throw directoryNotFound(request.params.id);
        const input = requireObjectBody(request.body, "microsoft.graph.checkMemberGroups");
        const groupIds = expectStringArray(input.groupIds, "groupIds");
        if (groupIds.length > MAX_CHECKED_GROUP_IDS)
          // Graph documents the limit, not its answer: refuse without guessing the text.
          throw odataBadRequest(
            `The sandbox refuses more than ${MAX_CHECKED_GROUP_IDS} groupIds (Graph's limit); found ${groupIds.length}.`,
          );
        const memberOf = transitiveGroupIds(state, String(user.user.id));
        return {
          status: 200,
          body: {
            "@odata.context": `${request.origin}/${request.version}/$metadata#Collection(Edm.String)`,
            value: groupIds.filter((id) => memberOf.has(id.toLowerCase())),
          },
        };
      },
    },
  ];
}
