/**
 * Turns a credential plan into a TokenCredential. A client secret and the OIDC assertions (a token,
 * a token file, GitHub Actions) use the client credentials grant directly (clientCredentials.ts);
 * workload identity, managed identity, the Azure CLI and the default chain use @azure/identity,
 * `require`d only for them.
 * Secrets are read once, when the credential is built: credentialCache.ts keys the shared
 * credential by their hash, so a credential must keep signing in with the values it was keyed by.
 */
import type { TokenCredential } from "@azure/identity";
import type { CredentialPlan, GraphConnection } from "./connection";
import { clientCredentialsCredential } from "./clientCredentials";
import { githubActionsIdToken } from "./githubActionsToken";
import type { ClientProof } from "./tokenEndpoint";

/** Options every Entra credential gets: the cloud's authority, and no instance discovery off Microsoft hosts. */
export function commonCredentialOptions(
  connection: Pick<GraphConnection, "authorityHost" | "disableInstanceDiscovery">,
): { authorityHost: string; disableInstanceDiscovery?: true } {
  // MSAL would otherwise ask login.microsoftonline.com about any authority it does not know.
  return connection.disableInstanceDiscovery
    ? { authorityHost: connection.authorityHost, disableInstanceDiscovery: true }
    : { authorityHost: connection.authorityHost };
}

export function createCredential(connection: GraphConnection): TokenCredential {
  const plan: CredentialPlan = connection.credential;
  const grant = (app: { tenantId: string; clientId: string }, proof: () => Promise<ClientProof>) =>
    clientCredentialsCredential({ authorityHost: connection.authorityHost, ...app, proof });

  switch (plan.kind) {
    case "clientSecret": {
      const secret = plan.clientSecret.read();
      return grant(plan, () => Promise.resolve({ secret }));
    }
    case "oidcToken": {
      const assertion = plan.oidcToken.read();
      return grant(plan, () => Promise.resolve({ assertion }));
    }
    case "oidcTokenFile": {
      const path = plan.tokenFilePath;
      // Re-read on every token request: CI systems rotate the file.
      return grant(plan, async () => ({ assertion: await readTokenFile(path) }));
    }
    case "githubActionsOidc": {
      const requestUrl = plan.requestUrl;
      const requestToken = plan.requestToken.read();
      // GitHub's id tokens live minutes: reused until shortly before they expire, then fetched again.
      return grant(plan, async () => ({ assertion: await githubActionsIdToken(requestUrl, requestToken) }));
    }
    default:
      return createIdentityCredential(connection, plan);
  }
}

/** The credentials that stay with @azure/identity: workload identity, managed identity, the CLI and its default chain. */
function createIdentityCredential(
  connection: GraphConnection,
  plan: Extract<
    CredentialPlan,
    { kind: "workloadIdentity" | "managedIdentity" | "azureCli" | "defaultChain" }
  >,
): TokenCredential {
  const identity = require("@azure/identity") as typeof import("@azure/identity");
  const common = commonCredentialOptions(connection);
  switch (plan.kind) {
    case "workloadIdentity":
      return new identity.WorkloadIdentityCredential({
        tenantId: plan.tenantId,
        clientId: plan.clientId,
        tokenFilePath: plan.tokenFilePath,
        ...common,
      });
    case "managedIdentity":
      return plan.clientId === undefined
        ? new identity.ManagedIdentityCredential()
        : new identity.ManagedIdentityCredential({ clientId: plan.clientId });
    case "azureCli":
      return new identity.AzureCliCredential(plan.tenantId === undefined ? {} : { tenantId: plan.tenantId });
    case "defaultChain":
      return new identity.DefaultAzureCredential({
        ...common,
        ...(plan.tenantId === undefined ? {} : { tenantId: plan.tenantId }),
      });
  }
}

async function readTokenFile(path: string): Promise<string> {
  const { readFile } = require("node:fs/promises") as typeof import("node:fs/promises");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new Error(`Cannot read the OIDC token file ARM_OIDC_TOKEN_FILE_PATH (${path}): ${reason}.`, {
      cause: error,
    });
  }
  const token = text.trim();
  if (token === "") throw new Error(`The OIDC token file ARM_OIDC_TOKEN_FILE_PATH (${path}) is empty.`);
  return token;
}
