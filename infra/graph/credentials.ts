/**
 * Turns a credential plan into an @azure/identity credential. The SDK is `require`d inside the
 * function so that a serialized dynamic provider loads it in whichever process runs it.
 * Secrets are read once, when the credential is built: credentialCache.ts keys the shared
 * credential by their hash, so a credential must keep signing in with the values it was keyed by.
 */
import type { TokenCredential } from "@azure/identity";
import type { CredentialPlan, GraphConnection } from "./connection";
import { githubActionsIdToken } from "./githubActionsToken";

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
      const token = plan.oidcToken.read();
      return new identity.ClientAssertionCredential(
        plan.tenantId,
        plan.clientId,
        () => Promise.resolve(token),
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
      const requestUrl = plan.requestUrl;
      const requestToken = plan.requestToken.read();
      // GitHub's id tokens live minutes: reused until shortly before they expire, then fetched again.
      return new identity.ClientAssertionCredential(
        plan.tenantId,
        plan.clientId,
        () => githubActionsIdToken(requestUrl, requestToken),
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
