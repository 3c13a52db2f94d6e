import { strict as assert } from "node:assert";
import type { Sandbox } from ".";
import { useSandboxAndCallerPerTest } from "./sandboxHooks";
import type { GraphCaller } from "./testClient";

const TAP =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
const TAP_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";

interface ErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}

describe("sandbox Temporary Access Pass configuration", () => {
  let sandbox: Sandbox;
  let graph: GraphCaller;
  useSandboxAndCallerPerTest((started, caller) => {
    sandbox = started;
    graph = caller;
  });

  it("GETs Microsoft's defaults with @odata.context and includeTargets@odata.context", async () => {
    const result = await graph("GET", TAP);
    assert.equal(result.status, 200);
    assert.deepEqual(result.body, {
      "@odata.context": `${sandbox.graphEndpoint}/v1.0/$metadata#authenticationMethodConfigurations/$entity`,
      "@odata.type": TAP_TYPE,
      id: "TemporaryAccessPass",
      state: "disabled",
      defaultLifetimeInMinutes: 60,
      defaultLength: 8,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: false,
      excludeTargets: [],
      "includeTargets@odata.context": `${sandbox.graphEndpoint}/v1.0/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations('TemporaryAccessPass')/microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration/includeTargets`,
      includeTargets: [{ targetType: "group", id: "all_users", isRegistrationRequired: false }],
    });
    assert.match(result.headers.get("content-type") ?? "", /^application\/json/);
  });

  it("answers PATCH with 204 and no body, and applies it (targets inline)", async () => {
    const result = await graph("PATCH", TAP, {
      "@odata.type": TAP_TYPE,
      state: "enabled",
      defaultLifetimeInMinutes: 120,
      maximumLifetimeInMinutes: 600,
      includeTargets: [{ targetType: "group", id: "00000000-0000-4000-8000-0000000000aa" }],
      excludeTargets: [{ targetType: "group", id: "00000000-0000-4000-8000-0000000000bb" }],
    });
    assert.equal(result.status, 204);
    assert.equal(result.body, undefined);
    const tap = sandbox.tap();
    assert.equal(tap.state, "enabled");
    assert.equal(tap.defaultLifetimeInMinutes, 120);
    assert.equal(tap.maximumLifetimeInMinutes, 600);
    assert.equal(tap.minimumLifetimeInMinutes, 60, "properties not sent are kept");
    assert.deepEqual(tap.includeTargets, [
      { targetType: "group", id: "00000000-0000-4000-8000-0000000000aa", isRegistrationRequired: false },
    ]);
    assert.deepEqual(tap.excludeTargets, [
      { targetType: "group", id: "00000000-0000-4000-8000-0000000000bb" },
    ]);
  });

  it("refuses a PATCH without @odata.type with 400 and changes nothing", async () => {
    const result = await graph("PATCH", TAP, { state: "enabled" });
    assert.equal(result.status, 400);
    assert.equal((result.body as ErrorBody).error.code, "BadRequest");
    assert.match((result.body as ErrorBody).error.message, /@odata\.type/);
    assert.equal(sandbox.tap().state, "disabled");
  });

  it("refuses an unknown property the way OData does", async () => {
    const result = await graph("PATCH", TAP, { "@odata.type": TAP_TYPE, lifetime: 5 });
    assert.equal(result.status, 400);
    assert.equal(
      (result.body as ErrorBody).error.message,
      "The property 'lifetime' does not exist on type 'microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration'. Make sure to only use property names that are defined by the type or mark the type as open type.",
    );
  });

  const rangeCases: [string, Record<string, number>, string][] = [
    [
      "defaultLength 7",
      { defaultLength: 7 },
      "Invalid DefaultLength specified. The valid range between 8 and 48.",
    ],
    [
      "defaultLength 49",
      { defaultLength: 49 },
      "Invalid DefaultLength specified. The valid range between 8 and 48.",
    ],
    [
      "minimumLifetimeInMinutes 9",
      { minimumLifetimeInMinutes: 9 },
      "Invalid MinimumLifetimeInMinutes specified. The valid range between 10 and 43200.",
    ],
    [
      "maximumLifetimeInMinutes 43201",
      { maximumLifetimeInMinutes: 43201 },
      "Invalid MaximumLifetimeInMinutes specified. The valid range between 10 and 43200.",
    ],
    [
      "defaultLifetimeInMinutes above the maximum",
      { defaultLifetimeInMinutes: 481 },
      "Invalid DefaultLifetimeInMinutes specified. The valid range between 60 and 480.",
    ],
    [
      "defaultLifetimeInMinutes below the minimum",
      { defaultLifetimeInMinutes: 30 },
      "Invalid DefaultLifetimeInMinutes specified. The valid range between 60 and 480.",
    ],
  ];
  for (const [name, patch, message] of rangeCases) {
    it(`refuses ${name} with 400 badRequest from the authentication-methods service`, async () => {
      const result = await graph("PATCH", TAP, { "@odata.type": TAP_TYPE, ...patch });
      assert.equal(result.status, 400);
      const body = result.body as ErrorBody;
      assert.equal(body.error.code, "badRequest");
      assert.equal(body.error.message, message);
      assert.equal(body.error.innerError.message, message);
      assert.equal(sandbox.tap().defaultLength, 8);
    });
  }

  it("accepts the range bounds 8/48 characters and 10/43200 minutes", async () => {
    const low = await graph("PATCH", TAP, {
      "@odata.type": TAP_TYPE,
      defaultLength: 8,
      minimumLifetimeInMinutes: 10,
      defaultLifetimeInMinutes: 10,
      maximumLifetimeInMinutes: 43200,
    });
    assert.equal(low.status, 204);
    const high = await graph("PATCH", TAP, {
      "@odata.type": TAP_TYPE,
      defaultLength: 48,
      defaultLifetimeInMinutes: 43200,
    });
    assert.equal(high.status, 204);
    assert.equal(sandbox.tap().defaultLifetimeInMinutes, 43200);
  });

  it("resets to Microsoft's defaults on DELETE (204), never removing the object", async () => {
    sandbox.setTap({ state: "enabled", isUsableOnce: true, defaultLength: 12 });
    const result = await graph("DELETE", TAP);
    assert.equal(result.status, 204);
    const after = await graph("GET", TAP);
    assert.equal(after.status, 200);
    const body = after.body as Record<string, unknown>;
    assert.equal(body.state, "disabled");
    assert.equal(body.isUsableOnce, false);
    assert.equal(body.defaultLength, 8);
  });

  it("serves the same object under beta and with the lower-case path Graph's docs also use", async () => {
    sandbox.setTap({ state: "enabled" });
    const result = await graph(
      "GET",
      "/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/temporaryAccessPass",
    );
    assert.equal(result.status, 200);
    assert.equal((result.body as Record<string, unknown>).state, "enabled");
    assert.match(String((result.body as Record<string, unknown>)["@odata.context"]), /\/beta\/\$metadata#/);
  });

  it("shows out-of-band edits made with setTap and does not log them", async () => {
    sandbox.clearLog();
    sandbox.setTap({ isUsableOnce: true });
    assert.equal(sandbox.requests.length, 0);
    assert.equal(((await graph("GET", TAP)).body as Record<string, unknown>).isUsableOnce, true);
  });
});
