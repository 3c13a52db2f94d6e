import { strict as assert } from "node:assert";
import * as identity from "@azure/identity";
import { resolveConnection } from "../../infra/graph/connection";
import { commonCredentialOptions, createCredential } from "../../infra/graph/credentials";

const TENANT = "11111111-1111-1111-1111-111111111111";
const CLIENT = "22222222-2222-2222-2222-222222222222";

type CredentialClass = abstract new (...args: never[]) => unknown;

function credentialFor(env: Record<string, string>, config: Record<string, string> = {}): unknown {
  return createCredential(resolveConnection({ env, config }));
}

const IDENTITY_CLASSES: CredentialClass[] = [
  identity.ClientSecretCredential,
  identity.ClientAssertionCredential,
  identity.WorkloadIdentityCredential,
  identity.ManagedIdentityCredential,
  identity.AzureCliCredential,
  identity.DefaultAzureCredential,
];

describe("createCredential: the client credentials grant for a secret or an OIDC assertion (no network)", () => {
  const cases: Array<[string, Record<string, string>]> = [
    ["ARM_CLIENT_SECRET", { ARM_TENANT_ID: TENANT, ARM_CLIENT_ID: CLIENT, ARM_CLIENT_SECRET: "secret" }],
    [
      "ARM_USE_OIDC + ARM_OIDC_TOKEN",
      { ARM_USE_OIDC: "true", ARM_TENANT_ID: TENANT, ARM_CLIENT_ID: CLIENT, ARM_OIDC_TOKEN: "jwt" },
    ],
    [
      "ARM_USE_OIDC + ARM_OIDC_TOKEN_FILE_PATH",
      {
        ARM_USE_OIDC: "true",
        ARM_TENANT_ID: TENANT,
        ARM_CLIENT_ID: CLIENT,
        ARM_OIDC_TOKEN_FILE_PATH: "/tmp/t",
      },
    ],
    [
      "ARM_USE_OIDC + GitHub Actions id-token service",
      {
        ARM_USE_OIDC: "true",
        ARM_TENANT_ID: TENANT,
        ARM_CLIENT_ID: CLIENT,
        ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/x",
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token",
      },
    ],
  ];
  for (const [settings, env] of cases) {
    it(`uses no @azure/identity credential for ${settings}`, () => {
      const credential = credentialFor(env) as { getToken?: unknown };
      assert.equal(typeof credential.getToken, "function");
      for (const identityClass of IDENTITY_CLASSES) assert.ok(!(credential instanceof identityClass));
    });
  }
});

describe("createCredential chooses the @azure/identity class for the other settings (no network)", () => {
  const cases: Array<[string, Record<string, string>, CredentialClass]> = [
    [
      "ARM_USE_OIDC + AZURE_FEDERATED_TOKEN_FILE",
      {
        ARM_USE_OIDC: "true",
        ARM_TENANT_ID: TENANT,
        ARM_CLIENT_ID: CLIENT,
        AZURE_FEDERATED_TOKEN_FILE: "/tmp/f",
      },
      identity.WorkloadIdentityCredential,
    ],
    ["ARM_USE_MSI", { ARM_USE_MSI: "true" }, identity.ManagedIdentityCredential],
    [
      "ARM_USE_MSI + ARM_CLIENT_ID",
      { ARM_USE_MSI: "true", ARM_CLIENT_ID: CLIENT },
      identity.ManagedIdentityCredential,
    ],
    ["ARM_USE_CLI", { ARM_USE_CLI: "true" }, identity.AzureCliCredential],
    ["nothing set", {}, identity.DefaultAzureCredential],
  ];
  for (const [settings, env, expected] of cases) {
    it(`builds ${expected.name} for ${settings}`, () => {
      const credential = credentialFor(env);
      assert.ok(credential instanceof expected, `got ${(credential as object).constructor.name}`);
    });
  }

  it("builds the same classes from the azuread: config keys", () => {
    assert.ok(credentialFor({}, { useMsi: "true" }) instanceof identity.ManagedIdentityCredential);
    assert.ok(credentialFor({}, { useCli: "true" }) instanceof identity.AzureCliCredential);
  });
});

describe("commonCredentialOptions", () => {
  it("passes the cloud's authority and leaves instance discovery on for Microsoft login hosts", () => {
    const connection = resolveConnection({ env: { ARM_ENVIRONMENT: "china" } });
    assert.deepEqual(commonCredentialOptions(connection), {
      authorityHost: "https://login.chinacloudapi.cn",
    });
  });

  it("turns instance discovery off for any other authority host", () => {
    const connection = resolveConnection({
      env: { AZURE_AUTHORITY_HOST: "https://login.proxy.example.com" },
    });
    assert.deepEqual(commonCredentialOptions(connection), {
      authorityHost: "https://login.proxy.example.com",
      disableInstanceDiscovery: true,
    });
  });
});
