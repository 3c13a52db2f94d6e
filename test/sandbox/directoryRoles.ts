/**
 * Directory role templates (v1.0 and beta): `GET /directoryRoleTemplates` and
 * `GET /directoryRoleTemplates/{id}` (404 Request_ResourceNotFound when unknown). The ids Conditional
 * Access `includeRoles` / `excludeRoles` name.
 *
 * Where the behaviour comes from (graph-facts-round2.md §2.7):
 * - Template ids and display names of the built-in roles: Entra "permissions reference, All roles"
 *   (ED `docs/identity/role-based-access-control/permissions-reference.md`). Only the roles listed
 *   in the facts table are served; any other id answers 404 as an unknown one would.
 * - Least application permission `RoleManagement.Read.Directory` (higher `Directory.Read.All`, and
 *   the ReadWrite forms): learn `directoryroletemplate-list`, `directoryroletemplate-get`.
 * - Entity shape `{id, deletedDateTime, description, displayName}` (resources/directoryroletemplate.md);
 *   the descriptions here are shortened [inferred], callers must not rely on them.
 * - The 404 body of an unknown id is the directory's Request_ResourceNotFound [inferred from user-get].
 */
import type { JsonObject } from "./bodies";
import { directoryNotFound } from "./graphErrors";
import type { Route } from "./router";
import { GRAPH_VERSIONS } from "./router";

const READ = [
  ["RoleManagement.Read.Directory"],
  ["RoleManagement.ReadWrite.Directory"],
  ["Directory.Read.All"],
  ["Directory.ReadWrite.All"],
];

/** Built-in role templates the sandbox knows: [id, displayName]. */
export const ROLE_TEMPLATES: readonly (readonly [string, string])[] = [
  ["62e90394-69f5-4237-9190-012177145e10", "Global Administrator"],
  ["e8611ab8-c189-46e8-94e1-60213ab1f814", "Privileged Role Administrator"],
  ["7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator"],
  ["c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator"],
  ["0526716b-113d-4c15-b2c8-68e3c22b9f80", "Authentication Policy Administrator"],
  ["b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator"],
  ["194ae4cb-b126-40b2-bd5b-6091b380977d", "Security Administrator"],
  ["3a2c62db-5318-420d-8d74-23affee5d9d5", "Intune Administrator"],
  ["fdd7a751-b60b-444a-984c-02652fe8fa1c", "Groups Administrator"],
  ["59d46f88-662b-457b-bceb-5c3809e5908f", "Lifecycle Workflows Administrator"],
  ["158c047a-c907-4556-b7ef-446551a6b5f7", "Cloud Application Administrator"],
  ["9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "Application Administrator"],
  ["f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"],
];

function template([id, displayName]: readonly [string, string]): JsonObject {
  return { id, deletedDateTime: null, description: `Built-in role: ${displayName}.`, displayName };
}

export function directoryRoleRoutes(): Route[] {
  return [
    {
      method: "GET",
      template: "/directoryRoleTemplates",
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => ({
        status: 200,
        body: {
          "@odata.context": `${request.origin}/${request.version}/$metadata#directoryRoleTemplates`,
          value: ROLE_TEMPLATES.map(template),
        },
      }),
    },
    {
      method: "GET",
      template: "/directoryRoleTemplates/{id}",
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => {
        const found = ROLE_TEMPLATES.find(([id]) => id === request.params.id.toLowerCase());
        if (!found) throw directoryNotFound(request.params.id);
        return {
          status: 200,
          body: {
            "@odata.context": `${request.origin}/${request.version}/$metadata#directoryRoleTemplates/$entity`,
            ...template(found),
          },
        };
      },
    },
  ];
}
