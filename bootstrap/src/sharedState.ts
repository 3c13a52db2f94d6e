/**
 * Optional shared state for the main stacks: a blob container for the `azblob://` backend and a Key
 * Vault key for the `azurekeyvault://` secrets provider, each usable by both identities through
 * Azure RBAC, so no workflow needs a storage key or a passphrase.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";

/**
 * Built-in role definition ids, the same in every Azure tenant
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles):
 * Storage Blob Data Contributor reads and writes blobs (state and its lock); Key Vault Crypto User
 * encrypts and decrypts with a key (the secrets provider's only use of it).
 */
export const STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
export const KEY_VAULT_CRYPTO_USER = "12338af0-0e69-4776-bea7-57ae8d297424";

export const STATE_CONTAINER = "pulumi-state";
export const SECRETS_KEY = "pulumi-secrets";

export interface SharedState {
  backendUrl: pulumi.Output<string>;
  secretsProvider: pulumi.Output<string>;
}

export interface SharedStatePlacement {
  subscriptionId: string;
  tenantId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  location: string;
}

export function declareSharedState(
  principals: Record<"reader" | "deployer", pulumi.Output<string>>,
  placement: SharedStatePlacement,
  opts: pulumi.CustomResourceOptions,
): SharedState {
  const { resourceGroupName, location } = placement;
  const account = new storage.StorageAccount(
    "state",
    {
      resourceGroupName,
      location,
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
      allowBlobPublicAccess: false,
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
    },
    opts,
  );
  const container = new storage.BlobContainer(
    "state",
    { resourceGroupName, accountName: account.name, containerName: STATE_CONTAINER, publicAccess: "None" },
    opts,
  );
  const vault = new keyvault.Vault(
    "secrets",
    {
      resourceGroupName,
      location,
      properties: {
        tenantId: placement.tenantId,
        sku: { family: "A", name: "standard" },
        enableRbacAuthorization: true,
      },
    },
    opts,
  );
  const key = new keyvault.Key(
    "secrets",
    {
      resourceGroupName,
      vaultName: vault.name,
      keyName: SECRETS_KEY,
      properties: { kty: "RSA", keySize: 2048, keyOps: ["encrypt", "decrypt"] },
    },
    opts,
  );
  const roleDefinition = (id: string) =>
    `/subscriptions/${placement.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
  for (const [role, principalId] of Object.entries(principals)) {
    new authorization.RoleAssignment(
      `${role}-state`,
      {
        principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: roleDefinition(STORAGE_BLOB_DATA_CONTRIBUTOR),
        scope: container.id,
      },
      opts,
    );
    new authorization.RoleAssignment(
      `${role}-secrets`,
      {
        principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: roleDefinition(KEY_VAULT_CRYPTO_USER),
        scope: vault.id,
      },
      opts,
    );
  }
  return {
    backendUrl: pulumi.interpolate`azblob://${container.name}?storage_account=${account.name}`,
    secretsProvider: pulumi.interpolate`azurekeyvault://${vault.name}.vault.azure.net/keys/${key.name}`,
  };
}
