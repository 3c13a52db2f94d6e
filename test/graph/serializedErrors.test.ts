/**
 * The Graph layer's errors and connection rules inside a provider that Pulumi serialized and runs
 * in a fresh process: errors keep their message, stack and `instanceof Error`, the type guards
 * still recognise them, and module-level data (login hosts) survives serialization.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { resolveConnection, isGraphConnectionError } from "../../infra/graph/connection";
import {
  graphRequestError,
  isGraphRequestError,
  type GraphRequestErrorDetails,
} from "../../infra/graph/errors";
import { isReplicationLagTimeout, retryWhileReplicating } from "../../infra/graph/replicationLag";
import { runSerializedProvider, type StepResult } from "../providers/support/serializedProviderRunner";

const DENIED: GraphRequestErrorDetails = {
  method: "PATCH",
  url: "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass",
  status: 403,
  code: "Authorization_RequestDenied",
  graphMessage: "Insufficient privileges to complete the operation.",
  requestId: "6a1c7d1e-0000-4000-8000-000000000001",
  requiredPermission: "Policy.ReadWrite.AuthenticationMethod",
  outcomeUnknown: false,
};

const NOT_FOUND: GraphRequestErrorDetails = {
  method: "GET",
  url: "/v1.0/groups/abc",
  status: 404,
  code: "Request_ResourceNotFound",
  graphMessage: "Resource 'abc' does not exist.",
  requestId: "6a1c7d1e-0000-4000-8000-000000000002",
  outcomeUnknown: false,
};

/** Each error kind, thrown the way the Graph layer throws it. */
const THROWERS: Record<string, () => Promise<unknown>> = {
  graphRequest: () => Promise.reject(graphRequestError(DENIED)),
  replicationLagTimeout: () =>
    retryWhileReplicating(() => Promise.reject(graphRequestError(NOT_FOUND)), {
      timeoutMs: 5,
      initialDelayMs: 1,
      maxDelayMs: 2,
      subject: "group abc",
    }),
  // Thrown inside the executor, so it arrives as a rejection like the others.
  graphConnection: () =>
    new Promise((resolve) =>
      resolve(resolveConnection({ env: { ARM_CLIENT_SECRET: "not-shown", ARM_USE_CLI: "true" } })),
    ),
};

interface ErrorReport {
  message: string;
  name: string;
  isError: boolean;
  stackHasMessage: boolean;
  isGraphRequestError: boolean;
  isReplicationLagTimeout: boolean;
  isGraphConnectionError: boolean;
}

/** A minimal provider: `create` throws the named error; `check` reports what the error looks like. */
const provider = {
  async create(kind: string): Promise<never> {
    await THROWERS[kind]();
    throw new Error(`${kind} did not throw`);
  },
  async check(kind: string): Promise<ErrorReport> {
    try {
      await THROWERS[kind]();
    } catch (error) {
      const { message, name, stack } = error as Error;
      return {
        message,
        name,
        isError: error instanceof Error,
        stackHasMessage: typeof stack === "string" && stack.includes(message.split("\n")[0]),
        isGraphRequestError: isGraphRequestError(error),
        isReplicationLagTimeout: isReplicationLagTimeout(error),
        isGraphConnectionError: isGraphConnectionError(error),
      };
    }
    throw new Error(`${kind} did not throw`);
  },
  diff(authorityHost: string): Promise<boolean> {
    const connection = resolveConnection({
      env: { AZURE_AUTHORITY_HOST: authorityHost, ARM_USE_CLI: "true" },
    });
    return Promise.resolve(connection.disableInstanceDiscovery);
  },
};

/** What the same code gives in this process, to compare with the serialized copy. */
async function thrownHere(kind: string): Promise<Error> {
  try {
    await THROWERS[kind]();
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail(`${kind} did not throw`);
}

describe("Graph errors in a serialized provider run in a fresh process", function () {
  this.timeout(30_000);
  let results: StepResult[];

  before(async () => {
    const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    results = await runSerializedProvider({
      text,
      env: {},
      steps: [
        ...Object.keys(THROWERS).map((kind) => ({ method: "create" as const, args: [kind] })),
        ...Object.keys(THROWERS).map((kind) => ({ method: "check" as const, args: [kind] })),
        { method: "diff", args: ["https://login.microsoftonline.com"] },
        { method: "diff", args: ["https://127.0.0.1:8443"] },
      ],
    });
  });

  const kinds = Object.keys(THROWERS);
  kinds.forEach((kind, index) => {
    it(`keeps the ${kind} error's message when the host reports it`, async () => {
      const expected = (await thrownHere(kind)).message;
      assert.deepEqual(results[index], { ok: false, error: { message: expected } });
    });
  });

  it("keeps the GraphRequestError's exact text, with status, code, request-id and permission", () => {
    assert.deepEqual(results[0], {
      ok: false,
      error: {
        message:
          `PATCH ${DENIED.url} failed: 403 Authorization_RequestDenied: Insufficient privileges to complete the ` +
          "operation (request-id 6a1c7d1e-0000-4000-8000-000000000001). The app needs Policy.ReadWrite.AuthenticationMethod.",
      },
    });
  });

  it("throws real Errors with name and stack that the type guards recognise", () => {
    const reports = results.slice(kinds.length, 2 * kinds.length).map((result) => {
      assert.equal(result.ok, true, JSON.stringify(result));
      return (result as { value: ErrorReport }).value;
    });
    const summary = reports.map(({ message: _message, ...rest }) => rest);
    assert.deepEqual(summary, [
      {
        name: "GraphRequestError",
        isError: true,
        stackHasMessage: true,
        isGraphRequestError: true,
        isReplicationLagTimeout: false,
        isGraphConnectionError: false,
      },
      {
        name: "ReplicationLagTimeoutError",
        isError: true,
        stackHasMessage: true,
        isGraphRequestError: true,
        isReplicationLagTimeout: true,
        isGraphConnectionError: false,
      },
      {
        name: "GraphConnectionError",
        isError: true,
        stackHasMessage: true,
        isGraphRequestError: false,
        isReplicationLagTimeout: false,
        isGraphConnectionError: true,
      },
    ]);
    assert.match(
      reports[1].message,
      /^Graph did not show group abc within 0 seconds \(replication lag\)\. Last answer: GET \/v1\.0\/groups\/abc failed: 404 /,
    );
    assert.ok(!reports[2].message.includes("not-shown"), "the connection error shows a secret value");
  });

  it("keeps instance discovery on for Microsoft's login host and off for any other authority", () => {
    assert.deepEqual(results.slice(2 * kinds.length), [
      { ok: true, value: false },
      { ok: true, value: true },
    ]);
  });
});
