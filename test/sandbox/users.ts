/**
 * Entra users (v1.0 and beta), the slice the azuread provider's `getUser` reads and tests seed:
 *
 * | Request                                   | Answer                                                                   |
 * | ----------------------------------------- | ------------------------------------------------------------------------ |
 * | `POST /users`                             | 201, the user in the default property set                                |
 * | `GET /users[?$filter=&$select=&$top=]`    | 200, paged list; default property set unless `$select`                   |
 * | `GET /users/{id \| userPrincipalName}`     | 200 (default set or `$select`), 404 Request_ResourceNotFound             |
 * | `DELETE /users/{id \| userPrincipalName}`  | 204                                                                      |
 * | `GET /users/{id}/manager`                 | 200 the manager as a directory object, 404 when the user has none        |
 * | `PUT /users/{id}/manager/$ref`            | 204 (`{"@odata.id": ".../users/{managerId}"}`)                           |
 *
 * Where the behaviour comes from:
 * - Default property set of a v1.0 user (`businessPhones, displayName, givenName, id, jobTitle,
 *   mail, mobilePhone, officeLocation, preferredLanguage, surname, userPrincipalName`; every other
 *   property, `accountEnabled` and `userType` included, only on `$select`): Graph docs
 *   api-reference/v1.0/api/user-get.md and resources/user.md ("Returned only on $select").
 * - Required properties of a create (`accountEnabled, displayName, mailNickname, passwordProfile,
 *   userPrincipalName`), the 201 echo, `userType` defaulting to `Member`: user-post-users.md.
 *   A second user with the same UPN: 400 Request_BadRequest "Another object with the same value
 *   for property userPrincipalName already exists." (directory uniqueness error).
 * - 404 Request_ResourceNotFound with the directory's message for an unknown id; `/manager` of a
 *   user without one answers the same error naming `manager` (user-list-manager.md: "If no manager
 *   is assigned, the response is 404 Not Found").
 * - Permissions (application): read `User.Read.All` (or User.ReadWrite.All, Directory.Read.All,
 *   Directory.ReadWrite.All); write `User.ReadWrite.All` (or Directory.ReadWrite.All) (user-get.md,
 *   user-list.md, user-post-users.md, user-post-manager.md, user-delete.md). None of them is in the
 *   sandbox's default grant: a test (or a program) reading users must be granted one, as a real
 *   deployment identity must.
 * - `$filter`: `<property> eq '<value>'` with quotes doubled inside the literal; an unescaped quote
 *   is a 400 from Graph's OData parser (see `checkFilterLiterals` in groups.ts). The azuread
 *   provider escapes quotes in user filters (terraform-provider-azuread
 *   internal/services/users/user_data_source.go:333-336 @38d1993a, `odata.EscapeSingleQuote`).
 *
 * Users live beside the rest of the tenant (state.ts keeps no users: this file owns them) and are
 * dropped by `resetTenant` with everything else.
 */
import { randomUUID } from "node:crypto";
import { describeJson, isObject, JsonObject, requireObjectBody } from "./bodies";
import { checkFilterLiterals } from "./groups";
import { directoryBadRequest, directoryNotFound, odataBadRequest, unknownProperty } from "./graphErrors";
import { applyFilter, page, parseTop } from "./odata";
import type { GraphRequest, Route } from "./router";
import { GRAPH_VERSIONS } from "./router";
import { graphTimestamp, type SandboxState } from "./state";
import { stateStore } from "./stateStore";

export const USER_READ_PERMISSIONS = [
  ["User.Read.All"],
  ["User.ReadWrite.All"],
  ["Directory.Read.All"],
  ["Directory.ReadWrite.All"],
];
const USER_WRITE_PERMISSIONS = [["User.ReadWrite.All"], ["Directory.ReadWrite.All"]];

/** What GET returns without `$select` (user-get.md, v1.0). */
export const DEFAULT_USER_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];

/** Collection-valued user properties: [] when unset (resources/user.md). */
const COLLECTIONS = ["businessPhones", "imAddresses", "otherMails", "proxyAddresses"];

/**
 * The user properties the sandbox stores (resources/user.md, v1.0), each null (or [] for a
 * collection) until set. A `$select` of anything else is refused as Graph refuses an unknown
 * property.
 */
const USER_PROPERTIES = [
  "id",
  "accountEnabled",
  "ageGroup",
  "businessPhones",
  "city",
  "companyName",
  "consentProvidedForMinor",
  "country",
  "createdDateTime",
  "creationType",
  "deletedDateTime",
  "department",
  "displayName",
  "employeeHireDate",
  "employeeId",
  "employeeOrgData",
  "employeeType",
  "externalUserState",
  "faxNumber",
  "givenName",
  "imAddresses",
  "jobTitle",
  "mail",
  "mailNickname",
  "mobilePhone",
  "officeLocation",
  "onPremisesDistinguishedName",
  "onPremisesDomainName",
  "onPremisesImmutableId",
  "onPremisesSamAccountName",
  "onPremisesSecurityIdentifier",
  "onPremisesSyncEnabled",
  "onPremisesUserPrincipalName",
  "otherMails",
  "passwordPolicies",
  "postalCode",
  "preferredLanguage",
  "proxyAddresses",
  "showInAddressList",
  "state",
  "streetAddress",
  "surname",
  "usageLocation",
  "userPrincipalName",
  "userType",
];

