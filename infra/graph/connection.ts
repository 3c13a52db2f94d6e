/**
 * Resolves how to reach Graph: which cloud, which Graph and login hosts, which tenant and
 * application, and which credential. Pure: reads only the settings it is given, no I/O.
 *
 * Every setting is read from the `azuread:` stack config first and the environment second,
 * as the azuread provider does (an explicit provider setting beats the environment default).
 * Secret values are never copied into the result: a credential plan holds a `SecretRef` whose
 * `read()` fetches the value only when the credential is built.
 */
import { ACCEPTED_CLOUD_NAMES, CLOUDS, Cloud, findCloud, isKnownLoginHost } from "./clouds";

export type SettingsSource = Record<string, string | undefined>;

/** A secret setting: its name (safe to show) and a way to read its value (never serialized). */
export interface SecretRef {
  readonly name: string;
  read(): string;
}

export type CredentialPlan =
  | { kind: "clientSecret"; tenantId: string; clientId: string; clientSecret: SecretRef }
  | { kind: "oidcToken"; tenantId: string; clientId: string; oidcToken: SecretRef }
  | { kind: "oidcTokenFile"; tenantId: string; clientId: string; tokenFilePath: string }
  | {
      kind: "githubActionsOidc";
      tenantId: string;
      clientId: string;
      requestUrl: string;
      requestToken: SecretRef;
    }
  | { kind: "workloadIdentity"; tenantId: string; clientId: string; tokenFilePath: string }
  | { kind: "managedIdentity"; clientId?: string }
  | { kind: "azureCli"; tenantId?: string }
  | { kind: "defaultChain"; tenantId?: string; clientId?: string };

export type CredentialKind = CredentialPlan["kind"];

export interface GraphConnection {
  cloud: Cloud["name"];
  /** Graph base URL without a trailing slash, e.g. `https://graph.microsoft.com`. */
  graphEndpoint: string;
  /** Host name of graphEndpoint (no port), for the Graph SDK's `customHosts`. */
  graphHost: string;
  /** Login authority host without a trailing slash. */
  authorityHost: string;
  /** True when the authority is not a Microsoft login host MSAL already knows. */
  disableInstanceDiscovery: boolean;
  /** Token scope: `<graphEndpoint>/.default`. */
  scope: string;
  credential: CredentialPlan;
}

/** The one error for missing or contradictory connection settings. Names settings, never values of secrets. */
export interface GraphConnectionError extends Error {
  readonly problems: readonly string[];
  readonly found: readonly string[];
}

/** A real Error named GraphConnectionError (no class: see graphRequestError in errors.ts). */
export function graphConnectionError(
  problems: readonly string[],
  found: readonly string[],
): GraphConnectionError {
  const message = [
    "Cannot connect to Microsoft Graph: the connection settings are incomplete or contradictory.",
    ...problems.map((problem) => `  - ${problem}`),
    `Found: ${found.length > 0 ? found.join(", ") : "no Graph connection settings"}.`,
    HOW_TO_CONNECT,
  ].join("\n");
  return Object.assign(new Error(message), { name: "GraphConnectionError", problems, found });
}

export function isGraphConnectionError(error: unknown): error is GraphConnectionError {
  if (!(error instanceof Error)) return false;
  const candidate = error as Partial<GraphConnectionError>;
  return Array.isArray(candidate.problems) && Array.isArray(candidate.found);
}

const HOW_TO_CONNECT =
  "Set exactly one way to sign in: a client secret (ARM_TENANT_ID, ARM_CLIENT_ID, ARM_CLIENT_SECRET); " +
  "OIDC (ARM_USE_OIDC=true, ARM_TENANT_ID, ARM_CLIENT_ID, and one of ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH, " +
  "GitHub Actions' id-token permission, or AZURE_FEDERATED_TOKEN_FILE); a managed identity (ARM_USE_MSI=true, " +
  "ARM_CLIENT_ID for a user-assigned one); or the Azure CLI (ARM_USE_CLI=true). With none of these, the " +
  "AZURE_* variables of @azure/identity's DefaultAzureCredential are used. The same settings under the " +
  "`azuread:` stack config (tenantId, clientId, clientSecret, useOidc, oidcToken, oidcTokenFilePath, useMsi, " +
  "useCli, environment) take precedence over the environment.";

interface Setting {
  value: string;
  /** Where it was read, e.g. `azuread:clientId` or `ARM_CLIENT_ID`. */
  name: string;
}

