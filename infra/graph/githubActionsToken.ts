/** Fetches a GitHub Actions OIDC id token for Entra workload identity federation. */

/** The audience Entra ID expects in a federated credential's token. */
export const ENTRA_FEDERATION_AUDIENCE = "api://AzureADTokenExchange";

/**
 * Asks the GitHub Actions token service for an id token. Called on every Entra token request,
 * because the id token expires within minutes and a long `pulumi up` outlives it.
 * The request token is sent as a bearer header and never appears in an error.
 */
export async function fetchGitHubActionsIdToken(requestUrl: string, requestToken: string): Promise<string> {
  const url = new URL(requestUrl);
  url.searchParams.set("audience", ENTRA_FEDERATION_AUDIENCE);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `bearer ${requestToken}`, Accept: "application/json" },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not reach the GitHub Actions OIDC token service at ${url.host}: ${reason}`, {
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `The GitHub Actions OIDC token service answered ${response.status} ${response.statusText}; ` +
        "check that the job has `permissions: id-token: write`.",
    );
  }
  let value: unknown;
  try {
    value = (JSON.parse(text) as { value?: unknown }).value;
  } catch {
    value = undefined;
  }
  if (typeof value !== "string" || value === "") {
    throw new Error("The GitHub Actions OIDC token service answered without a token in `value`.");
  }
  return value;
}