/** Writable on create, with their JSON type (user-post-users.md, resources/user.md). */
const WRITABLE: Record<string, "string" | "boolean" | "strings" | "object"> = {
  accountEnabled: "boolean",
  ageGroup: "string",
  businessPhones: "strings",
  city: "string",
  companyName: "string",
  consentProvidedForMinor: "string",
  country: "string",
  department: "string",
  displayName: "string",
  employeeHireDate: "string",
  employeeId: "string",
  employeeOrgData: "object",
  employeeType: "string",
  faxNumber: "string",
  givenName: "string",
  jobTitle: "string",
  mail: "string",
  mailNickname: "string",
  mobilePhone: "string",
  officeLocation: "string",
  otherMails: "strings",
  passwordPolicies: "string",
  passwordProfile: "object",
  postalCode: "string",
  preferredLanguage: "string",
  showInAddressList: "boolean",
  state: "string",
  streetAddress: "string",
  surname: "string",
  usageLocation: "string",
  userPrincipalName: "string",
  userType: "string",
};
const REQUIRED = ["accountEnabled", "displayName", "mailNickname", "passwordProfile", "userPrincipalName"];
const USER_TYPES = ["Member", "Guest"];
const UPN = /^[^@\s]+@[^@\s]+$/;

interface StoredUser {
  user: JsonObject;
  /** Object id of the user's manager, when one is assigned. */
  managerId?: string;
}

/** The tenant's users, keyed by lower-case object id. */
export class UserDirectory {
  readonly users = new Map<string, StoredUser>();

  /** A user by object id or UPN (both case-insensitive, as Graph resolves `/users/{id | userPrincipalName}`). */
  find(idOrUpn: string): StoredUser | undefined {
    const key = idOrUpn.toLowerCase();
    const byId = this.users.get(key);
    if (byId) return byId;
    return [...this.users.values()].find(({ user }) => String(user.userPrincipalName).toLowerCase() === key);
  }

  clear(): void {
    this.users.clear();
  }
}

const directories = new WeakMap<SandboxState, UserDirectory>();

/**
 * The users of a sandbox's tenant. Created with the routes; `SandboxState.reset` (resetTenant)
 * clears them with the rest of the tenant.
 */
export function userDirectory(state: SandboxState): UserDirectory {
  return stateStore(directories, state, () => new UserDirectory());
}

function invalidValue(property: string): ReturnType<typeof directoryBadRequest> {
  return directoryBadRequest(`Invalid value specified for property '${property}' of resource 'User'.`);
}

/** A full user object as the directory stores it, from a POST body; refuses what Graph refuses. */
export function createUser(body: unknown, now: Date, directory: UserDirectory): JsonObject {
  const input = requireObjectBody(body, "microsoft.graph.user");
  for (const [key, value] of Object.entries(input)) {
    if (key.includes("@")) continue;
    const type = WRITABLE[key];
    if (type === undefined)
      throw directoryBadRequest(
        `Property '${key}' does not exist as a declared property or extension property.`,
      );
    if (value === null) continue;
    const ok =
      type === "strings"
        ? Array.isArray(value) && value.every((v) => typeof v === "string")
        : type === "object"
          ? isObject(value)
          : typeof value === type;
    if (!ok)
      throw directoryBadRequest(`Cannot convert ${describeJson(value)} to the type of property '${key}'.`);
  }
  for (const property of REQUIRED) {
    const value = input[property];
    if (value === undefined || value === null || value === "") throw invalidValue(property);
  }
  const profile = input.passwordProfile as JsonObject;
  if (typeof profile.password !== "string" || profile.password === "") throw invalidValue("passwordProfile");
  const upn = String(input.userPrincipalName);
  if (!UPN.test(upn)) throw invalidValue("userPrincipalName");
  if (directory.find(upn))
    throw directoryBadRequest(
      "Another object with the same value for property userPrincipalName already exists.",
    );
  if (
    input.userType !== undefined &&
    input.userType !== null &&
    !USER_TYPES.includes(input.userType as string)
  )
    throw invalidValue("userType");
  const user: JsonObject = {};
  for (const property of USER_PROPERTIES) user[property] = COLLECTIONS.includes(property) ? [] : null;
  for (const [key, value] of Object.entries(input)) {
    if (key.includes("@") || key === "passwordProfile" || value === undefined) continue;
    user[key] = structuredClone(value);
  }
  user.id = randomUUID();
  user.createdDateTime = graphTimestamp(now);
  user.creationType = null;
  user.userType = input.userType ?? "Member";
  return user;
}

