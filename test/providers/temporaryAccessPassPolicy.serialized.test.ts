/**
 * The TAP provider as Pulumi stores it: serialized with its closure, loaded in a fresh process
 * that has only the sandbox's environment, and run there against the sandbox.
 */
import * as assert from "node:assert/strict";
import { TEMPORARY_ACCESS_PASS_POLICY_PROVIDER } from "../../infra/providers/temporaryAccessPassPolicy";
import { thinProviderText } from "../../infra/providers/thinProvider";
import {
  MICROSOFT_DEFAULT_TAP_CONFIGURATION,
  TapConfiguration,
} from "../../infra/providers/temporaryAccessPass/model";
import { normalizeTapConfiguration } from "../../infra/providers/temporaryAccessPass/normalize";
import type { Sandbox } from "../sandbox";
import { requestLines } from "./support/providerSuite";
import { runSerializedProvider } from "./support/serializedProviderRunner";
import { useSerializedProvider } from "./support/serializedSuite";

const TAP_PATH =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
const DESIRED: TapConfiguration = {
  state: "enabled",
  defaultLifetimeInMinutes: 120,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 12,
  isUsableOnce: false,
  includeTargets: [
    { id: "00000000-0000-4000-8000-0000000000aa", targetType: "group", isRegistrationRequired: false },
  ],
  excludeTargets: [],
};

describe("TemporaryAccessPassPolicyProvider serialized and run in a fresh process", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let text: string;

  useSerializedProvider(
    () =>
      thinProviderText(TEMPORARY_ACCESS_PASS_POLICY_PROVIDER, {
        retry: { baseDelayMs: 1, maxDelayMs: 20 },
      }),
    (ready) => ({ sandbox, text } = ready),
  );

  it("holds no credential and stays small", () => {
    assert.ok(!text.includes(sandbox.clientSecret), "the serialized provider contains the client secret");
    assert.ok(!text.includes(sandbox.tenantId), "the serialized provider contains the tenant id");
    const kilobytes = Buffer.byteLength(text, "utf8") / 1024;
    assert.ok(kilobytes < 10, `serialized provider is ${kilobytes.toFixed(1)} KB`);
  });

  it("creates, reads and deletes (restore) against the sandbox", async () => {
    sandbox.setTap(MICROSOFT_DEFAULT_TAP_CONFIGURATION);
    sandbox.clearLog();

    const results = await runSerializedProvider({
      text,
      env: sandbox.env(),
      steps: [
        { method: "check", args: [{}, { ...DESIRED }] },
        { method: "create", args: [{ $step: 0, path: ["inputs"] }] },
        { method: "read", args: ["TemporaryAccessPass", { $step: 1, path: ["outs"] }] },
        { method: "delete", args: ["TemporaryAccessPass", { $step: 2, path: ["props"] }] },
      ],
    });

    const [checked, created, read, deleted] = results;
    assert.deepEqual(checked, { ok: true, value: { inputs: { ...DESIRED, onDestroy: "restore" } } });
    assert.deepEqual(created, {
      ok: true,
      value: {
        id: "TemporaryAccessPass",
        outs: { ...DESIRED, onDestroy: "restore", previous: MICROSOFT_DEFAULT_TAP_CONFIGURATION },
      },
    });
    assert.deepEqual(read, {
      ok: true,
      value: {
        id: "TemporaryAccessPass",
        props: { ...DESIRED, onDestroy: "restore", previous: MICROSOFT_DEFAULT_TAP_CONFIGURATION },
        inputs: { ...DESIRED, onDestroy: "restore" },
      },
    });
    assert.deepEqual(deleted, { ok: true, value: null });
    assert.deepEqual(requestLines(sandbox), [
      `GET ${TAP_PATH} 200`,
      `PATCH ${TAP_PATH} 204`,
      `GET ${TAP_PATH} 200`,
      `PATCH ${TAP_PATH} 204`,
    ]);
    assert.deepEqual(normalizeTapConfiguration(sandbox.tap()), MICROSOFT_DEFAULT_TAP_CONFIGURATION);
  });

  it("reports Graph's 403 naming the permission from the fresh process", async () => {
    sandbox.revoke("Policy.ReadWrite.AuthenticationMethod");
    try {
      const [created] = await runSerializedProvider({
        text,
        env: sandbox.env(),
        steps: [{ method: "create", args: [{ ...DESIRED }] }],
      });
      assert.equal(created.ok, false);
      // Error subclasses lose their message in serialization; the text must still say it all.
      assert.match(
        created.ok ? "" : created.error.message,
        /^TemporaryAccessPassPolicy: could not apply the configuration: PATCH \/v1\.0\/policies\/authenticationMethodsPolicy\/authenticationMethodConfigurations\/TemporaryAccessPass failed: 403 .*\(request-id [0-9a-f-]{36}\)\..*Policy\.ReadWrite\.AuthenticationMethod/,
      );
    } finally {
      sandbox.grant("Policy.ReadWrite.AuthenticationMethod");
    }
  });
});
