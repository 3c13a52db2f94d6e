/** Everything the bootstrap stack declares, and its outputs. */
import * as authorization from "@pulumi/azure-native/authorization";
import { Provider } from "@pulumi/azure-native/provider";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { grantGraphPermissions, microsoftGraph } from "./appRoleAssignments";
import { deployerSubjects, readerSubjects } from "./githubOidc";
import { ghCommands, githubVariables } from "./githubVariables";
import { identityGrants } from "./graphGrants";
import { declareIdentity } from "./identities";
import type { MainStack } from "./mainStacks";
import type { BootstrapSettings } from "./settings";
import { declareSharedState } from "./sharedState";

export interface BootstrapOutputs {
  tenantId: pulumi.Output<string>;
  readerClientId: pulumi.Output<string>;
  deployerClientId: pulumi.Output<string>;
  readerPermissions: string[];
  deployerPermissions: string[];
  backendUrl?: pulumi.Output<string>;
  secretsProvider?: pulumi.Output<string>;
  /** The variables to set in GitHub, as `gh variable set` commands. */
  githubCommands: pulumi.Output<string[]>;
}

export function declareBootstrap(
  settings: BootstrapSettings,
  stacks: readonly MainStack[],
): BootstrapOutputs {
  const grants = identityGrants(stacks);
  const azure = new Provider("subscription", { subscriptionId: settings.subscriptionId });
  const opts: pulumi.CustomResourceOptions = { provider: azure };
  const tenantId = authorization.getClientConfigOutput({ provider: azure }).tenantId;
  const group = new resources.ResourceGroup(
    "ci",
    { resourceGroupName: settings.resourceGroupName, location: settings.location },
    opts,
  );
  const placement = { resourceGroupName: group.name, location: settings.location };
  const reader = declareIdentity(
    "reader",
    readerSubjects(settings.repository, settings.defaultBranch),
    placement,
    opts,
  );
  const deployer = declareIdentity(
    "deployer",
    deployerSubjects(settings.repository, settings.stacks),
    placement,
    opts,
  );
  const graph = microsoftGraph({});
  grantGraphPermissions("reader", reader.principalId, grants.reader, graph, {});
  grantGraphPermissions("deployer", deployer.principalId, grants.deployer, graph, {});
  const shared = settings.sharedState
    ? declareSharedState(
        { reader: reader.principalId, deployer: deployer.principalId },
        { subscriptionId: settings.subscriptionId, tenantId, ...placement },
        opts,
      )
    : undefined;
  const variables = pulumi
    .all([tenantId, reader.clientId, deployer.clientId, shared?.backendUrl])
    .apply(([tenant, readerClientId, deployerClientId, backendUrl]) =>
      githubVariables(settings.stacks, { tenantId: tenant, readerClientId, deployerClientId, backendUrl }),
    );
  return {
    tenantId,
    readerClientId: reader.clientId,
    deployerClientId: deployer.clientId,
    readerPermissions: grants.reader.map((grant) => grant.permission),
    deployerPermissions: grants.deployer.map((grant) => grant.permission),
    backendUrl: shared?.backendUrl,
    secretsProvider: shared?.secretsProvider,
    githubCommands: variables.apply((list) => ghCommands(settings.repository, list)),
  };
}