interface SettingsReader {
  readonly found: string[];
  readonly problems: string[];
  /** The first non-empty value among the config key and the environment variables, in that order. */
  read(configKey: string | undefined, envNames: readonly string[]): Setting | undefined;
  /** Reads a setting and records its name (with its value only when `showValue`) in `found`. */
  take(configKey: string | undefined, envNames: readonly string[], showValue?: boolean): Setting | undefined;
  secret(configKey: string | undefined, envNames: readonly string[]): SecretRef | undefined;
  flag(configKey: string, envNames: readonly string[]): boolean;
  httpsUrl(envName: string): string | undefined;
}

// Closures rather than a class: one function for Pulumi's serializer to capture instead of six.
function createSettingsReader(env: SettingsSource, config: SettingsSource): SettingsReader {
  const found: string[] = [];
  const problems: string[] = [];

  const read = (configKey: string | undefined, envNames: readonly string[]): Setting | undefined => {
    const candidates: Array<[string, string | undefined]> = [];
    if (configKey !== undefined) candidates.push([`azuread:${configKey}`, config[configKey]]);
    for (const name of envNames) candidates.push([name, env[name]]);
    for (const [name, raw] of candidates) {
      const value = raw?.trim();
      if (value !== undefined && value !== "") return { value, name };
    }
    return undefined;
  };

  const take = (
    configKey: string | undefined,
    envNames: readonly string[],
    showValue = false,
  ): Setting | undefined => {
    const setting = read(configKey, envNames);
    if (setting !== undefined) found.push(showValue ? `${setting.name}=${setting.value}` : setting.name);
    return setting;
  };

  const secret = (configKey: string | undefined, envNames: readonly string[]): SecretRef | undefined => {
    const setting = take(configKey, envNames);
    if (setting === undefined) return undefined;
    const { name } = setting;
    return { name, read: () => read(configKey, envNames)?.value ?? "" };
  };

  const flag = (configKey: string, envNames: readonly string[]): boolean => {
    const setting = take(configKey, envNames, true);
    if (setting === undefined) return false;
    const normalized = setting.value.toLowerCase();
    if (normalized === "true" || normalized === "1") return true;
    if (normalized === "false" || normalized === "0") return false;
    problems.push(`${setting.name} must be true or false, found "${setting.value}".`);
    return false;
  };

  const httpsUrl = (envName: string): string | undefined => {
    const setting = take(undefined, [envName], true);
    if (setting === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(setting.value);
    } catch {
      problems.push(`${envName} must be an https:// URL, found "${setting.value}".`);
      return undefined;
    }
    if (url.protocol !== "https:") {
      problems.push(
        `${envName} must be an https:// URL (the Graph SDK sends tokens only over https), found "${setting.value}".`,
      );
      return undefined;
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "") {
      problems.push(
        `${envName} must be a scheme and host only (no path or query), found "${setting.value}".`,
      );
      return undefined;
    }
    return `${url.protocol}//${url.host}`;
  };

  return { found, problems, read, take, secret, flag, httpsUrl };
}

