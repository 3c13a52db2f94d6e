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
 */
import { directoryNotFound } from "./graphErrors";
import { applySelect, page, parseTop } from "./odata";
import type { GraphRequest, Route } from "./router";
import { GRAPH_VERSIONS } from "./router";
import type { SandboxState, StoredGroup } from "./state";
import type { JsonObject } from "./bodies";
import { GROUP_READ_PERMISSIONS } from "./groups";

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
  const resolve = (ids: string[]): JsonObject[] =>
    ids.map((id) => state.directoryObject(id)).filter((object): object is JsonObject => !!object);
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
  ];
}
