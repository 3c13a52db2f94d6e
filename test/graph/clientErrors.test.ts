import { strict as assert } from "node:assert";
import { isGraphRequestError } from "../../infra/graph/errors";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import { clientFor, rejection, TAP_PATH } from "./sandboxClient";

const TAP_URL = `/v1.0${TAP_PATH}`;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

describe("createGraphClient errors (sandbox)", () => {
  let sandbox: Sandbox;
  const seenErrors: string[] = [];

  useSandboxPerSuite((started) => (sandbox = started));

  function keep(error: unknown): unknown {
    if (error instanceof Error)
      seenErrors.push(`${error.message}\n${error.stack ?? ""}\n${JSON.stringify(error)}`);
    return error;
  }

  it("names the missing permission on 403, with Graph's code, message and request-id", async () => {
    sandbox.revoke("Policy.ReadWrite.AuthenticationMethod");
    try {
      const client = clientFor(sandbox);
      const error = keep(await rejection(client.patch(TAP_PATH, { state: "enabled" })));
      assert.ok(isGraphRequestError(error));
      const [request] = sandbox.graphRequests();
      assert.equal(
        error.message,
        `PATCH ${TAP_URL} failed: 403 Authorization_RequestDenied: Insufficient privileges to complete the operation (request-id ${request.requestId}). The app needs Policy.ReadWrite.AuthenticationMethod.`,
      );
      assert.equal(error.status, 403);
      assert.equal(error.code, "Authorization_RequestDenied");
      assert.equal(error.requiredPermission, "Policy.ReadWrite.AuthenticationMethod");
      assert.equal(error.requestId, request.requestId);
      assert.ok(error.date);
      assert.equal(sandbox.graphRequests().length, 1, "403 is not retried");
    } finally {
      sandbox.grant("Policy.ReadWrite.AuthenticationMethod");
    }
  });

  it("names every permission Graph accepts for a refused read of the TAP policy", async () => {
    const granted = sandbox.permissions();
    sandbox.setPermissions("Group.ReadWrite.All");
    try {
      const client = clientFor(sandbox);
      const error = keep(await rejection(client.get(TAP_PATH)));
      assert.ok(isGraphRequestError(error));
      const [request] = sandbox.graphRequests();
      assert.equal(
        error.message,
        `GET ${TAP_URL} failed: 403 Authorization_RequestDenied: Insufficient privileges to complete the operation (request-id ${request.requestId}). The app needs Policy.Read.All or Policy.ReadWrite.AuthenticationMethod.`,
      );
      assert.equal(error.requiredPermission, "Policy.Read.All");
      assert.deepEqual(error.alsoAcceptedPermissions, ["Policy.ReadWrite.AuthenticationMethod"]);
    } finally {
      sandbox.setPermissions(...granted);
    }
  });

  it("unwraps an Intune JSON-inside-message error to its Message", async () => {
    const client = clientFor(sandbox);
    const intuneMessage = JSON.stringify({
      _version: 3,
      Message:
        "Invalid GroupId : abc provided, a valid AADGroupId is expected. - Operation ID (for customer support): 0",
      CustomApiErrorPhrase: "",
      RetryAfter: null,
    });
    sandbox.fault({
      method: "GET",
      path: "/beta/deviceManagement/configurationPolicies",
      status: 400,
      body: {
        error: { code: "BadRequest", message: intuneMessage, innerError: { "request-id": "intune-req-1" } },
      },
    });
    const error = keep(
      await rejection(client.list("/deviceManagement/configurationPolicies", { version: "beta" })),
    );
    assert.ok(isGraphRequestError(error));
    assert.equal(
      error.graphMessage,
      "Invalid GroupId : abc provided, a valid AADGroupId is expected. - Operation ID (for customer support): 0",
    );
    assert.equal(error.requestId, "intune-req-1");
    assert.equal(error.code, "BadRequest");
  });

  it("reports a refused client secret as a token failure without the secret, and does not call Graph", async () => {
    const wrongSecret = "wrong-Secret~value-1234567890";
    const client = clientFor(sandbox, { env: { ...sandbox.env(), ARM_CLIENT_SECRET: wrongSecret } });
    const error = keep(await rejection(client.get(TAP_PATH)));
    assert.ok(isGraphRequestError(error));
    assert.equal(error.status, 0);
    assert.equal(error.code, "TokenRequestFailed");
    assert.equal(error.outcomeUnknown, false);
    assert.match(
      error.message,
      new RegExp(
        `^GET ${TAP_URL.replace(/[/.]/g, "\\$&")} failed: not sent \\(TokenRequestFailed: could not get a token for ${sandbox.graphEndpoint.replace(/[/.]/g, "\\$&")}/\\.default from .* for tenant ${sandbox.tenantId} \\(client secret from ARM_CLIENT_SECRET\\): `,
      ),
    );
    assert.ok(!error.message.includes(wrongSecret));
    assert.equal(sandbox.graphRequests().length, 0);
  });

  it("reports a missing setting before any request, naming it", () => {
    const env: Record<string, string> = { ...sandbox.env() };
    delete env.ARM_TENANT_ID;
    assert.throws(() => clientFor(sandbox, { env }), {
      name: "GraphConnectionError",
      message: /A client secret \(ARM_CLIENT_SECRET\) needs ARM_TENANT_ID \(or azuread:tenantId\)\./,
    });
  });

  it("never puts the client secret or a bearer token in any error text", () => {
    assert.ok(seenErrors.length >= 3, "the tests above collected their errors");
    for (const text of seenErrors) {
      assert.ok(!text.includes(sandbox.clientSecret), "client secret leaked");
      assert.ok(!JWT.test(text), `token-like text leaked: ${text.slice(0, 200)}`);
    }
  });
});
