/**
 * The application permissions the identity's access token carries: the `roles` claim of an
 * app-only Graph token (graph-facts-round2.md §4.1). Decoded without a signature check — Graph
 * tokens are opaque to clients, so this is a best-effort reading, and a newly granted permission
 * shows only in a newly issued token. The token itself is never printed or stored.
 */
import type { GraphConnection } from "../../infra/graph/connection";
import { sharedCredential } from "../../infra/graph/credentialCache";
import { credentialSecrets, redactSecrets } from "../../infra/graph/redact";

export interface TokenRoles {
  /** The `roles` claim; undefined when the token could not be decoded (encrypted, not a JWT). */
  roles?: string[];
  /** The `oid` claim: the service principal's object id (for messages). */
  objectId?: string;
  /** Why `roles` is undefined. */
  problem?: string;
}

/** The claims of a JWT (middle part), or undefined when it is not a readable JWT. */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function rolesOf(token: string): TokenRoles {
  const claims = decodeClaims(token);
  if (claims === undefined) return { problem: "the access token is not a readable JWT" };
  const objectId = typeof claims.oid === "string" ? claims.oid : undefined;
  if (claims.roles === undefined) return { roles: [], objectId };
  if (!Array.isArray(claims.roles) || claims.roles.some((role) => typeof role !== "string"))
    return { problem: "the access token's roles claim is not a list of names", objectId };
  return { roles: claims.roles as string[], objectId };
}

/**
 * Signs in with the program's identity (the same shared credential the Graph client uses, so one
 * token serves both) and reads the token's roles. Throws when no token can be had.
 */
export async function signInAndReadRoles(connection: GraphConnection): Promise<TokenRoles> {
  const credential = sharedCredential(connection);
  let token;
  try {
    token = await credential.getToken(connection.scope);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new Error(
      redactSecrets(
        `no token for ${connection.scope} from ${connection.authorityHost}: ${text}`,
        credentialSecrets(connection.credential),
      ),
      // The cause stays in memory for a debugger; only the redacted message is ever printed.
      { cause: error },
    );
  }
  if (!token) throw new Error(`no access token for ${connection.scope}`);
  return rolesOf(token.token);
}
