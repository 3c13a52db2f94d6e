/**
 * The Graph identity: the same settings as the program (the `azuread:` keys of the stack file,
 * then the ARM_* environment; infra/graph resolveConnection), required to name a way to sign in.
 * The program may fall back to DefaultAzureCredential; an export with no identity settings at all
 * stops instead, saying which variables or keys to set (exit 2).
 */
import {
  isGraphConnectionError,
  resolveConnection,
  type GraphConnection,
} from "../../infra/graph/connection";
import type { ExistingStackFile } from "./stackFile";

export class IdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IdentityError";
  }
}

/** Variables @azure/identity's DefaultAzureCredential signs in with by itself. */
const AMBIENT_IDENTITY = [
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PATH",
  "AZURE_FEDERATED_TOKEN_FILE",
  "AZURE_USERNAME",
  "IDENTITY_ENDPOINT",
  "MSI_ENDPOINT",
];

const HOW =
  "set ARM_TENANT_ID, ARM_CLIENT_ID and one of ARM_CLIENT_SECRET, ARM_USE_OIDC=true (with ARM_OIDC_TOKEN or " +
  "ARM_OIDC_TOKEN_FILE_PATH), ARM_USE_MSI=true or ARM_USE_CLI=true (or the same keys under azuread: in";

function encryptedHint(stackFile: ExistingStackFile, fileName: string): string {
  if (stackFile.encryptedAzureadKeys.length === 0) return "";
  return (
    ` (${stackFile.encryptedAzureadKeys.join(", ")} in ${fileName} ${stackFile.encryptedAzureadKeys.length === 1 ? "is" : "are"} ` +
    "encrypted and cannot be read here: set the ARM_* variable instead)"
  );
}

export function resolveIdentity(
  env: Record<string, string | undefined>,
  stackFile: ExistingStackFile,
  fileName: string,
): GraphConnection {
  let connection: GraphConnection;
  try {
    connection = resolveConnection({ env, config: stackFile.azureadConfig });
  } catch (error) {
    if (!isGraphConnectionError(error)) throw error;
    throw new IdentityError(
      `cannot sign in to Microsoft Graph: ${error.problems.join(" ")}${encryptedHint(stackFile, fileName)}`,
    );
  }
  const plan = connection.credential;
  const ambient = AMBIENT_IDENTITY.some((name) => (env[name] ?? "").trim() !== "");
  if (plan.kind === "defaultChain" && !ambient) {
    const missing = [
      plan.tenantId === undefined ? "ARM_TENANT_ID (or azuread:tenantId)" : undefined,
      plan.clientId === undefined ? "ARM_CLIENT_ID (or azuread:clientId)" : undefined,
      "a way to sign in (ARM_CLIENT_SECRET, ARM_USE_OIDC, ARM_USE_MSI or ARM_USE_CLI)",
    ].filter((item): item is string => item !== undefined);
    throw new IdentityError(
      `no Graph identity: missing ${missing.join(", ")}; ${HOW} ${fileName})${encryptedHint(stackFile, fileName)}`,
    );
  }
  return connection;
}

/** The tenant id to name in the header and report (never a secret). */
export function tenantIdOf(connection: GraphConnection, env: Record<string, string | undefined>): string {
  const plan = connection.credential;
  const fromPlan = "tenantId" in plan ? plan.tenantId : undefined;
  return fromPlan ?? env.AZURE_TENANT_ID ?? "unknown tenant";
}
