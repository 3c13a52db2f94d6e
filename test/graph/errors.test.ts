import { strict as assert } from "node:assert";
import {
  graphRequestError,
  isGraphRequestError,
  isNotFound,
  isReplicationLag,
  parseGraphErrorBody,
  unwrapIntuneMessage,
  type GraphRequestErrorDetails,
} from "../../infra/graph/errors";

const TAP_PATH =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";

function details(overrides: Partial<GraphRequestErrorDetails> = {}): GraphRequestErrorDetails {
  return {
    method: "GET",
    url: "/v1.0/groups/abc",
    status: 404,
    code: "Request_ResourceNotFound",
    graphMessage: "Resource 'abc' does not exist.",
    requestId: "req-1",
    outcomeUnknown: false,
    ...overrides,
  };
}

const INTUNE_MESSAGE = JSON.stringify({
  _version: 3,
  Message:
    "Invalid GroupId : 9d1f provided, a valid AADGroupId is expected. - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000",
  CustomApiErrorPhrase: "",
  RetryAfter: null,
  ErrorSourceService: "",
  HttpHeaders: "{}",
});

describe("GraphRequestError message", () => {
  it("names method, path, status, code, message, request-id and the missing permission", () => {
    const error = graphRequestError({
      method: "PATCH",
      url: TAP_PATH,
      status: 403,
      code: "Authorization_RequestDenied",
      graphMessage: "Insufficient privileges",
      requestId: "6a1c7d1e-0000-4000-8000-000000000001",
      requiredPermission: "Policy.ReadWrite.AuthenticationMethod",
      outcomeUnknown: false,
    });
    assert.equal(
      error.message,
      `PATCH ${TAP_PATH} failed: 403 Authorization_RequestDenied: Insufficient privileges (request-id 6a1c7d1e-0000-4000-8000-000000000001). The app needs Policy.ReadWrite.AuthenticationMethod.`,
    );
    assert.equal(error.name, "GraphRequestError");
  });

  it("describes a lost connection on a POST as possibly applied", () => {
    const error = graphRequestError(
      details({
        method: "POST",
        url: "/beta/deviceManagement/configurationPolicies",
        status: 0,
        code: "ECONNRESET",
        graphMessage: "other side closed",
        requestId: undefined,
        outcomeUnknown: true,
      }),
    );
    assert.equal(
      error.message,
      "POST /beta/deviceManagement/configurationPolicies failed: no response (ECONNRESET: other side closed). The request may have been applied: look the object up before trying again.",
    );
  });

  it("says how many attempts were made when retries were used", () => {
    const error = graphRequestError(
      details({ status: 503, code: "ServiceUnavailable", graphMessage: "Try later.", attempts: 4 }),
    );
    assert.equal(
      error.message,
      "GET /v1.0/groups/abc failed after 4 attempts: 503 ServiceUnavailable: Try later (request-id req-1).",
    );
  });
});

describe("parseGraphErrorBody", () => {
  it("reads code, message, request-id and date from Graph's error body", () => {
    const body = {
      error: {
        code: "Request_ResourceNotFound",
        message: "Resource 'x' does not exist.",
        innerError: { "request-id": "r-1", date: "2026-01-01T00:00:00", "client-request-id": "c-1" },
      },
    };
    assert.deepEqual(parseGraphErrorBody(JSON.stringify(body)), {
      code: "Request_ResourceNotFound",
      message: "Resource 'x' does not exist.",
      requestId: "r-1",
      date: "2026-01-01T00:00:00",
    });
  });

  it("unwraps Intune's JSON-inside-message to its Message", () => {
    const parsed = parseGraphErrorBody({
      error: { code: "BadRequest", message: INTUNE_MESSAGE, innerError: { "request-id": "r-2" } },
    });
    assert.equal(parsed.code, "BadRequest");
    assert.match(parsed.message ?? "", /^Invalid GroupId : 9d1f provided, a valid AADGroupId is expected\./);
  });

  it("returns nothing for a body that is not a Graph error", () => {
    assert.deepEqual(parseGraphErrorBody("<html>Bad gateway</html>"), {});
    assert.deepEqual(parseGraphErrorBody(undefined), {});
  });

  it("leaves a message that only looks like JSON unchanged", () => {
    assert.equal(unwrapIntuneMessage("{not json"), "{not json");
    assert.equal(unwrapIntuneMessage('{"other": 1}'), '{"other": 1}');
  });
});

describe("isNotFound / isReplicationLag / isGraphRequestError", () => {
  it("treats only 404 as not found", () => {
    assert.equal(isNotFound(graphRequestError(details())), true);
    assert.equal(isNotFound(graphRequestError(details({ status: 400 }))), false);
    assert.equal(isNotFound(new Error("404")), false);
  });

  it("treats 404 and Intune's AADGroupId 400 as replication lag, other 400s not", () => {
    assert.equal(isReplicationLag(graphRequestError(details())), true);
    const intune = parseGraphErrorBody({ error: { code: "BadRequest", message: INTUNE_MESSAGE } });
    assert.equal(
      isReplicationLag(
        graphRequestError(details({ status: 400, code: "BadRequest", graphMessage: intune.message ?? "" })),
      ),
      true,
    );
    assert.equal(
      isReplicationLag(graphRequestError(details({ status: 400, graphMessage: "Invalid displayName" }))),
      false,
    );
  });

  it("recognises a GraphRequestError by its shape, whichever copy of the module built it", () => {
    const copy = Object.assign(new Error("x"), { status: 404, method: "GET", outcomeUnknown: false });
    assert.equal(isGraphRequestError(copy), true);
    assert.equal(isNotFound(copy), true);
    assert.equal(isGraphRequestError(Object.assign(new Error("x"), { status: 404 })), false);
  });
});
