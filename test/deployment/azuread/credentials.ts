/**
 * The provider's identity: a client-credentials token from the Entra v2.0 token endpoint for
 * Microsoft Graph, taken once and reused until it is about to expire (the Go oauth2 token source
 * renews 10 s before expiry), and the caller's object id from the token's `oid` claim
 * (terraform-provider-azuread internal/clients/client.go:119-190 @38d1993a: the token is acquired
 * up front and `oid` read from it; only when `oid` is absent does the provider ask Graph).
 */

export interface CredentialOptions {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** The scope the provider requests for the public cloud's Microsoft Graph. */
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
const RENEW_BEFORE_EXPIRY_MS = 10_000;

export interface AccessToken {
  token: string;
  /** The caller's object id (`oid` claim): the service principal of the client. */
  objectId: string;
}

export class ClientCredentials {
  private cached?: { token: AccessToken; expiresAt: number };
  private pending?: Promise<AccessToken>;

  constructor(private readonly options: CredentialOptions) {}

  /** A valid token; requests a new one only when there is none or it is about to expire. */
  async token(): Promise<AccessToken> {
    if (this.cached && this.cached.expiresAt - RENEW_BEFORE_EXPIRY_MS > Date.now()) return this.cached.token;
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async request(): Promise<AccessToken> {
    const { authorityHost, tenantId, clientId, clientSecret } = this.options;
    const url = `${authorityHost.replace(/\/$/, "")}/${tenantId}/oauth2/v2.0/token`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_id: clientId,
          client_secret: clientSecret,
          grant_type: "client_credentials",
          scope: GRAPH_SCOPE,
        }).toString(),
      });
    } catch (error) {
      throw new Error(`unable to obtain access token: Post "${url}": ${causeText(error)}`, { cause: error });
    }
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(
        `unable to obtain access token: clientCredentialsToken: received HTTP status ${response.status} with response: ${text}`,
      );
    const body = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== "string")
      throw new Error(`unable to obtain access token: no access_token in response: ${text}`);
    const objectId = readObjectId(body.access_token);
    const token: AccessToken = { token: body.access_token, objectId };
    const lifetime = typeof body.expires_in === "number" ? body.expires_in : Number(body.expires_in ?? 0);
    this.cached = { token, expiresAt: Date.now() + lifetime * 1000 };
    return token;
  }
}

function readObjectId(jwt: string): string {
  let claims: { oid?: unknown };
  try {
    claims = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      oid?: unknown;
    };
  } catch (error) {
    throw new Error(`unable to parse claims in access token: ${causeText(error)}`, { cause: error });
  }
  if (typeof claims.oid !== "string" || claims.oid === "") {
    // The provider would now list /v1.0/servicePrincipals?$filter=appId eq '<clientId>'
    // (internal/clients/client.go:160-183); the emulation does not model that fallback.
    throw new Error(
      "azuread emulation: the access token has no `oid` claim; the provider's fallback lookup of the caller is not emulated",
    );
  }
  return claims.oid;
}

/** The message of an error, including a fetch failure's underlying cause. */
export function causeText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) return cause.message;
    return error.message;
  }
  return String(error);
}
