/**
 * RS256 access tokens shaped like Entra ID's app-only (client credentials) tokens for Graph:
 * `roles` carries the application permissions, `tid` the tenant, `appid` the client, and `oid`
 * and `sub` the object id of the client's service principal in the tenant (in an app-only
 * token both name the service principal, never the application: Microsoft identity platform
 * docs "Access token claims reference", `oid` and `sub`). Callers such as the azuread provider
 * read `oid` to know who they are (terraform-provider-azuread internal/clients/client.go:141).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  randomUUID,
  sign,
  verify,
} from "node:crypto";

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  azp: string;
  idtyp: "app";
  oid: string;
  sub: string;
  tid: string;
  roles: string[];
  uti: string;
  ver: "1.0";
}

export interface IssueTokenRequest {
  audience: string;
  tenantId: string;
  clientId: string;
  /** Object id of the client's service principal: the `oid` and `sub` claims. */
  objectId: string;
  roles: readonly string[];
  lifetimeSeconds: number;
  /** Seconds since the epoch; default now. */
  issuedAt?: number;
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

/** Signs and verifies the sandbox's access tokens with one RSA key. */
export class TokenSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** Key id in the JWT header and the JWKS document (a thumbprint of the public key). */
  readonly keyId: string;

  constructor(privateKeyPem: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
    const der = this.publicKey.export({ type: "spki", format: "der" });
    this.keyId = createHash("sha256").update(der).digest("base64url").slice(0, 27);
  }

  issue(request: IssueTokenRequest): { token: string; claims: AccessTokenClaims } {
    const now = request.issuedAt ?? Math.floor(Date.now() / 1000);
    const claims: AccessTokenClaims = {
      aud: request.audience,
      iss: `https://sts.windows.net/${request.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + request.lifetimeSeconds,
      appid: request.clientId,
      azp: request.clientId,
      idtyp: "app",
      oid: request.objectId,
      sub: request.objectId,
      tid: request.tenantId,
      roles: [...request.roles],
      uti: randomUUID(),
      ver: "1.0",
    };
    const header = { typ: "JWT", alg: "RS256", kid: this.keyId, x5t: this.keyId };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign("sha256", Buffer.from(signingInput), this.privateKey);
    return { token: `${signingInput}.${base64url(signature)}`, claims };
  }

  /**
   * Checks format, algorithm, signature and lifetime. Returns the claims, or the reason the
   * token is refused (worded like Graph's InvalidAuthenticationToken messages).
   */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): AccessTokenClaims | { refused: string } {
    const parts = token.split(".");
    if (parts.length !== 3) return { refused: "IDX14100: JWT is not well formed, there are no dots (.)." };
    const [headerPart, payloadPart, signaturePart] = parts;
    let header: unknown;
    let claims: unknown;
    try {
      header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8"));
      claims = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8"));
    } catch {
      return { refused: "IDX14102: Unable to decode the header or payload as Base64Url encoded JSON." };
    }
    if (!isRecord(header) || header.alg !== "RS256") {
      return { refused: "Access token validation failure. Invalid signing algorithm." };
    }
    const signatureValid = verify(
      "sha256",
      Buffer.from(`${headerPart}.${payloadPart}`),
      this.publicKey,
      Buffer.from(signaturePart, "base64url"),
    );
    if (!signatureValid) return { refused: "Access token validation failure. Invalid signature." };
    if (!isRecord(claims) || typeof claims.exp !== "number" || typeof claims.tid !== "string") {
      return { refused: "Access token validation failure. Missing claims." };
    }
    if (claims.exp <= nowSeconds) return { refused: "Lifetime validation failed, the token is expired." };
    if (typeof claims.nbf === "number" && claims.nbf > nowSeconds + 300) {
      return { refused: "Lifetime validation failed, the token is not yet valid." };
    }
    return claims as unknown as AccessTokenClaims;
  }

  /** The JSON Web Key Set published at the tenant's jwks_uri. */
  jwks(): { keys: Record<string, unknown>[] } {
    const jwk = this.publicKey.export({ format: "jwk" });
    return { keys: [{ kty: "RSA", use: "sig", kid: this.keyId, x5t: this.keyId, n: jwk.n, e: jwk.e }] };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
