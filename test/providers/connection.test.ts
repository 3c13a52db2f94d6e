/**
 * A resource's own `connection` (infra/providers/connectionInput.ts) decides the tenant and
 * identity its provider signs in with, instead of the stack's ARM_* variables: proven against the
 * Graph sandbox, whose token endpoint answers only for its own tenant (`Tenant '<id>' not found`,
 * Entra's AADSTS90002 text) and only for its own application.
 */
import * as assert from "node:assert/strict";
import { TemporaryAccessPassPolicyProvider } from "../../infra/providers/temporaryAccessPassPolicy";
import { checkConnection, connectionReplaces } from "../../infra/providers/connectionInput";
import { DisplayNameGuardProvider } from "../../infra/providers/displayNameGuard";
import type { Sandbox } from "../sandbox";
import { useSandboxInEnvironment } from "./support/providerSuite";

const OTHER_TENANT = "0f0e0d0c-0b0a-4909-8807-060504030201";

describe("a Graph resource's own connection", () => {
  let sandbox: Sandbox;
  useSandboxInEnvironment((started) => (sandbox = started));
  const provider = new TemporaryAccessPassPolicyProvider({ retry: { maxRetries: 0 } });
  /** The tenants the sign-in requests named (`/<tenant>/...` paths of discovery and token requests). */
  const signInTenants = () => [
    ...new Set(
      sandbox.requests.filter((entry) => entry.kind !== "graph").map((entry) => entry.path.split("/")[1]),
    ),
  ];

  it("signs in to the connection's tenant and application, not the stack's", async () => {
    const saved = { tenant: process.env.ARM_TENANT_ID, client: process.env.ARM_CLIENT_ID };
    // The stack's variables name another tenant and app: a connection that names the sandbox's still works.
    process.env.ARM_TENANT_ID = OTHER_TENANT;
    process.env.ARM_CLIENT_ID = "11111111-1111-4111-8111-111111111111";
    try {
      const read = await provider.read("TemporaryAccessPass", {
        connection: { tenantId: sandbox.tenantId, clientId: sandbox.clientId },
      });
      assert.equal(read.props?.state, "disabled");
      assert.deepEqual((read.props as Record<string, unknown> | undefined)?.connection, {
        tenantId: sandbox.tenantId,
        clientId: sandbox.clientId,
      });
      const tokenRequests = sandbox.requests
        .filter((entry) => entry.kind !== "graph")
        .map((entry) => entry.path);
      assert.ok(
        tokenRequests.every((path) => path.startsWith(`/${sandbox.tenantId}/`)),
        tokenRequests.join("\n"),
      );
    } finally {
      process.env.ARM_TENANT_ID = saved.tenant;
      process.env.ARM_CLIENT_ID = saved.client;
    }
  });

  it("a connection naming another tenant is refused by that tenant's sign-in, with the stack's own tenant valid", async () => {
    await assert.rejects(
      provider.read("TemporaryAccessPass", {
        connection: { tenantId: OTHER_TENANT, clientId: sandbox.clientId },
      }),
      (error: Error) => {
        assert.match(error.message, /could not get a token .*\(client secret from ARM_CLIENT_SECRET\)/);
        assert.doesNotMatch(error.message, new RegExp(sandbox.clientSecret));
        return true;
      },
    );
    assert.deepEqual(
      signInTenants(),
      [OTHER_TENANT],
      "MSAL asked the other tenant's endpoints, which refused",
    );
    assert.deepEqual(sandbox.graphRequests(), [], "nothing reached Graph");
  });

  it("the display-name guard looks in the connection's tenant", async () => {
    const guard = new DisplayNameGuardProvider({ retry: { maxRetries: 0 } });
    const result = await guard.check(
      {},
      {
        objectType: "group",
        displayName: "Autopilot devices",
        adopt: false,
        connection: { tenantId: OTHER_TENANT, clientId: sandbox.clientId },
      },
    );
    assert.equal(result.failures?.length, 1);
    assert.match(
      String(result.failures?.[0].reason),
      /^could not check that no group is named "Autopilot devices"/,
    );
    assert.deepEqual(signInTenants(), [OTHER_TENANT]);
  });
});

describe("connection input checks", () => {
  it("names each bad key, and refuses a secret as an input (it would be stored in state)", () => {
    assert.deepEqual(
      checkConnection({
        connection: { tenantId: "contoso", clientSecret: "s3cr3t", useOidc: "yes", region: "eu" },
      }).map((failure) => `${failure.property}: ${failure.reason}`),
      [
        "connection.clientSecret: a secret is never an input (it would be stored in state): leave it in the environment (ARM_CLIENT_SECRET) or use OIDC, a managed identity or the Azure CLI",
        "connection.region: expected only tenantId, clientId, environment, oidcTokenFilePath, useOidc, useMsi, useCli, found region",
        'connection.tenantId: expected a GUID, found string "contoso"',
        'connection.useOidc: expected true or false, found string "yes"',
      ],
    );
    assert.deepEqual(checkConnection({}), []);
  });

  it("moving to another tenant replaces; adding a connection to a resource that had none does not", () => {
    const a = { connection: { tenantId: "0f0e0d0c-0b0a-4909-8807-060504030201" } };
    const b = { connection: { tenantId: "1f0e0d0c-0b0a-4909-8807-060504030201" } };
    assert.deepEqual(connectionReplaces(a, b), ["connection"]);
    assert.deepEqual(connectionReplaces(a, {}), ["connection"]);
    assert.deepEqual(connectionReplaces({}, a), []);
    assert.deepEqual(
      connectionReplaces(a, { connection: { tenantId: a.connection.tenantId.toUpperCase() } }),
      [],
    );
  });
});