/** The user in the default property set, or the `$select`ed properties (unknown names refused). */
function shaped(user: JsonObject, select: string | undefined): JsonObject {
  if (select === undefined || select.trim() === "") {
    const result: JsonObject = {};
    for (const property of DEFAULT_USER_PROPERTIES) result[property] = structuredClone(user[property]);
    return result;
  }
  const result: JsonObject = {};
  for (const raw of select.split(",")) {
    const name = raw.trim();
    const property = USER_PROPERTIES.find((p) => p.toLowerCase() === name.toLowerCase());
    if (property === undefined) throw unknownProperty(name, "microsoft.graph.user");
    result[property] = structuredClone(user[property]);
  }
  return result;
}

function selectContext(request: GraphRequest, suffix: string): string {
  const select = request.query.$select;
  const projection = select
    ? `(${select
        .split(",")
        .map((s) => s.trim())
        .join(",")})`
    : "";
  return `${request.origin}/${request.version}/$metadata#users${projection}${suffix}`;
}

/** The manager reference of `PUT /users/{id}/manager/$ref`: the object id at the end of `@odata.id`. */
function managerReference(body: unknown): string {
  const input = requireObjectBody(body, "microsoft.graph.directoryObject");
  const reference = input["@odata.id"];
  if (typeof reference !== "string")
    throw odataBadRequest("The request body must contain an '@odata.id' reference to a directory object.");
  const match = /^https:\/\/[^/]+\/(?:v1\.0|beta)\/(?:directoryObjects|users)\/([^/?#]+)$/i.exec(reference);
  if (!match) throw directoryBadRequest("Invalid URL format specified in @odata.id for manager");
  return match[1];
}

export function userRoutes(state: SandboxState): Route[] {
  const directory = userDirectory(state);
  const find = (idOrUpn: string): StoredUser => {
    const stored = directory.find(idOrUpn);
    if (!stored) throw directoryNotFound(idOrUpn);
    return stored;
  };
  return [
    {
      method: "GET",
      template: "/users",
      versions: GRAPH_VERSIONS,
      permissions: USER_READ_PERMISSIONS,
      handle: (request) => {
        checkFilterLiterals(request.query.$filter);
        const all = [...directory.users.values()].map(({ user }) => user);
        const items = applyFilter(all, request.query.$filter, directoryBadRequest);
        const top = parseTop(request.query.$top);
        const result = page(items, Math.min(top ?? 100, 999), request);
        return {
          status: 200,
          body: {
            "@odata.context": selectContext(request, ""),
            ...(result.nextLink ? { "@odata.nextLink": result.nextLink } : {}),
            value: result.value.map((user) => shaped(user, request.query.$select)),
          },
        };
      },
    },
    {
      method: "POST",
      template: "/users",
      versions: GRAPH_VERSIONS,
      permissions: USER_WRITE_PERMISSIONS,
      handle: (request) => {
        const user = createUser(request.body, state.now(), directory);
        directory.users.set(String(user.id), { user });
        return {
          status: 201,
          body: {
            "@odata.context": `${request.origin}/${request.version}/$metadata#users/$entity`,
            ...shaped(user, undefined),
          },
        };
      },
    },
    {
      method: "GET",
      template: "/users/{id}",
      versions: GRAPH_VERSIONS,
      permissions: USER_READ_PERMISSIONS,
      handle: (request) => ({
        status: 200,
        body: {
          "@odata.context": selectContext(request, "/$entity"),
          ...shaped(find(request.params.id).user, request.query.$select),
        },
      }),
    },
    {
      method: "DELETE",
      template: "/users/{id}",
      versions: GRAPH_VERSIONS,
      permissions: USER_WRITE_PERMISSIONS,
      handle: (request) => {
        const id = String(find(request.params.id).user.id);
        directory.users.delete(id);
        for (const other of directory.users.values()) if (other.managerId === id) delete other.managerId;
        return { status: 204 };
      },
    },
    {
      method: "GET",
      template: "/users/{id}/manager",
      versions: GRAPH_VERSIONS,
      permissions: USER_READ_PERMISSIONS,
      handle: (request) => {
        const { managerId } = find(request.params.id);
        const manager = managerId === undefined ? undefined : directory.users.get(managerId);
        if (!manager) throw directoryNotFound("manager");
        return {
          status: 200,
          body: {
            "@odata.context": `${request.origin}/${request.version}/$metadata#directoryObjects/$entity`,
            "@odata.type": "#microsoft.graph.user",
            ...shaped(manager.user, request.query.$select),
          },
        };
      },
    },
    {
      method: "PUT",
      template: "/users/{id}/manager/$ref",
      versions: GRAPH_VERSIONS,
      permissions: USER_WRITE_PERMISSIONS,
      handle: (request) => {
        const stored = find(request.params.id);
        const manager = find(managerReference(request.body));
        if (manager === stored)
          // No captured answer for this request: refuse it rather than guess Graph's.
          throw directoryBadRequest("The sandbox does not model making a user their own manager.");
        stored.managerId = String(manager.user.id);
        return { status: 204 };
      },
    },
  ];
}
