/**
 * With the client secret in the program's and the host's environment (ARM_CLIENT_SECRET) and in the
 * `azuread:clientSecret` stack config sent through Configure, the secret appears in no serialized
 * provider, no output the engine would write to state, no error message and nothing the host
 * prints, even when Graph or the token endpoint echo it back.
 */
import { strict as assert } from "node:assert";
import { DeployedResource } from "./deployment";
import { startEngineScenario, stopEngineScenario, type EngineScenario } from "./engineScenario";
import { projectProviderText } from "./projectProviders";
import { HostCallError, resourceRef } from "./providerHost";
import { WEB_SIGN_IN_SETTING } from "./webSignInSetting";

describe("client secret hygiene in the dynamic-provider host", function () {
  this.timeout(30_000);
  let scenario: EngineScenario;
  let secret: string;
  let texts: { tap: string; policy: string; assignment: string };
  /** Everything a resource wrote to state or returned in an error during these tests. */
  const seen: string[] = [];

  const rememberError = (error: unknown): HostCallError => {
    assert.ok(error instanceof HostCallError, `expected a HostCallError, got ${String(error)}`);
    seen.push(error.message);
    return error;
  };

  before(async () => {
    scenario = await startEngineScenario({
      config: (sandbox) => ({
        "azuread:tenantId": sandbox.tenantId,
        "azuread:clientId": sandbox.clientId,
        "azuread:clientSecret": sandbox.clientSecret,
      }),
      secretConfigKeys: ["azuread:clientSecret"],
    });
    secret = scenario.sandbox.clientSecret;
    // `pulumi up` makes the providers' texts in a program process that holds the credentials in
    // its environment: so does this test, then it puts the environment back.
    const saved = { ...process.env };
    Object.assign(process.env, scenario.sandbox.env());
    try {
      texts = {
        tap: projectProviderText("TemporaryAccessPassPolicy"),
        policy: projectProviderText("SettingsCatalogPolicy"),
        assignment: projectProviderText("ConfigurationPolicyAssignment"),
      };
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
    for (const text of Object.values(texts))
      assert.ok(!text.includes(secret), "a provider text holds the secret");
  });

  after(async () => {
    const stderr = scenario?.host.stderr ?? "";
    await stopEngineScenario(scenario);
    assert.ok(!stderr.includes(secret), "the provider host printed the client secret");
  });

  it("serializes none of the three providers with the secret in its text", () => {
    for (const text of Object.values(texts)) assert.ok(text.length > 0 && !text.includes(secret));
  });

  // Before any sign-in succeeds: the host keeps a token for the whole process once it has one.
  it("keeps the secret out of a failed sign-in that echoes it", async () => {
    const { sandbox, host } = scenario;
    sandbox.fault({
      path: /\/oauth2\/v2\.0\/token$/,
      times: 10,
      status: 401,
      body: {
        error: "invalid_client",
        error_description: `AADSTS7000215: Invalid client secret provided: ${secret}`,
        error_codes: [7000215],
      },
    });
    const ref = resourceRef("pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy", "login-error");

    const error = await host
      .create(ref, {
        name: "Never created",
        platforms: "windows10",
        technologies: "mdm",
        settings: [WEB_SIGN_IN_SETTING],
        __provider: texts.policy,
      })
      .then(() => assert.fail("Create should fail"), rememberError);
    sandbox.clearFaults();

    assert.ok(!error.message.includes(secret), error.message);
    // The sign-in failure must stay recognisable; an error class that lost its message shows "[object Object]".
    assert.match(
      error.details,
      /^Creating settings-catalog profile "Never created": .*(invalid_client|AADSTS7000215|TokenRequestFailed)/,
    );
  });

  it("signs in with the secret (config and environment) yet returns no output containing it", async () => {
    const { sandbox, host } = scenario;
    const groupId = sandbox.addGroup({
      displayName: "Autopilot devices",
      securityEnabled: true,
      mailEnabled: false,
    });

    const tap = new DeployedResource(
      host,
      resourceRef("pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy", "tap"),
    );
    await tap.up({ state: "enabled", defaultLength: 10, __provider: texts.tap });
    await tap.up({ state: "enabled", defaultLength: 12, __provider: texts.tap });
    await tap.refresh();
    const policy = new DeployedResource(
      host,
      resourceRef("pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy", "p"),
    );
    await policy.up({
      name: "Web sign-in",
      platforms: "windows10",
      technologies: "mdm",
      settings: [WEB_SIGN_IN_SETTING],
      __provider: texts.policy,
    });
    await policy.up({
      name: "Web sign-in",
      description: "changed",
      platforms: "windows10",
      technologies: "mdm",
      settings: [WEB_SIGN_IN_SETTING],
      __provider: texts.policy,
    });
    await policy.refresh();
    const policyId = policy.state?.id ?? "";
    const assignment = new DeployedResource(
      host,
      resourceRef("pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment", "a"),
    );
    await assignment.up({
      policyId,
      assignments: [{ target: "group", groupId }],
      __provider: texts.assignment,
    });
    await assignment.up({ policyId, assignments: [{ target: "allDevices" }], __provider: texts.assignment });
    await assignment.refresh();

    assert.equal(sandbox.tap().defaultLength, 12);
    assert.equal(sandbox.configurationPolicy(policyId)?.description, "changed");
    assert.ok(
      sandbox.requests.some((r) => r.kind === "login"),
      "the providers signed in",
    );
    for (const resource of [tap, policy, assignment]) {
      const state = JSON.stringify(resource.state);
      seen.push(state);
      assert.ok(!state.includes(secret), `${resource.ref.name}'s state contains the client secret`);
    }
  });

  it("keeps the secret out of a Graph error that echoes it, while keeping Graph's code and request id", async () => {
    const { sandbox, host } = scenario;
    sandbox.fault({
      method: "PATCH",
      path: /TemporaryAccessPass$/,
      status: 400,
      body: {
        error: {
          code: "badRequest",
          message: `Invalid value near '${secret}'`,
          innerError: { "request-id": "req-echo-1" },
        },
      },
    });
    const ref = resourceRef("pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy", "tap-error");

    const error = await host
      .create(ref, { state: "enabled", __provider: texts.tap })
      .then(() => assert.fail("Create should fail"), rememberError);

    assert.ok(!error.message.includes(secret), error.message);
    assert.match(error.details, /badRequest/);
    assert.match(error.details, /req-echo-1/);
  });

  it("has seen nothing that contains the secret", () => {
    assert.ok(seen.length >= 5);
    assert.deepEqual(
      seen.filter((text) => text.includes(secret)),
      [],
    );
  });
});
