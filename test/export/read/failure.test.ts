import { strict as assert } from "node:assert";
import { graphRequestError, type GraphRequestErrorDetails } from "../../../infra/graph/errors";
import { isSignInFailure, readFailure } from "../../../scripts/export/read/failure";

function graphError(details: Partial<GraphRequestErrorDetails>): Error {
  return graphRequestError({
    method: "GET",
    url: "/v1.0/groups",
    status: 403,
    code: "Authorization_RequestDenied",
    graphMessage: "Insufficient privileges to complete the operation.",
    requestId: "0f0f0f0f-0000-4000-8000-000000000001",
    outcomeUnknown: false,
    ...details,
  });
}

describe("export read failures", () => {
  it("keeps Graph's one-line message with the permission the client already named", () => {
    const failure = readFailure("groups", graphError({ requiredPermission: "GroupMember.Read.All" }));
    assert.equal(
      failure.line,
      "groups (names and dynamic membership rules) not read: GET /v1.0/groups failed: 403 Authorization_RequestDenied: " +
        "Insufficient privileges to complete the operation (request-id 0f0f0f0f-0000-4000-8000-000000000001). " +
        "The app needs GroupMember.Read.All.",
    );
    assert.equal(failure.status, 403);
  });

  it("names the permission for a read the Graph client has no rule for (users)", () => {
    const failure = readFailure("users", graphError({ url: "/v1.0/users/x" }));
    assert.match(failure.line, /\(request-id [0-9a-f-]+\)\. The app needs User\.Read\.All\.$/);
  });

  it("says when Intune answers that the tenant has no licence", () => {
    const failure = readFailure(
      "profiles",
      graphError({
        status: 400,
        code: "BadRequest",
        graphMessage: "Request not applicable to target tenant.",
      }),
    );
    assert.match(
      failure.line,
      /400 BadRequest: Request not applicable to target tenant .* The tenant has no active Intune licence\.$/,
    );
  });

  it("keeps any other error to one line", () => {
    assert.equal(
      readFailure("tap", new Error("a\n  b")).line,
      "the Temporary Access Pass policy not read: a b",
    );
  });

  it("treats no token, no connection and 401 as the tenant being unreadable, and 403 as not", () => {
    assert.equal(isSignInFailure(graphError({ status: 0, code: "TokenRequestFailed" })), true);
    assert.equal(isSignInFailure(graphError({ status: 401, code: "InvalidAuthenticationToken" })), true);
    assert.equal(isSignInFailure(graphError({})), false);
    assert.equal(isSignInFailure(new Error("x")), false);
  });
});
