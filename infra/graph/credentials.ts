/**
 * Turns a credential plan into an @azure/identity credential. The SDK is `require`d inside the
 * function so that a serialized dynamic provider loads it in whichever process runs it.
 */
import type { TokenCredential } from "@azure/identity";
import type { CredentialPlan, GraphConnection } from "./connection";
import { fetchGitHubActionsIdToken } from "./githubActionsToken";

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
  const identity = require("@azure/identity") as typeof import("@azure/identity");
  const common = commonCredentialOptions(connection);
  const plan: CredentialPlan = connection.credential;

  switch (plan.kind) {
    case "clientSecret":
      return new identity.ClientSecretCredential(
        plan.tenantId,
        plan.clientId,
        plan.clientSecret.read(),
        common,
      );
    case "oidcToken": {
      const token = plan.oidcToken;
      return new identity.ClientAssertionCredential(
        plan.tenantId,
        plan.clientId,
        () => Promise.resolve(token.read()),
        common,
      );
    }
    case "oidcTokenFile": {
      const path = plan.tokenFilePath;
      // Re-read on every token request: CI systems rotate the file.
      return new identity.ClientAssertionCredential(
        plan.tenantId,
        plan.clientId,
        () => readTokenFile(path),
        common,
      );
    }
    case "githubActionsOidc": {
      const { requestUrl, requestToken } = plan;
      // GitHub's id tokens are short-lived: ask for a fresh one on every token request.
      return new identity.ClientAssertionCredential(
        plan.tenantId,
        plan.clientId,
        () => fetchGitHubActionsIdToken(requestUrl, requestToken.read()),
        common,
      );
    }
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
