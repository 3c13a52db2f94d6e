/**
 * Pulumi mocks for the bootstrap: records every resource (type, name, inputs, dependencies) and
 * answers the two data sources the program calls.
 *
 * Shapes: under `setMocks` newResource gets the program's raw inputs and must return the outputs
 * the program reads. A user-assigned identity returns `principalId`, `clientId` and `tenantId`
 * (azure-native `managedidentity/userAssignedIdentity.d.ts`); `azuread.getServicePrincipal`
 * returns `objectId` and `appRoleIds`, a map of permission name to app role id (NPM
 * `getServicePrincipal.d.ts`); azure-native's `getClientConfig` returns `tenantId`,
 * `subscriptionId`, `clientId`, `objectId` (`authorization/getClientConfig.d.ts`). Ids here are
 * derived from names, not real ones.
 */
import * as pulumi from "@pulumi/pulumi";

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  dependsOn: string[];
}

export const TENANT_ID = "11111111-2222-3333-4444-555555555555";
export const GRAPH_SP_OBJECT_ID = "99999999-0000-0000-0000-000000000001";

/** Every Microsoft Graph application permission a stack can need, as the tenant's Graph SP lists them. */
export const GRAPH_PERMISSIONS = [
  "Policy.Read.All",
  "Policy.ReadWrite.AuthenticationMethod",
  "Policy.ReadWrite.ConditionalAccess",
  "DeviceManagementConfiguration.Read.All",
  "DeviceManagementConfiguration.ReadWrite.All",
  "DeviceManagementServiceConfig.Read.All",
  "Group.Read.All",
  "Group.ReadWrite.All",
  "GroupMember.Read.All",
  "User.Read.All",
  "RoleManagement.Read.Directory",
];

export function appRoleId(permission: string): string {
  let hash = 0;
  for (const char of permission) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${hash.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
}

interface RuntimeSettings {
  getMonitor():
    | { registerResource(request: RegistrationRequest, callback: (...args: unknown[]) => void): unknown }
    | undefined;
  waitForRPCs(): Promise<void>;
}
interface RegistrationRequest {
  getName(): string;
  getDependenciesList(): string[];
}
const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as RuntimeSettings;

export interface MockCloud {
  resources: RecordedResource[];
  /** Resolves once every registration has been answered. */
  settle(): Promise<void>;
}

export async function installMocks(
  options: { graphPermissions?: readonly string[] } = {},
): Promise<MockCloud> {
  const resources: RecordedResource[] = [];
  const dependencies = new Map<string, string[]>();
  const permissions = options.graphPermissions ?? GRAPH_PERMISSIONS;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        resources.push({
          type: args.type,
          name: args.name,
          inputs,
          dependsOn: dependencies.get(args.name) ?? [],
        });
        const state: Record<string, unknown> = { ...inputs };
        if (args.type === "azure-native:managedidentity:UserAssignedIdentity") {
          Object.assign(state, {
            name: inputs.resourceName,
            principalId: `principal-of-${args.name}`,
            clientId: `client-of-${args.name}`,
            tenantId: TENANT_ID,
          });
        }
        if (args.type === "azure-native:storage:StorageAccount") state.name = `${args.name}0a1b2c3d`;
        if (args.type === "azure-native:storage:BlobContainer") state.name = inputs.containerName;
        if (args.type === "azure-native:keyvault:Vault") state.name = `${args.name}-4e5f6a7b`;
        if (args.type === "azure-native:keyvault:Key") state.name = inputs.keyName;
        if (args.type === "azure-native:resources:ResourceGroup") state.name = inputs.resourceGroupName;
        return { id: `/mock/${args.type}/${args.name}`, state };
      },
      call(args) {
        if (args.token === "azuread:index/getServicePrincipal:getServicePrincipal") {
          return {
            id: `/servicePrincipals/${GRAPH_SP_OBJECT_ID}`,
            objectId: GRAPH_SP_OBJECT_ID,
            clientId: (args.inputs as { clientId?: string }).clientId,
            displayName: "Microsoft Graph",
            appRoleIds: Object.fromEntries(
              permissions.map((permission) => [permission, appRoleId(permission)]),
            ),
          };
        }
        if (args.token === "azure-native:authorization:getClientConfig") {
          return { tenantId: TENANT_ID, subscriptionId: "sub", clientId: "cli", objectId: "obj" };
        }
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    "passwordless-onboarding-bootstrap",
    "contoso",
    false,
  );
  const monitor = runtimeSettings.getMonitor();
  if (monitor === undefined) throw new Error("Pulumi mock monitor is not installed");
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    dependencies.set(
      request.getName(),
      request.getDependenciesList().map((urn) => urn.split("::").pop() ?? urn),
    );
    return register(request, callback);
  };
  return { resources, settle: () => runtimeSettings.waitForRPCs() };
}

/** Awaits an Output's value (or a plain value). */
export function valueOf<T>(value: pulumi.Input<T> | undefined): Promise<T | undefined> {
  return pulumi.Output.isInstance(value)
    ? (value as unknown as { promise(): Promise<T> }).promise()
    : Promise.resolve(value as T | undefined);
}
