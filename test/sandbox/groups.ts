/**
 * Entra groups (v1.0 and beta): POST 201 (mailNickname required even for security groups;
 * `owners@odata.bind` accepted), GET one (404 Request_ResourceNotFound), list with
 * `$filter=displayName eq '...'`, PATCH 204, DELETE 204. Dynamic membership rules are stored as
 * given. A group created through the API is invisible to GET, list and Intune until the
 * sandbox's replication lag has passed. Owners, members and memberOf: groupLinks.ts.
 */
import { randomUUID } from "node:crypto";
import { describeJson, isObject, JsonObject, requireObjectBody } from "./bodies";
import { directoryBadRequest, directoryNotFound, odataBadRequest, SandboxGraphError } from "./graphErrors";
import { applyFilter, applySelect, page, parseTop } from "./odata";
import type { GraphRequest, Route } from "./router";
import { GRAPH_VERSIONS } from "./router";
import { graphTimestamp, SandboxState } from "./state";

// GroupMember.Read.All is the least-privileged application permission for reading a group (and
// its owners, members and memberOf lists).
export const GROUP_READ_PERMISSIONS = [
  ["GroupMember.Read.All"],
  ["Group.Read.All"],
  ["Group.ReadWrite.All"],
  ["Directory.Read.All"],
  ["Directory.ReadWrite.All"],
];
const CREATE = [["Group.Create"], ["Group.ReadWrite.All"], ["Directory.ReadWrite.All"]];
const WRITE = [["Group.ReadWrite.All"], ["Directory.ReadWrite.All"]];

