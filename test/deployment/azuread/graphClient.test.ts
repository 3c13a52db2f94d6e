import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../sandbox";
import { Clock, OperationContext } from "./clock";
import { ClientCredentials } from "./credentials";
import { GraphClient, GraphResponseError } from "./graphClient";

describe("azuread emulation: Graph HTTP layer", () => {
  let sandbox: Sandbox;
  let clock: Clock;
  let graph: GraphClient;
  const MINUTES_5 = 300_000;

  beforeEach(async () => {
    sandbox = await startSandbox();
    clock = new Clock(0.001);
    graph = new GraphClient(sandbox.graphEndpoint, new ClientCredentials(sandbox));
  });
  afterEach(async () => {
    await sandbox.stop();
  });

  const getGroups = (ctx = new OperationContext(clock, MINUTES_5)) =>
    graph.request(ctx, { method: "GET", version: "beta", path: "/groups", expected: [200] });

  it("takes one client-credentials token for Graph and reuses it", async () => {
    await getGroups();
    await getGroups();
    const logins = sandbox.requests.filter((r) => r.kind === "login");
    assert.equal(logins.length, 1);
    assert.deepEqual(logins[0].form, {
      client_id: sandbox.clientId,
      client_secret: "<redacted>",
      grant_type: "client_credentials",
      scope: "https://graph.microsoft.com/.default",
    });
    assert.equal(logins[0].path, `/${sandbox.tenantId}/oauth2/v2.0/token`);
  });

  it("gives up on a persistent 503 after RetryMax retries with the SDK's error text", async () => {
    sandbox.fault({ method: "GET", path: "/beta/groups", status: 503, times: 100 });
    // 5 s left: safeRetryNumber = 1, so two attempts.
    const failure = await getGroups(new OperationContext(clock, 5_000)).then(
      () => assert.fail("should fail"),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof GraphResponseError);
    assert.equal(
      failure.message,
      "unexpected status 503 (503 Service Unavailable) with error: ServiceUnavailable: The service is temporarily unavailable. Try again later.",
    );
    assert.equal(sandbox.graphRequests().length, 2);
  });

  it("does not retry 501, nor a 404 unless the operation's RetryFunc asks for it", async () => {
    sandbox.fault({ method: "GET", path: "/beta/groups", status: 501 });
    await assert.rejects(getGroups(), {
      message: /^unexpected status 501 \(501 Not Implemented\) with error: InternalServerError/,
    });
    sandbox.fault({ method: "GET", path: "/beta/groups", status: 404, times: 2 });
    await assert.rejects(
      getGroups(),
      (error: unknown) => error instanceof GraphResponseError && error.status === 404,
    );
    const retried = await graph.request(new OperationContext(clock, MINUTES_5), {
      method: "GET",
      version: "beta",
      path: "/groups",
      expected: [200],
      retryFunc: (status) => status === 404,
    });
    assert.equal(retried.status, 200);
    assert.deepEqual(
      sandbox.graphRequests().map((r) => r.status),
      [501, 404, 404, 200],
    );
  });

  it("retries a GET whose connection was reset, but not a POST", async () => {
    sandbox.fault({ method: "GET", path: "/beta/groups", reset: "before" });
    assert.equal((await getGroups()).status, 200);
    sandbox.fault({ method: "POST", path: "/beta/groups", reset: "before" });
    await assert.rejects(
      graph.request(new OperationContext(clock, MINUTES_5), {
        method: "POST",
        version: "beta",
        path: "/groups",
        body: {},
        expected: [201],
      }),
      {
        message: `Post "${sandbox.graphEndpoint}/beta/groups": HTTP response was nil; connection may have been reset`,
      },
    );
  });

  it("words an error without an OData body as `with response:` or `received with no body`", async () => {
    sandbox.fault({ method: "GET", path: "/beta/groups", status: 400, body: "plain text" });
    await assert.rejects(getGroups(), {
      message: "unexpected status 400 (400 Bad Request) with response: plain text",
    });
    sandbox.fault({ method: "GET", path: "/beta/groups", status: 409, body: "" });
    await assert.rejects(getGroups(), {
      message: "unexpected status 409 (409 Conflict) received with no body",
    });
  });

  it("follows @odata.nextLink pages", async () => {
    for (let i = 0; i < 3; i++) sandbox.addGroup({ displayName: `Group ${i}` });
    const groups = await graph.list(new OperationContext(clock, MINUTES_5), {
      method: "GET",
      version: "beta",
      path: "/groups",
      query: { $top: "2" },
      expected: [200],
    });
    assert.equal(groups.length, 3);
    assert.equal(sandbox.graphRequests().length, 2);
  });
});
