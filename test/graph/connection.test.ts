import { strict as assert } from "node:assert";
import {
  isGraphConnectionError,
  resolveConnection,
  type GraphConnection,
  type GraphConnectionError,
} from "../../infra/graph/connection";

const TENANT = "11111111-1111-1111-1111-111111111111";
const CLIENT = "22222222-2222-2222-2222-222222222222";
const SECRET = "s3cr3t-Value~with.chars";
const OIDC_TOKEN = "eyJhbGciOi.oidc-token-value.sig";
const REQUEST_TOKEN = "gh-request-token-value";

function resolve(env: Record<string, string>, config: Record<string, string> = {}): GraphConnection {
  return resolveConnection({ env, config });
}

function connectionError(
  env: Record<string, string>,
  config: Record<string, string> = {},
): GraphConnectionError {
  try {
    resolve(env, config);
  } catch (error) {
    assert.ok(isGraphConnectionError(error), `expected GraphConnectionError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected resolveConnection to throw");
}

describe("resolveConnection: cloud, endpoints and scope", () => {
  it("defaults to the public cloud with Graph's and Entra's global hosts", () => {
    const connection = resolve({});
    assert.equal(connection.cloud, "public");
    assert.equal(connection.graphEndpoint, "https://graph.microsoft.com");
    assert.equal(connection.authorityHost, "https://login.microsoftonline.com");
    assert.equal(connection.scope, "https://graph.microsoft.com/.default");
    assert.equal(connection.graphHost, "graph.microsoft.com");
    assert.equal(connection.disableInstanceDiscovery, false);
  });

  const clouds: Array<[string, string, string, string]> = [
    ["public", "public", "https://graph.microsoft.com", "https://login.microsoftonline.com"],
    ["global", "public", "https://graph.microsoft.com", "https://login.microsoftonline.com"],
    ["usgovernment", "usgovernment", "https://graph.microsoft.us", "https://login.microsoftonline.us"],
    ["usgovernmentl4", "usgovernment", "https://graph.microsoft.us", "https://login.microsoftonline.us"],
    [
      "usgovernmentl5",
      "usgovernmentl5",
      "https://dod-graph.microsoft.us",
      "https://login.microsoftonline.us",
    ],
    ["dod", "usgovernmentl5", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us"],
    ["China", "china", "https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn"],
  ];
  for (const [name, cloud, graph, authority] of clouds) {
    it(`maps ARM_ENVIRONMENT=${name} to ${graph} and ${authority}`, () => {
      const connection = resolve({ ARM_ENVIRONMENT: name });
      assert.equal(connection.cloud, cloud);
      assert.equal(connection.graphEndpoint, graph);
      assert.equal(connection.authorityHost, authority);
      assert.equal(connection.scope, `${graph}/.default`);
      assert.equal(connection.disableInstanceDiscovery, false);
    });
  }

  it("rejects an unknown ARM_ENVIRONMENT naming the accepted values", () => {
    const error = connectionError({ ARM_ENVIRONMENT: "germany" });
    assert.match(
      error.message,
      /ARM_ENVIRONMENT must be one of public, global, usgovernment, usgovernmentl4, usgovernmentl5, dod, china, found "germany"\./,
    );
  });

  it("lets GRAPH_ENDPOINT and AZURE_AUTHORITY_HOST override the cloud's hosts and scopes tokens to the endpoint", () => {
    const connection = resolve({
      GRAPH_ENDPOINT: "https://127.0.0.1:8443/",
      AZURE_AUTHORITY_HOST: "https://127.0.0.1:8443",
    });
    assert.equal(connection.graphEndpoint, "https://127.0.0.1:8443");
    assert.equal(connection.graphHost, "127.0.0.1");
    assert.equal(connection.authorityHost, "https://127.0.0.1:8443");
    assert.equal(connection.scope, "https://127.0.0.1:8443/.default");
    assert.equal(connection.disableInstanceDiscovery, true);
  });

  it("keeps instance discovery on for a known Microsoft login host given in AZURE_AUTHORITY_HOST", () => {
    const connection = resolve({ AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us" });
    assert.equal(connection.disableInstanceDiscovery, false);
  });

  it("rejects an http GRAPH_ENDPOINT and a GRAPH_ENDPOINT with a path, in one error", () => {
    const error = connectionError({
      GRAPH_ENDPOINT: "http://localhost:8080",
      AZURE_AUTHORITY_HOST: "https://proxy.example.com/login",
    });
    assert.match(
      error.message,
      /GRAPH_ENDPOINT must be an https:\/\/ URL .*found "http:\/\/localhost:8080"\./,
    );
    assert.match(
      error.message,
      /AZURE_AUTHORITY_HOST must be a scheme and host only \(no path or query\), found "https:\/\/proxy\.example\.com\/login"\./,
    );
    assert.equal(error.problems.length, 2);
  });
});

describe("resolveConnection: credential selection", () => {
  it("chooses a client secret when ARM_CLIENT_SECRET is set, keeping the secret out of the result", () => {
    const connection = resolve({ ARM_TENANT_ID: TENANT, ARM_CLIENT_ID: CLIENT, ARM_CLIENT_SECRET: SECRET });
    assert.equal(connection.credential.kind, "clientSecret");
    assert.ok(connection.credential.kind === "clientSecret");
    assert.equal(connection.credential.tenantId, TENANT);
    assert.equal(connection.credential.clientId, CLIENT);
    assert.equal(connection.credential.clientSecret.name, "ARM_CLIENT_SECRET");
    assert.equal(connection.credential.clientSecret.read(), SECRET);
    assert.ok(!JSON.stringify(connection).includes(SECRET), "secret must not serialize");
  });

  it("chooses an OIDC token from ARM_OIDC_TOKEN before a token file or GitHub Actions", () => {
    const connection = resolve({
      ARM_USE_OIDC: "true",
      ARM_TENANT_ID: TENANT,
      ARM_CLIENT_ID: CLIENT,
      ARM_OIDC_TOKEN: OIDC_TOKEN,
      ARM_OIDC_TOKEN_FILE_PATH: "/tmp/token",
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/x",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
    });
    assert.equal(connection.credential.kind, "oidcToken");
    assert.ok(!JSON.stringify(connection).includes(OIDC_TOKEN));
  });

  it("chooses the OIDC token file when ARM_OIDC_TOKEN_FILE_PATH is set", () => {
    const connection = resolve({
      ARM_USE_OIDC: "TRUE",
      ARM_TENANT_ID: TENANT,
      ARM_CLIENT_ID: CLIENT,
      ARM_OIDC_TOKEN_FILE_PATH: "/var/run/token",
    });
    assert.deepEqual(connection.credential, {
      kind: "oidcTokenFile",
      tenantId: TENANT,
      clientId: CLIENT,
      tokenFilePath: "/var/run/token",
    });
  });

  it("chooses GitHub Actions' id-token service when only its request URL and token are present", () => {
    const connection = resolve({
      ARM_USE_OIDC: "1",
      ARM_TENANT_ID: TENANT,
      ARM_CLIENT_ID: CLIENT,
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/x?api-version=2.0",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
    });
    assert.ok(connection.credential.kind === "githubActionsOidc");
    assert.equal(connection.credential.requestUrl, "https://token.actions.example/x?api-version=2.0");
    assert.equal(connection.credential.requestToken.name, "ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    assert.ok(!JSON.stringify(connection).includes(REQUEST_TOKEN));
  });

  it("chooses workload identity for AZURE_FEDERATED_TOKEN_FILE with AZURE_CLIENT_ID and AZURE_TENANT_ID", () => {
    const connection = resolve({
      ARM_USE_OIDC: "true",
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: CLIENT,
      AZURE_FEDERATED_TOKEN_FILE: "/var/run/secrets/azure/tokens/azure-identity-token",
    });
    assert.deepEqual(connection.credential, {
      kind: "workloadIdentity",
      tenantId: TENANT,
      clientId: CLIENT,
      tokenFilePath: "/var/run/secrets/azure/tokens/azure-identity-token",
    });
  });

  it("chooses a managed identity for ARM_USE_MSI, user-assigned when ARM_CLIENT_ID is set", () => {
    assert.deepEqual(resolve({ ARM_USE_MSI: "true" }).credential, {
      kind: "managedIdentity",
      clientId: undefined,
    });
    assert.deepEqual(resolve({ ARM_USE_MSI: "true", ARM_CLIENT_ID: CLIENT }).credential, {
      kind: "managedIdentity",
      clientId: CLIENT,
    });
  });

  it("chooses the Azure CLI for ARM_USE_CLI", () => {
    assert.deepEqual(resolve({ ARM_USE_CLI: "true", ARM_TENANT_ID: TENANT }).credential, {
      kind: "azureCli",
      tenantId: TENANT,
    });
  });

  it("falls back to DefaultAzureCredential when nothing is set, or only false flags", () => {
    assert.deepEqual(resolve({}).credential, {
      kind: "defaultChain",
      tenantId: undefined,
      clientId: undefined,
    });
    assert.equal(resolve({ ARM_USE_CLI: "false", ARM_USE_MSI: "0" }).credential.kind, "defaultChain");
  });

  it("ignores empty values as if unset", () => {
    assert.equal(resolve({ ARM_CLIENT_SECRET: "", ARM_USE_MSI: " " }).credential.kind, "defaultChain");
  });
});

describe("resolveConnection: azuread stack config", () => {
  it("reads every setting from the azuread: config when the environment has none", () => {
    const connection = resolve(
      {},
      { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, environment: "usgovernment" },
    );
    assert.equal(connection.cloud, "usgovernment");
    assert.ok(connection.credential.kind === "clientSecret");
    assert.equal(connection.credential.clientSecret.name, "azuread:clientSecret");
    assert.equal(connection.credential.clientSecret.read(), SECRET);
  });

  it("lets the azuread: config win over the environment, key by key", () => {
    const connection = resolve(
      {
        ARM_TENANT_ID: "env-tenant",
        ARM_CLIENT_ID: "env-client",
        ARM_CLIENT_SECRET: "env-secret",
        ARM_ENVIRONMENT: "china",
      },
      { clientId: CLIENT, environment: "public" },
    );
    assert.equal(connection.cloud, "public");
    assert.ok(connection.credential.kind === "clientSecret");
    assert.equal(connection.credential.clientId, CLIENT);
    assert.equal(connection.credential.tenantId, "env-tenant");
    assert.equal(connection.credential.clientSecret.read(), "env-secret");
  });

  it("honours useOidc, oidcToken and oidcTokenFilePath from the config", () => {
    const connection = resolve(
      {},
      { useOidc: "true", tenantId: TENANT, clientId: CLIENT, oidcTokenFilePath: "/tmp/oidc" },
    );
    assert.equal(connection.credential.kind, "oidcTokenFile");
    const withToken = resolve(
      {},
      { useOidc: "true", tenantId: TENANT, clientId: CLIENT, oidcToken: OIDC_TOKEN },
    );
    assert.ok(withToken.credential.kind === "oidcToken");
    assert.equal(withToken.credential.oidcToken.name, "azuread:oidcToken");
  });

  it("honours useMsi and useCli from the config", () => {
    assert.equal(resolve({}, { useMsi: "true" }).credential.kind, "managedIdentity");
    assert.equal(resolve({}, { useCli: "true" }).credential.kind, "azureCli");
  });
});

describe("resolveConnection: missing and contradictory settings", () => {
  it("lists every way to sign in that is set when more than one is, naming settings but no secret values", () => {
    const error = connectionError({
      ARM_TENANT_ID: TENANT,
      ARM_CLIENT_ID: CLIENT,
      ARM_CLIENT_SECRET: SECRET,
      ARM_USE_MSI: "true",
      ARM_USE_OIDC: "true",
      ARM_OIDC_TOKEN: OIDC_TOKEN,
    });
    assert.equal(
      error.message.split("\n").slice(0, 3).join("\n"),
      [
        "Cannot connect to Microsoft Graph: the connection settings are incomplete or contradictory.",
        "  - More than one way to sign in is set: a client secret (ARM_CLIENT_SECRET), OIDC (useOidc), a managed identity (useMsi). Keep exactly one.",
        `Found: ARM_TENANT_ID=${TENANT}, ARM_CLIENT_ID=${CLIENT}, ARM_CLIENT_SECRET, ARM_USE_OIDC=true, ARM_USE_MSI=true.`,
      ].join("\n"),
    );
    assert.match(
      error.message,
      /Set exactly one way to sign in: a client secret \(ARM_TENANT_ID, ARM_CLIENT_ID, ARM_CLIENT_SECRET\)/,
    );
    assert.ok(!error.message.includes(SECRET));
    assert.ok(!error.message.includes(OIDC_TOKEN));
  });

  it("reports a config secret together with an environment MSI flag as contradictory", () => {
    const error = connectionError(
      { ARM_USE_MSI: "true" },
      { clientSecret: SECRET, tenantId: TENANT, clientId: CLIENT },
    );
    assert.match(error.message, /a client secret \(azuread:clientSecret\), a managed identity \(useMsi\)/);
    assert.ok(!error.message.includes(SECRET));
  });

  it("names the missing tenant and client ids for a client secret", () => {
    const error = connectionError({ ARM_CLIENT_SECRET: SECRET });
    assert.deepEqual(error.problems, [
      "A client secret (ARM_CLIENT_SECRET) needs ARM_TENANT_ID (or azuread:tenantId).",
      "A client secret (ARM_CLIENT_SECRET) needs ARM_CLIENT_ID (or azuread:clientId).",
    ]);
    assert.deepEqual(error.found, ["ARM_CLIENT_SECRET"]);
    assert.ok(!error.message.includes(SECRET));
  });

  it("says OIDC needs a token source, and GitHub's request URL needs its request token", () => {
    const noToken = connectionError({ ARM_USE_OIDC: "true", ARM_TENANT_ID: TENANT, ARM_CLIENT_ID: CLIENT });
    assert.deepEqual(noToken.problems, [
      "OIDC (useOidc) needs a token: ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH, GitHub Actions' ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN (grant the job `id-token: write`), or AZURE_FEDERATED_TOKEN_FILE.",
    ]);
    const noRequestToken = connectionError({
      ARM_USE_OIDC: "true",
      ARM_TENANT_ID: TENANT,
      ARM_CLIENT_ID: CLIENT,
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/x",
    });
    assert.deepEqual(noRequestToken.problems, [
      "OIDC through ACTIONS_ID_TOKEN_REQUEST_URL also needs ARM_OIDC_REQUEST_TOKEN or ACTIONS_ID_TOKEN_REQUEST_TOKEN.",
    ]);
  });

  it("rejects a flag that is not true or false, together with other problems", () => {
    const error = connectionError({ ARM_USE_MSI: "yes", ARM_ENVIRONMENT: "mars" });
    assert.deepEqual(error.problems, [
      'ARM_ENVIRONMENT must be one of public, global, usgovernment, usgovernmentl4, usgovernmentl5, dod, china, found "mars".',
      'ARM_USE_MSI must be true or false, found "yes".',
    ]);
  });
});
