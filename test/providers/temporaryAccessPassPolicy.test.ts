/**
 * The TAP policy provider against the Graph sandbox over HTTPS, with the real Graph client,
 * credential flow and retry logic: request bodies and counts, tenant state after each step, faults.
 */
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import {
  TEMPORARY_ACCESS_PASS_POLICY_PROVIDER,
  TemporaryAccessPassPolicyProvider,
} from "../../infra/providers/temporaryAccessPassPolicy";
import { thinProviderText } from "../../infra/providers/thinProvider";
import {
  MICROSOFT_DEFAULT_TAP_CONFIGURATION,
  TapConfiguration,
  TapPolicyState,
} from "../../infra/providers/temporaryAccessPass/model";
import { normalizeTapConfiguration } from "../../infra/providers/temporaryAccessPass/normalize";
import type { Sandbox } from "../sandbox";
import { requestLines, useSandboxInEnvironment } from "./support/providerSuite";

/** How the dynamic-provider host loads provider code (cmd/dynamic-provider/index.ts). */
const requireFromString = require("require-from-string") as (code: string) => unknown;

const TAP_PATH =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
const ODATA_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";
const GROUP_A = "00000000-0000-4000-8000-0000000000aa";
const GROUP_B = "00000000-0000-4000-8000-0000000000bb";
const USER_C = "00000000-0000-4000-8000-0000000000cc";
const FAST = {
  retry: { baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 50, initialDelayMs: 1, maxDelayMs: 5 },
};

/** What the stack asks for: enabled, reusable, two-hour passes for one group, one group excluded. */
const DESIRED: TapConfiguration = {
  state: "enabled",
  defaultLifetimeInMinutes: 120,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 12,
  isUsableOnce: false,
  includeTargets: [{ id: GROUP_A, targetType: "group", isRegistrationRequired: false }],
  excludeTargets: [{ id: GROUP_B, targetType: "group" }],
};

/** A tenant someone already configured by hand before the first `pulumi up`. */
const CUSTOMISED: TapConfiguration = {
  state: "enabled",
  defaultLifetimeInMinutes: 30,
  minimumLifetimeInMinutes: 15,
  maximumLifetimeInMinutes: 240,
  defaultLength: 10,
  isUsableOnce: true,
  includeTargets: [{ id: USER_C, targetType: "user", isRegistrationRequired: true }],
  excludeTargets: [],
};

function outsOf(result: { outs?: TapPolicyState }): TapPolicyState {
  assert.ok(result.outs, "the provider returned no outputs");
  return result.outs;
}

function propsOf(result: { props?: TapPolicyState }): TapPolicyState {
  assert.ok(result.props, "read returned no properties");
  return result.props;
}

function patchBody(configuration: TapConfiguration): Record<string, unknown> {
  return { "@odata.type": ODATA_TYPE, ...configuration };
}