const ENV = {
  tenantId: ["ARM_TENANT_ID", "AZURE_TENANT_ID"],
  clientId: ["ARM_CLIENT_ID", "AZURE_CLIENT_ID"],
  clientSecret: ["ARM_CLIENT_SECRET"],
  environment: ["ARM_ENVIRONMENT"],
  useOidc: ["ARM_USE_OIDC"],
  oidcToken: ["ARM_OIDC_TOKEN"],
  oidcTokenFilePath: ["ARM_OIDC_TOKEN_FILE_PATH"],
  oidcRequestUrl: ["ARM_OIDC_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_URL"],
  oidcRequestToken: ["ARM_OIDC_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
  federatedTokenFile: ["AZURE_FEDERATED_TOKEN_FILE"],
  useMsi: ["ARM_USE_MSI"],
  useCli: ["ARM_USE_CLI"],
} as const;

/**
 * Works out the whole connection, or throws one GraphConnectionError listing every problem.
 * `env` defaults to `process.env`; `config` is the `azuread:` stack config without its namespace.
 */
export function resolveConnection(
  options: { env?: SettingsSource; config?: SettingsSource } = {},
): GraphConnection {
  const settings = createSettingsReader(options.env ?? process.env, options.config ?? {});

  const environment = settings.take("environment", ENV.environment, true);
  let cloud: Cloud = CLOUDS.public;
  if (environment !== undefined) {
    const known = findCloud(environment.value);
    if (known === undefined) {
      settings.problems.push(
        `${environment.name} must be one of ${ACCEPTED_CLOUD_NAMES.join(", ")}, found "${environment.value}".`,
      );
    } else {
      cloud = known;
    }
  }
  const graphEndpoint = settings.httpsUrl("GRAPH_ENDPOINT") ?? cloud.graphEndpoint;
  const authorityHost = settings.httpsUrl("AZURE_AUTHORITY_HOST") ?? cloud.authorityHost;

  const credential = planCredential(settings);
  if (settings.problems.length > 0 || credential === undefined) {
    throw graphConnectionError(settings.problems, settings.found);
  }
  return {
    cloud: cloud.name,
    graphEndpoint,
    graphHost: new URL(graphEndpoint).hostname,
    authorityHost,
    disableInstanceDiscovery: !isKnownLoginHost(authorityHost),
    scope: `${graphEndpoint}/.default`,
    credential,
  };
}

function planCredential(settings: SettingsReader): CredentialPlan | undefined {
  const tenantId = settings.take("tenantId", ENV.tenantId, true);
  const clientId = settings.take("clientId", ENV.clientId, true);
  const clientSecret = settings.secret("clientSecret", ENV.clientSecret);
  const useOidc = settings.flag("useOidc", ENV.useOidc);
  const useMsi = settings.flag("useMsi", ENV.useMsi);
  const useCli = settings.flag("useCli", ENV.useCli);

  const chosen = [
    clientSecret && `a client secret (${clientSecret.name})`,
    useOidc && "OIDC (useOidc)",
    useMsi && "a managed identity (useMsi)",
    useCli && "the Azure CLI (useCli)",
  ].filter((choice): choice is string => typeof choice === "string");
  if (chosen.length > 1) {
    settings.problems.push(`More than one way to sign in is set: ${chosen.join(", ")}. Keep exactly one.`);
    return undefined;
  }

  const requireIds = (method: string): { tenantId: string; clientId: string } | undefined => {
    if (tenantId === undefined)
      settings.problems.push(`${method} needs ARM_TENANT_ID (or azuread:tenantId).`);
    if (clientId === undefined)
      settings.problems.push(`${method} needs ARM_CLIENT_ID (or azuread:clientId).`);
    return tenantId && clientId ? { tenantId: tenantId.value, clientId: clientId.value } : undefined;
  };

  if (clientSecret !== undefined) {
    const ids = requireIds(`A client secret (${clientSecret.name})`);
    return ids && { kind: "clientSecret", ...ids, clientSecret };
  }
  if (useOidc) return planOidc(settings, requireIds);
  if (useMsi) return { kind: "managedIdentity", clientId: clientId?.value };
  if (useCli) return { kind: "azureCli", tenantId: tenantId?.value };
  return { kind: "defaultChain", tenantId: tenantId?.value, clientId: clientId?.value };
}

function planOidc(
  settings: SettingsReader,
  requireIds: (method: string) => { tenantId: string; clientId: string } | undefined,
): CredentialPlan | undefined {
  const oidcToken = settings.secret("oidcToken", ENV.oidcToken);
  const tokenFile = oidcToken ? undefined : settings.take("oidcTokenFilePath", ENV.oidcTokenFilePath);
  const requestUrl = oidcToken || tokenFile ? undefined : settings.take(undefined, ENV.oidcRequestUrl);
  const requestToken = requestUrl ? settings.secret(undefined, ENV.oidcRequestToken) : undefined;
  const federatedFile =
    oidcToken || tokenFile || requestUrl ? undefined : settings.take(undefined, ENV.federatedTokenFile);

  const ids = requireIds("OIDC (useOidc)");
  if (requestUrl !== undefined && requestToken === undefined) {
    settings.problems.push(
      `OIDC through ${requestUrl.name} also needs ARM_OIDC_REQUEST_TOKEN or ACTIONS_ID_TOKEN_REQUEST_TOKEN.`,
    );
  }
  if (!oidcToken && !tokenFile && !requestUrl && !federatedFile) {
    settings.problems.push(
      "OIDC (useOidc) needs a token: ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH, GitHub Actions' " +
        "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN (grant the job `id-token: write`), " +
        "or AZURE_FEDERATED_TOKEN_FILE.",
    );
  }
  if (ids === undefined) return undefined;
  if (oidcToken) return { kind: "oidcToken", ...ids, oidcToken };
  if (tokenFile) return { kind: "oidcTokenFile", ...ids, tokenFilePath: tokenFile.value };
  if (requestUrl && requestToken) {
    return { kind: "githubActionsOidc", ...ids, requestUrl: requestUrl.value, requestToken };
  }
  if (federatedFile) return { kind: "workloadIdentity", ...ids, tokenFilePath: federatedFile.value };
  return undefined;
}
