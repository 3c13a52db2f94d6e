/**
 * The optional `connection` input every Graph-backed dynamic resource accepts: the tenant (and
 * identity) to act on, for programs that manage several tenants. Without it a resource uses the
 * stack's own connection (the `azuread:` config and ARM_* variables), as before.
 *
 * It names, never holds, how to sign in: the same non-secret settings an `azuread.Provider` takes
 * (`tenantId`, `clientId`, `environment`, `useOidc`, `useMsi`, `useCli`, `oidcTokenFilePath`). A
 * client secret or OIDC token still comes from the environment (ARM_CLIENT_SECRET, GitHub's
 * ACTIONS_ID_TOKEN_REQUEST_*), so nothing secret becomes an input or lands in state. The stack's
 * own tenant, client and sign-in choice (azuread: config, ARM_TENANT_ID, ARM_CLIENT_ID,
 * ARM_USE_*) are ignored for such a resource: the connection decides them.
 */
import type { InputFailure } from "./inputFailures";

type Props = Record<string, unknown>;

export const CONNECTION = "connection";

export interface TenantConnection {
  /** The tenant's id (a GUID). */
  tenantId: string;
  /** The application (client) id to sign in as. */
  clientId?: string;
  /** The cloud, as azuread's `environment`: public (default), usgovernment, china. */
  environment?: string;
  useOidc?: boolean;
  useMsi?: boolean;
  useCli?: boolean;
  /** A file holding an OIDC token (not the token itself). */
  oidcTokenFilePath?: string;
}

const STRING_KEYS = ["tenantId", "clientId", "environment", "oidcTokenFilePath"] as const;
const FLAG_KEYS = ["useOidc", "useMsi", "useCli"] as const;
export const CONNECTION_KEYS: readonly string[] = [...STRING_KEYS, ...FLAG_KEYS];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Problems with a connection value, each naming `connection.<key>`; none when absent. */
export function checkConnection(news: Props): InputFailure[] {
  const value = news[CONNECTION];
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{ property: CONNECTION, reason: `expected an object with tenantId, found ${found(value)}` }];
  }
  const connection = value as Props;
  const failures: InputFailure[] = [];
  for (const key of Object.keys(connection)) {
    if (connection[key] === undefined || CONNECTION_KEYS.includes(key)) continue;
    const secret = /secret|token$|password|certificate/i.test(key);
    failures.push({
      property: `${CONNECTION}.${key}`,
      reason: secret
        ? "a secret is never an input (it would be stored in state): leave it in the environment (ARM_CLIENT_SECRET) or use OIDC, a managed identity or the Azure CLI"
        : `expected only ${CONNECTION_KEYS.join(", ")}, found ${key}`,
    });
  }
  for (const key of ["tenantId", "clientId"] as const) {
    const id = connection[key];
    if ((key === "tenantId" || id !== undefined) && (typeof id !== "string" || !GUID.test(id))) {
      failures.push({ property: `${CONNECTION}.${key}`, reason: `expected a GUID, found ${found(id)}` });
    }
  }
  for (const key of ["environment", "oidcTokenFilePath"] as const) {
    const text = connection[key];
    if (text !== undefined && (typeof text !== "string" || text.trim() === "")) {
      failures.push({
        property: `${CONNECTION}.${key}`,
        reason: `expected a non-empty string, found ${found(text)}`,
      });
    }
  }
  for (const key of FLAG_KEYS) {
    const flag = connection[key];
    if (flag !== undefined && typeof flag !== "boolean") {
      failures.push({
        property: `${CONNECTION}.${key}`,
        reason: `expected true or false, found ${found(flag)}`,
      });
    }
  }
  return failures;
}

function found(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** `{ connection }` with only its known keys when `props` holds one, else `{}`: spread into inputs or outputs. */
export function connectionOf(props: Props | undefined): { connection?: TenantConnection } {
  const value = props?.[CONNECTION];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const connection: Props = {};
  for (const key of CONNECTION_KEYS) {
    const item = (value as Props)[key];
    if (item !== undefined) connection[key] = item;
  }
  return { connection: connection as unknown as TenantConnection };
}

/**
 * `["connection"]` when the resource moves to another tenant: the old object stays where it is
 * and the new one is made in the other tenant, so it is a replacement. A connection added to a
 * resource that had none is taken to name the tenant it was made in (the stack's), so no change.
 */
export function connectionReplaces(olds: Props, news: Props): string[] {
  const before = connectionOf(olds).connection?.tenantId;
  const after = connectionOf(news).connection?.tenantId;
  return before !== undefined && before.toLowerCase() !== after?.toLowerCase() ? [CONNECTION] : [];
}

/** True when the stored connection differs from the program's in any setting. */
export function connectionChanged(olds: Props, news: Props): boolean {
  return JSON.stringify(connectionOf(olds)) !== JSON.stringify(connectionOf(news));
}

/** The connection as `azuread:`-style settings for resolveConnection (strings, flags as "true"/"false"). */
export function connectionSettings(connection: TenantConnection): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(connection)) {
    if (value !== undefined) settings[key] = String(value);
  }
  return settings;
}

/** Environment variables that choose the stack's tenant, identity or sign-in; a connection replaces them. */
export const STACK_IDENTITY_VARIABLES = [
  "ARM_TENANT_ID",
  "AZURE_TENANT_ID",
  "ARM_CLIENT_ID",
  "AZURE_CLIENT_ID",
  "ARM_ENVIRONMENT",
  "ARM_USE_OIDC",
  "ARM_USE_MSI",
  "ARM_USE_CLI",
  "ARM_OIDC_TOKEN_FILE_PATH",
];

/** The environment a connection signs in with: the process's, without the stack's identity choices. */
export function connectionEnvironment(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const result = { ...env };
  for (const name of STACK_IDENTITY_VARIABLES) delete result[name];
  return result;
}