describe("TemporaryAccessPassPolicyProvider against the Graph sandbox", function () {
  let sandbox: Sandbox;
  let provider: TemporaryAccessPassPolicyProvider;

  const requests = () => requestLines(sandbox);
  const tenant = () => normalizeTapConfiguration(sandbox.tap());

  useSandboxInEnvironment((started) => (sandbox = started));

  beforeEach(() => {
    provider = new TemporaryAccessPassPolicyProvider(FAST);
    sandbox.grant("Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod");
    sandbox.setTap(MICROSOFT_DEFAULT_TAP_CONFIGURATION);
    sandbox.clearLog();
  });

  describe("lifecycle", () => {
    it("creates from Microsoft's defaults with one GET and one PATCH, keeping the defaults as `previous`", async () => {
      const result = await provider.create({ ...DESIRED, onDestroy: "restore" });

      assert.deepEqual(requests(), [`GET ${TAP_PATH} 200`, `PATCH ${TAP_PATH} 204`]);
      assert.deepEqual(sandbox.graphRequests()[1].body, patchBody(DESIRED));
      assert.equal(result.id, "TemporaryAccessPass");
      assert.deepEqual(result.outs, {
        ...DESIRED,
        onDestroy: "restore",
        previous: MICROSOFT_DEFAULT_TAP_CONFIGURATION,
      });
      assert.deepEqual(tenant(), DESIRED);
      assert.equal(sandbox.tap().state, "enabled");
    });

    it("adopts a tenant that already holds the declared configuration with one GET and no PATCH", async () => {
      // As the portal stores it: targets in another order, ids upper-cased.
      sandbox.setTap({
        ...DESIRED,
        includeTargets: DESIRED.includeTargets.map((t) => ({ ...t, id: t.id.toUpperCase() })),
        excludeTargets: [...DESIRED.excludeTargets].reverse(),
      });
      sandbox.clearLog();

      const result = await provider.create({ ...DESIRED, onDestroy: "restore" });

      assert.deepEqual(requests(), [`GET ${TAP_PATH} 200`]);
      assert.deepEqual(result.outs, { ...DESIRED, onDestroy: "restore", previous: DESIRED });
    });

    it("fills omitted properties with Microsoft's defaults and sends them all", async () => {
      const result = await provider.create({ state: "enabled" });
      const expected = { ...MICROSOFT_DEFAULT_TAP_CONFIGURATION, state: "enabled" };
      assert.deepEqual(sandbox.graphRequests()[1].body, patchBody(expected));
      assert.deepEqual(result.outs, {
        ...expected,
        onDestroy: "restore",
        previous: MICROSOFT_DEFAULT_TAP_CONFIGURATION,
      });
    });

    it("reads with exactly one GET, returning normalized props and inputs and keeping `previous` and onDestroy", async () => {
      const created = await provider.create({ ...DESIRED, onDestroy: "reset" });
      sandbox.clearLog();

      const read = await provider.read("TemporaryAccessPass", outsOf(created));

      assert.deepEqual(requests(), [`GET ${TAP_PATH} 200`]);
      assert.equal(read.id, "TemporaryAccessPass");
      assert.deepEqual(read.props, created.outs);
      assert.deepEqual(read.inputs, { ...DESIRED, onDestroy: "reset" });
    });

    it("refreshes and diffs an unchanged program against an unchanged tenant with one request and no change", async () => {
      const created = await provider.create({ ...DESIRED });
      const inputs = (await provider.check({}, { ...DESIRED })).inputs as Record<string, unknown>;
      sandbox.clearLog();

      const read = await provider.read("TemporaryAccessPass", outsOf(created));
      const diff = await provider.diff("TemporaryAccessPass", propsOf(read), inputs);

      assert.equal(sandbox.graphRequests().length, 1);
      assert.deepEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("updates with one PATCH of the whole desired configuration, keeping `previous`", async () => {
      const created = await provider.create({ ...DESIRED });
      const edited: TapConfiguration = {
        ...DESIRED,
        defaultLength: 16,
        includeTargets: [
          { id: GROUP_A, targetType: "group", isRegistrationRequired: true },
          { id: USER_C, targetType: "user", isRegistrationRequired: false },
        ],
      };
      const diff = await provider.diff("TemporaryAccessPass", outsOf(created), { ...edited });
      assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
      sandbox.clearLog();

      const updated = await provider.update("TemporaryAccessPass", outsOf(created), {
        ...edited,
        onDestroy: "retain",
      });

      assert.deepEqual(requests(), [`PATCH ${TAP_PATH} 204`]);
      assert.deepEqual(sandbox.graphRequests()[0].body, patchBody(edited));
      assert.deepEqual(updated.outs, {
        ...edited,
        onDestroy: "retain",
        previous: MICROSOFT_DEFAULT_TAP_CONFIGURATION,
      });
      assert.deepEqual(tenant(), edited);
    });

    it("restores the configuration found before the first apply on delete (default onDestroy)", async () => {
      sandbox.setTap(CUSTOMISED);
      const created = await provider.create({ ...DESIRED });
      assert.deepEqual(created.outs?.previous, CUSTOMISED);
      assert.deepEqual(tenant(), DESIRED);
      sandbox.clearLog();

      await provider.delete("TemporaryAccessPass", outsOf(created));

      assert.deepEqual(requests(), [`PATCH ${TAP_PATH} 204`]);
      assert.deepEqual(sandbox.graphRequests()[0].body, patchBody(CUSTOMISED));
      assert.deepEqual(tenant(), CUSTOMISED);
    });

    it("keeps restoring what was found first after several updates", async () => {
      sandbox.setTap(CUSTOMISED);
      const created = await provider.create({ ...DESIRED });
      const first = await provider.update("TemporaryAccessPass", outsOf(created), {
        ...DESIRED,
        defaultLength: 20,
      });
      const second = await provider.update("TemporaryAccessPass", outsOf(first), {
        ...DESIRED,
        defaultLength: 24,
      });
      await provider.delete("TemporaryAccessPass", outsOf(second));
      assert.deepEqual(tenant(), CUSTOMISED);
    });

    it("resets to Microsoft's defaults with Graph DELETE when onDestroy is reset", async () => {
      sandbox.setTap(CUSTOMISED);
      const created = await provider.create({ ...DESIRED, onDestroy: "reset" });
      sandbox.clearLog();

      await provider.delete("TemporaryAccessPass", outsOf(created));

      assert.deepEqual(requests(), [`DELETE ${TAP_PATH} 204`]);
      assert.deepEqual(tenant(), MICROSOFT_DEFAULT_TAP_CONFIGURATION);
      assert.equal(sandbox.tap().state, "disabled");
    });

    it("leaves the tenant as it is and sends nothing when onDestroy is retain", async () => {
      sandbox.setTap(CUSTOMISED);
      const created = await provider.create({ ...DESIRED, onDestroy: "retain" });
      sandbox.clearLog();

      await provider.delete("TemporaryAccessPass", outsOf(created));

      assert.deepEqual(sandbox.graphRequests(), []);
      assert.deepEqual(tenant(), DESIRED);
    });

    it("refuses to restore when the state holds no `previous`, saying which onDestroy to choose", async () => {
      await assert.rejects(provider.delete("TemporaryAccessPass", { ...DESIRED, onDestroy: "restore" }), {
        message:
          "TemporaryAccessPassPolicy: cannot restore the configuration found before the first apply: the state holds no " +
          "`previous`. Set onDestroy to `reset` (Microsoft's defaults) or `retain` (leave as is) and run `pulumi up` first.",
      });
      assert.deepEqual(sandbox.graphRequests(), []);
    });
  });

  describe("drift", () => {
    it("reports exactly the property edited out of band after a refresh", async () => {
      const created = await provider.create({ ...DESIRED });
      const program = (await provider.check({}, { ...DESIRED })).inputs as Record<string, unknown>;
      sandbox.setTap({ defaultLength: 14 });
      sandbox.clearLog();

      const read = await provider.read("TemporaryAccessPass", outsOf(created));
      const diff = await provider.diff("TemporaryAccessPass", propsOf(read), program);

      assert.equal(sandbox.graphRequests().length, 1);
      assert.deepEqual(read.inputs, { ...DESIRED, defaultLength: 14, onDestroy: "restore" });
      // The engine shows the difference between the refreshed inputs and the program's.
      const refreshed: Record<string, unknown> = read.inputs ?? {};
      const changed = Object.keys(program).filter(
        (key) => JSON.stringify(program[key]) !== JSON.stringify(refreshed[key]),
      );
      assert.deepEqual(changed, ["defaultLength"]);
      assert.equal(diff.changes, true);
      assert.deepEqual(read.props?.previous, MICROSOFT_DEFAULT_TAP_CONFIGURATION);
    });

    it("sees a target added in the portal and puts the program's targets back on update", async () => {
      const created = await provider.create({ ...DESIRED });
      sandbox.setTap({
        includeTargets: [
          ...DESIRED.includeTargets,
          { id: USER_C, targetType: "user", isRegistrationRequired: false },
        ],
      });
      const read = await provider.read("TemporaryAccessPass", outsOf(created));
      assert.equal((await provider.diff("TemporaryAccessPass", propsOf(read), { ...DESIRED })).changes, true);

      await provider.update("TemporaryAccessPass", propsOf(read), { ...DESIRED });
      assert.deepEqual(tenant(), DESIRED);
    });
  });

  describe("faults", () => {
    it("converges through a 429 with Retry-After and a 503 on the PATCH with exactly one applied PATCH", async () => {
      sandbox.fault({ method: "PATCH", path: TAP_PATH, status: 429, retryAfter: "1" });
      sandbox.fault({ method: "PATCH", path: TAP_PATH, status: 503 });

      const result = await provider.create({ ...DESIRED });

      assert.deepEqual(requests(), [
        `GET ${TAP_PATH} 200`,
        `PATCH ${TAP_PATH} 429`,
        `PATCH ${TAP_PATH} 503`,
        `PATCH ${TAP_PATH} 204`,
      ]);
      assert.equal(sandbox.graphRequests().filter((r) => r.method === "PATCH" && r.status === 204).length, 1);
      assert.deepEqual(result.outs?.previous, MICROSOFT_DEFAULT_TAP_CONFIGURATION);
      assert.deepEqual(tenant(), DESIRED);
    });

    it("converges through a 503 on the first GET", async () => {
      sandbox.fault({ method: "GET", path: TAP_PATH, status: 503 });
      await provider.create({ ...DESIRED });
      assert.deepEqual(requests(), [`GET ${TAP_PATH} 503`, `GET ${TAP_PATH} 200`, `PATCH ${TAP_PATH} 204`]);
      assert.deepEqual(tenant(), DESIRED);
    });

    it("names Policy.ReadWrite.AuthenticationMethod when the permission is revoked, and changes nothing", async () => {
      sandbox.revoke("Policy.ReadWrite.AuthenticationMethod");
      sandbox.setTap(CUSTOMISED);

      const error = await provider.create({ ...DESIRED }).then(
        () => assert.fail("create succeeded without the write permission"),
        (e: unknown) => e as Error,
      );

      assert.match(
        error.message,
        /^TemporaryAccessPassPolicy: could not apply the configuration: PATCH \/v1\.0\/policies\/authenticationMethodsPolicy\/authenticationMethodConfigurations\/TemporaryAccessPass failed: 403 /,
      );
      assert.match(error.message, /Policy\.ReadWrite\.AuthenticationMethod/);
      assert.match(error.message, /request-id [0-9a-f-]{36}/);
      assert.deepEqual(tenant(), CUSTOMISED);
    });

    it("surfaces Graph's code, message and request-id for a 400", async () => {
      const message = "Invalid DefaultLength specified. The valid range between 8 and 48.";
      sandbox.fault({
        method: "PATCH",
        path: TAP_PATH,
        status: 400,
        body: {
          error: {
            code: "badRequest",
            message,
            innerError: { "request-id": "11111111-2222-4333-8444-555555555555" },
          },
        },
      });

      await assert.rejects(
        provider.update("TemporaryAccessPass", { ...DESIRED, previous: DESIRED }, { ...DESIRED }),
        {
          message:
            `TemporaryAccessPassPolicy: could not apply the configuration: PATCH ${TAP_PATH} failed: 400 badRequest: ` +
            `${message.slice(0, -1)} (request-id 11111111-2222-4333-8444-555555555555).`,
        },
      );
    });

    it("records `previous` when a create's PATCH may have been applied but got no answer", async () => {
      const flaky = new TemporaryAccessPassPolicyProvider({
        retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 },
      });
      sandbox.setTap(CUSTOMISED);
      sandbox.fault({ method: "PATCH", path: TAP_PATH, reset: "after", times: 2 });

      const error = (await flaky.create({ ...DESIRED, __provider: "the entry the host was given" }).then(
        () => assert.fail("create succeeded although every PATCH lost its answer"),
        (e: unknown) => e,
      )) as { message: string; id?: string; properties?: Record<string, unknown> };

      assert.equal(error.id, "TemporaryAccessPass");
      const { __provider: providerCode, ...recorded } = error.properties ?? {};
      assert.deepEqual(recorded, { ...CUSTOMISED, onDestroy: "restore", previous: CUSTOMISED });
      assert.equal(providerCode, "the entry the host was given", "the host adds no __provider to a failure");
      assert.match(error.message, /Graph may have applied it/);
      assert.deepEqual(tenant(), DESIRED, "the sandbox applied the PATCH before dropping the connection");

      // The next `pulumi up` updates from the recorded state, and destroy still restores what was found.
      const updated = await flaky.update("TemporaryAccessPass", error.properties ?? {}, { ...DESIRED });
      await flaky.delete("TemporaryAccessPass", outsOf(updated));
      assert.deepEqual(tenant(), CUSTOMISED);
    });

    it("records `previous` when the PATCH was applied without an answer and the retries then met only 429s", async () => {
      const flaky = new TemporaryAccessPassPolicyProvider({
        retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
      });
      sandbox.setTap(CUSTOMISED);
      sandbox.fault({ method: "PATCH", path: TAP_PATH, reset: "after" });
      sandbox.fault({ method: "PATCH", path: TAP_PATH, status: 429, times: 2 });

      const error = (await flaky.create({ ...DESIRED }).then(
        () => assert.fail("create succeeded although the retries were throttled"),
        (e: unknown) => e,
      )) as { message: string; id?: string; properties?: Record<string, unknown> };

      assert.deepEqual(tenant(), DESIRED, "the first PATCH was applied before the connection dropped");
      assert.equal(error.id, "TemporaryAccessPass", error.message);
      assert.deepEqual(error.properties?.previous, CUSTOMISED);
      assert.match(error.message, /failed after 3 attempts: 429 /);
      assert.match(
        error.message,
        /An earlier attempt got no clear answer \(attempt 1: no response \(\w+\)\)/,
      );
    });

    it("records the program's provider entry, which loads the TAP provider and is small enough for the host to send", async () => {
      // The host stores a partial failure's properties as the outputs verbatim; read/delete load
      // the provider from `__provider` there, and the properties travel in a gRPC trailer (< 64 KB).
      const entry = { text: thinProviderText(TEMPORARY_ACCESS_PASS_POLICY_PROVIDER, undefined) };
      const flaky = new TemporaryAccessPassPolicyProvider({ retry: { maxRetries: 0 } });
      sandbox.fault({ method: "PATCH", path: TAP_PATH, status: 503 });

      const error = (await flaky.create({ ...DESIRED, providerVersion: "1", __provider: entry.text }).then(
        () => assert.fail("create succeeded although its PATCH failed"),
        (e: unknown) => e,
      )) as { id?: string; properties?: Record<string, unknown> };

      assert.equal(error.id, "TemporaryAccessPass");
      assert.equal(error.properties?.providerVersion, "1");
      const code = String(error.properties?.__provider);
      assert.equal(code, entry.text);
      assert.ok(code.length < 8192, `the recorded provider code is ${code.length} characters`);
      const loaded = (requireFromString(code) as { handler(): pulumi.dynamic.ResourceProvider }).handler();
      const checked = await loaded.check!({}, { ...DESIRED });
      assert.deepEqual(checked.failures ?? [], [], "the recorded code loads the TAP provider");
    });

    it("uses the azuread: stack config from configure over the environment, without showing the secret", async () => {
      await provider.configure({
        config: {
          get: (key: string) => (key === "azuread:clientSecret" ? "not-the-right-secret-1234" : undefined),
          require: () => "",
        },
      });
      const error = await provider.read("TemporaryAccessPass", {}).then(
        () => assert.fail("read succeeded with a wrong client secret"),
        (e: unknown) => e as Error,
      );
      assert.doesNotMatch(error.message, /not-the-right-secret-1234/);
      assert.doesNotMatch(error.message, new RegExp(sandbox.clientSecret));
      assert.deepEqual(sandbox.graphRequests(), []);
    });
  });

  describe("bad inputs", () => {
    const BAD_INPUTS: [string, Record<string, unknown>, string][] = [
      ["state", { state: "on" }, "state"],
      ["defaultLength below 8", { defaultLength: 7 }, "defaultLength"],
      ["defaultLength above 48", { defaultLength: 49 }, "defaultLength"],
      [
        "minimumLifetimeInMinutes below 10",
        { minimumLifetimeInMinutes: 9, defaultLifetimeInMinutes: 10 },
        "minimumLifetimeInMinutes",
      ],
      [
        "maximumLifetimeInMinutes above 43200",
        { maximumLifetimeInMinutes: 43201 },
        "maximumLifetimeInMinutes",
      ],
      [
        "defaultLifetimeInMinutes above 43200",
        { defaultLifetimeInMinutes: 50000 },
        "defaultLifetimeInMinutes",
      ],
      [
        "minimum above maximum",
        { minimumLifetimeInMinutes: 500, defaultLifetimeInMinutes: 500 },
        "minimumLifetimeInMinutes",
      ],
      ["default outside [minimum, maximum]", { defaultLifetimeInMinutes: 30 }, "defaultLifetimeInMinutes"],
      ["isUsableOnce", { isUsableOnce: "no" }, "isUsableOnce"],
      [
        "targetType",
        { includeTargets: [{ id: GROUP_A, targetType: "device" }] },
        "includeTargets[0].targetType",
      ],
      ["id shape", { excludeTargets: [{ id: "not-a-guid", targetType: "group" }] }, "excludeTargets[0].id"],
      [
        "all_users as a user",
        { includeTargets: [{ id: "all_users", targetType: "user" }] },
        "includeTargets[0].targetType",
      ],
      [
        "all_users excluded",
        { excludeTargets: [{ id: "all_users", targetType: "group" }] },
        "excludeTargets[0].id",
      ],
      [
        "duplicate target",
        {
          includeTargets: [
            { id: GROUP_A, targetType: "group" },
            { id: GROUP_A, targetType: "group" },
          ],
        },
        "includeTargets[1].id",
      ],
      ["onDestroy", { onDestroy: "delete" }, "onDestroy"],
      ["unknown property", { lifetime: 60 }, "lifetime"],
    ];

    for (const [rule, overrides, property] of BAD_INPUTS) {
      it(`fails check, create and update on ${rule}, naming ${property}, without a request`, async () => {
        const news = { ...DESIRED, ...overrides };
        const checked = await provider.check({}, news);
        assert.deepEqual(
          checked.failures?.map((f) => f.property),
          [property],
        );
        await assert.rejects(provider.create(news), (e: Error) =>
          e.message.startsWith(`Invalid TemporaryAccessPassPolicy inputs: ${property}: expected `),
        );
        await assert.rejects(
          provider.update("TemporaryAccessPass", { ...DESIRED, previous: DESIRED }, news),
          /Invalid TemporaryAccessPassPolicy inputs/,
        );
        await provider.diff("TemporaryAccessPass", { ...DESIRED }, news);
        assert.deepEqual(sandbox.graphRequests(), []);
        assert.deepEqual(sandbox.requests, []);
      });
    }

    describe("check", () => {
      it("returns failures naming the property, with the inputs unchanged", async () => {
        const news = { ...DESIRED, defaultLength: 4 };
        const result = await provider.check({}, news);
        assert.deepEqual(result.failures, [
          { property: "defaultLength", reason: "expected an integer from 8 to 48, found number 4" },
        ]);
        assert.deepEqual(result.inputs, news);
      });

      it("returns normalized inputs (defaults filled, targets sorted, ids lower-cased) when valid", async () => {
        const result = await provider.check(
          {},
          {
            state: "enabled",
            includeTargets: [
              { id: GROUP_B.toUpperCase(), targetType: "group" },
              { id: GROUP_A, targetType: "group", isRegistrationRequired: true },
            ],
          },
        );
        assert.deepEqual(result.failures ?? [], []);
        assert.deepEqual(result.inputs, {
          state: "enabled",
          defaultLifetimeInMinutes: 60,
          minimumLifetimeInMinutes: 60,
          maximumLifetimeInMinutes: 480,
          defaultLength: 8,
          isUsableOnce: false,
          includeTargets: [
            { id: GROUP_A, targetType: "group", isRegistrationRequired: true },
            { id: GROUP_B, targetType: "group", isRegistrationRequired: false },
          ],
          excludeTargets: [],
          onDestroy: "restore",
        });
      });
    });
  });
});