/** Writable group properties and their JSON type. */
const WRITABLE: Record<string, "string" | "boolean" | "strings"> = {
  displayName: "string",
  description: "string",
  mailEnabled: "boolean",
  mailNickname: "string",
  securityEnabled: "boolean",
  groupTypes: "strings",
  membershipRule: "string",
  membershipRuleProcessingState: "string",
  visibility: "string",
  isAssignableToRole: "boolean",
  classification: "string",
  preferredDataLocation: "string",
  preferredLanguage: "string",
  theme: "string",
  // Writable on create; the azuread provider always sends both, as [] for a security group
  // (terraform-provider-azuread internal/services/groups/group_resource.go:497-510 @38d1993a).
  resourceBehaviorOptions: "strings",
  resourceProvisioningOptions: "strings",
};
const READ_ONLY = [
  "id",
  "createdDateTime",
  "deletedDateTime",
  "mail",
  "proxyAddresses",
  "renewedDateTime",
  "securityIdentifier",
];
const NICKNAME_FORBIDDEN = /[@()\\[\]";:.<>,\s]/;

function invalidValue(property: string): SandboxGraphError {
  return directoryBadRequest(`Invalid value specified for property '${property}' of resource 'Group'.`);
}

/** The only `@odata.bind` annotation the sandbox implements (POST /groups). */
const OWNERS_BIND = "owners@odata.bind";

function checkTypes(body: JsonObject, allowedBinds: readonly string[]): void {
  for (const [key, value] of Object.entries(body)) {
    if (key.endsWith("@odata.bind") && !allowedBinds.includes(key)) {
      // Graph also takes members@odata.bind (and binds on PATCH); the sandbox refuses what it
      // does not model rather than ignore it.
      throw directoryBadRequest(
        `The sandbox does not implement '${key}' on this request; it accepts only ${allowedBinds.length ? allowedBinds.join(", ") : "no @odata.bind annotations"} here.`,
      );
    }
    if (key.includes("@") || READ_ONLY.includes(key)) continue;
    const type = WRITABLE[key];
    if (type === undefined)
      throw directoryBadRequest(
        `Property '${key}' does not exist as a declared property or extension property.`,
      );
    if (value === null && type !== "strings") continue;
    const ok =
      type === "strings"
        ? Array.isArray(value) && value.every((v) => typeof v === "string")
        : typeof value === type;
    if (!ok)
      throw directoryBadRequest(
        `Cannot convert ${describeJson(value)} to the type of property '${key}' (${type === "strings" ? "Collection(Edm.String)" : type === "string" ? "Edm.String" : "Edm.Boolean"}).`,
      );
  }
}

/** Directory rules every stored group satisfies (on create and after a PATCH). */
function checkGroup(group: JsonObject): void {
  if (typeof group.displayName !== "string" || group.displayName === "" || group.displayName.length > 256)
    throw invalidValue("displayName");
  if (typeof group.mailNickname !== "string" || group.mailNickname === "" || group.mailNickname.length > 64)
    throw invalidValue("mailNickname");
  // eslint-disable-next-line no-control-regex
  if (NICKNAME_FORBIDDEN.test(group.mailNickname) || /[^\x00-\x7f]/.test(group.mailNickname))
    throw invalidValue("mailNickname");
  if (typeof group.mailEnabled !== "boolean") throw invalidValue("mailEnabled");
  if (typeof group.securityEnabled !== "boolean") throw invalidValue("securityEnabled");
  const types = group.groupTypes as string[];
  const dynamic = types.includes("DynamicMembership");
  if (dynamic && (typeof group.membershipRule !== "string" || group.membershipRule.trim() === "")) {
    throw directoryBadRequest(
      "A dynamic group (groupTypes contains 'DynamicMembership') needs a membershipRule.",
    );
  }
  if (!dynamic && group.membershipRule !== null) {
    throw directoryBadRequest(
      "membershipRule can only be set on a group whose groupTypes contains 'DynamicMembership'.",
    );
  }
  const processing = group.membershipRuleProcessingState;
  if (processing !== null && processing !== "On" && processing !== "Paused")
    throw invalidValue("membershipRuleProcessingState");
  if (typeof group.membershipRule === "string" && group.membershipRule.length > 3072)
    throw invalidValue("membershipRule");
}

/** A full group object as Graph returns it, from a POST body (or a seed, with `lenient`). */
export function createGroup(body: unknown, now: Date, lenient = false): JsonObject {
  const input = requireObjectBody(body, "microsoft.graph.group");
  checkTypes(input, lenient ? [] : [OWNERS_BIND]);
  const defaults: JsonObject = lenient
    ? { mailEnabled: false, securityEnabled: true, mailNickname: randomUUID().slice(0, 10) }
    : {};
  const value = (key: string, fallback: unknown = null): unknown => input[key] ?? defaults[key] ?? fallback;
  const groupTypes = (value("groupTypes", []) as string[]).slice();
  const dynamic = groupTypes.includes("DynamicMembership");
  const id = lenient && typeof input.id === "string" ? input.id.toLowerCase() : randomUUID();
  const created = graphTimestamp(now);
  const group: JsonObject = {
    id,
    deletedDateTime: null,
    classification: value("classification"),
    createdDateTime: created,
    creationOptions: [],
    description: value("description"),
    displayName: value("displayName"),
    expirationDateTime: null,
    groupTypes,
    isAssignableToRole: value("isAssignableToRole"),
    mail: null,
    mailEnabled: value("mailEnabled"),
    mailNickname: value("mailNickname"),
    membershipRule: value("membershipRule"),
    membershipRuleProcessingState: dynamic
      ? value("membershipRuleProcessingState", "On")
      : value("membershipRuleProcessingState"),
    onPremisesDomainName: null,
    onPremisesLastSyncDateTime: null,
    onPremisesNetBiosName: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: value("preferredDataLocation"),
    preferredLanguage: value("preferredLanguage"),
    proxyAddresses: [],
    renewedDateTime: created,
    resourceBehaviorOptions: (value("resourceBehaviorOptions", []) as string[]).slice(),
    resourceProvisioningOptions: (value("resourceProvisioningOptions", []) as string[]).slice(),
    securityEnabled: value("securityEnabled"),
    securityIdentifier: `S-1-12-1-${[0, 1, 2, 3].map(() => Math.floor(Math.random() * 4294967295)).join("-")}`,
    theme: value("theme"),
    visibility: value("visibility"),
    onPremisesProvisioningErrors: [],
    serviceProvisioningErrors: [],
  };
  checkGroup(group);
  return group;
}

export function patchGroup(current: JsonObject, body: unknown): JsonObject {
  const patch = requireObjectBody(body, "microsoft.graph.group");
  checkTypes(patch, []);
  const next: JsonObject = { ...current };
  for (const key of Object.keys(WRITABLE))
    if (patch[key] !== undefined) next[key] = structuredClone(patch[key]);
  checkGroup(next);
  return next;
}

/**
 * The owner ids of a POST body's `owners@odata.bind`: URLs of directory objects
 * (`https://graph.microsoft.com/v1.0/directoryObjects/{id}`; also `/users/{id}` and
 * `/servicePrincipals/{id}`), each of which must exist. Graph answers an owner it cannot find
 * with 404 Request_ResourceNotFound, which the azuread provider retries as replication lag
 * (group_resource.go:661-671 @38d1993a); a repeated id is a 400 with the message the provider
 * matches (groupDuplicateValueError, internal/services/groups/constants.go:8).
 */
export function boundOwners(body: JsonObject, state: SandboxState): string[] {
  const raw = body[OWNERS_BIND];
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.some((url) => typeof url !== "string"))
    throw directoryBadRequest(`Invalid value for '${OWNERS_BIND}': expected an array of URLs.`);
  const ids: string[] = [];
  for (const url of raw as string[]) {
    const match =
      /^https:\/\/[^/]+\/(?:v1\.0|beta)\/(?:directoryObjects|users|servicePrincipals)\/([^/?#]+)$/i.exec(url);
    if (!match) throw directoryBadRequest(`Invalid URL format specified in @odata.bind for owners`);
    const id = match[1].toLowerCase();
    if (ids.includes(id)) throw directoryBadRequest("Request contains a property with duplicate values.");
    const object = state.directoryObject(id);
    if (!object || object["@odata.type"] !== "#microsoft.graph.servicePrincipal") throw directoryNotFound(id);
    ids.push(String(object.id));
  }
  return ids;
}

/**
 * Graph parses `$filter` with the OData library's expression lexer before any backend sees it. A
 * `'` inside a string literal must be doubled (https://learn.microsoft.com/graph/query-parameters
 * "Escaping single quotes"); a single one ends the literal early, and what follows it is a token
 * no operator accepts. Graph answers 400 `BadRequest` "Invalid filter clause: Syntax error at
 * position <n> in '<filter>'." (n: where the lexer stands, just after that token), or, when the
 * literal never closes, "Invalid filter clause: There is an unterminated string literal at
 * position <length> in '<filter>'.". Sources: the message texts and the `BadRequest` code as
 * Graph's answers quote them in public reports (pnp/provision-assist-m365#62 "There is an
 * unterminated string literal at position 65 in '...'", position = the filter's length;
 * pnp/powershell#4169 "')' or operator expected at position 76"; "Invalid filter clause: Syntax
 * error at position 13 in 'iswhatever 12'." with the position just after the offending token);
 * that the directory's groups list goes through the same parser is inferred from #4169, a
 * `/groups` request. The azuread provider sends group names unescaped (group_data_source.go:288,
 * groups.go:28-48 @38d1993a), so a name with a quote reaches this.
 */
export function checkFilterLiterals(filter: string | undefined): void {
  if (filter === undefined) return;
  const invalid = (message: string) => odataBadRequest(`Invalid filter clause: ${message}`);
  let position = 0;
  let afterLiteral = false;
  while (position < filter.length) {
    const char = filter[position];
    if (/\s/.test(char)) {
      position++;
      continue;
    }
    const start = position;
    if (char === "'") {
      position++;
      for (;;) {
        if (position >= filter.length)
          throw invalid(
            `There is an unterminated string literal at position ${filter.length} in '${filter}'.`,
          );
        if (filter[position] === "'") {
          if (filter[position + 1] === "'") {
            position += 2;
            continue;
          }
          position++;
          break;
        }
        position++;
      }
      if (afterLiteral) throw invalid(`Syntax error at position ${position} in '${filter}'.`);
      afterLiteral = true;
      continue;
    }
    if (/[A-Za-z_$]/.test(char))
      while (position < filter.length && /[\w./]/.test(filter[position])) position++;
    else position++;
    const token = filter.slice(start, position).toLowerCase();
    if (afterLiteral && !["and", "or", ")", ","].includes(token))
      throw invalid(`Syntax error at position ${position} in '${filter}'.`);
    afterLiteral = false;
  }
}

function entityContext(request: Pick<GraphRequest, "origin" | "version">): string {
  return `${request.origin}/${request.version}/$metadata#groups/$entity`;
}

export function groupRoutes(state: SandboxState): Route[] {
  const find = (id: string): JsonObject => {
    const group = state.visibleGroup(id);
    if (!group) throw directoryNotFound(id);
    return group;
  };
  return [
    {
      method: "GET",
      template: "/groups",
      versions: GRAPH_VERSIONS,
      permissions: GROUP_READ_PERMISSIONS,
      handle: (request) => {
        checkFilterLiterals(request.query.$filter);
        const visible = [...state.groups.keys()].map((id) => state.visibleGroup(id)).filter(isObject);
        const items = applyFilter(visible, request.query.$filter, directoryBadRequest);
        const top = parseTop(request.query.$top);
        const pageSize = Math.min(top ?? 100, 999);
        const result = page(items, pageSize, request);
        return {
          status: 200,
          body: {
            "@odata.context": `${request.origin}/${request.version}/$metadata#groups`,
            ...(result.nextLink ? { "@odata.nextLink": result.nextLink } : {}),
            value: result.value.map((group) => applySelect(structuredClone(group), request.query.$select)),
          },
        };
      },
    },
    {
      method: "POST",
      template: "/groups",
      versions: GRAPH_VERSIONS,
      permissions: CREATE,
      handle: (request) => {
        const group = createGroup(request.body, state.now());
        const owners = boundOwners(request.body as JsonObject, state);
        state.groups.set(group.id as string, {
          group,
          visibleAt: Date.now() + state.groupReplicationLagMs,
          owners,
          members: [],
        });
        return {
          status: 201,
          headers: {
            location: `${request.origin}/v2/${String(group.id)}/directoryObjects/${String(group.id)}/Microsoft.DirectoryServices.Group`,
          },
          body: { "@odata.context": entityContext(request), ...structuredClone(group) },
        };
      },
    },
    {
      method: "GET",
      template: "/groups/{id}",
      versions: GRAPH_VERSIONS,
      permissions: GROUP_READ_PERMISSIONS,
      handle: (request) => ({
        status: 200,
        body: {
          "@odata.context": entityContext(request),
          ...applySelect(structuredClone(find(request.params.id)), request.query.$select),
        },
      }),
    },
    {
      method: "PATCH",
      template: "/groups/{id}",
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: (request) => {
        const group = find(request.params.id);
        const stored = state.groups.get(String(group.id));
        if (stored) stored.group = patchGroup(group, request.body);
        return { status: 204 };
      },
    },
    {
      method: "DELETE",
      template: "/groups/{id}",
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: (request) => {
        const group = find(request.params.id);
        state.groups.delete(String(group.id));
        for (const other of state.groups.values())
          other.members = other.members.filter((member) => member !== group.id);
        return { status: 204 };
      },
    },
  ];
}
