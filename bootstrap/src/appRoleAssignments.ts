/**
 * Microsoft Graph application permissions for an identity: one azuread.AppRoleAssignment per
 * permission, against the Microsoft Graph service principal of the tenant (what admin consent to an
 * application permission creates). azuread sends it to
 * `POST /servicePrincipals/{resourceObjectId}/appRoleAssignedTo`; whoever runs the bootstrap needs
 * Privileged Role Administrator (or AppRoleAssignment.ReadWrite.All + Application.Read.All).
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import type { StackPermission } from "../../infra/graph/permissions";

export const MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

export type GraphServicePrincipal = pulumi.Output<azuread.GetServicePrincipalResult>;

export function microsoftGraph(opts: pulumi.InvokeOutputOptions): GraphServicePrincipal {
  return azuread.getServicePrincipalOutput({ clientId: MICROSOFT_GRAPH_APP_ID }, opts);
}

export function grantGraphPermissions(
  role: "reader" | "deployer",
  principalId: pulumi.Output<string>,
  grants: readonly StackPermission[],
  graph: GraphServicePrincipal,
  opts: pulumi.CustomResourceOptions,
): azuread.AppRoleAssignment[] {
  return grants.map(
    (grant) =>
      new azuread.AppRoleAssignment(
        `${role}-${grant.permission}`,
        {
          appRoleId: graph.appRoleIds.apply((ids) => {
            const id = ids[grant.permission];
            if (id === undefined) {
              throw new Error(
                `Microsoft Graph in this tenant has no application permission ${grant.permission}`,
              );
            }
            return id;
          }),
          principalObjectId: principalId,
          resourceObjectId: graph.objectId,
        },
        opts,
      ),
  );
}

/** The id of `permission` among Microsoft Graph's app roles; fails the update naming it when absent. */
export function appRoleIdOf(graph: GraphServicePrincipal, permission: string): pulumi.Output<string> {
  return graph.appRoleIds.apply((ids) => {
    const id = ids[permission];
    if (id === undefined) {
      throw new Error(`Microsoft Graph in this tenant has no application permission ${permission}`);
    }
    return id;
  });
}
