/**
 * The program as the Pulumi CLI runs it: the SDK's own language runtime (`@pulumi/pulumi/cmd/run`)
 * started with the language host's arguments in infra/, which registers ts-node from
 * infra/tsconfig.json and requires package.json `main` (infra/index.js), against a resource
 * monitor and an engine on 127.0.0.1 (test/engine/languageRuntime.ts).
 */
import { strict as assert } from "node:assert";
import { runUnderLanguageRuntime } from "../engine/languageRuntime";
import { loadStackConfig, toPulumiConfig } from "./runProgram";

/** Asserts the run failed with only the root stack registered; returns the error messages (one). */
function stoppedBeforeAnyResource(run: Awaited<ReturnType<typeof runUnderLanguageRuntime>>): string[] {
  assert.notEqual(run.exitCode, 0);
  assert.deepEqual(
    run.registrations.map((r) => r.type),
    ["pulumi:pulumi:Stack"],
  );
  const errors = run.logs.filter((entry) => entry.severity >= 3).map((entry) => entry.message);
  assert.equal(errors.length, 1, errors.join("\n---\n"));
  return errors;
}

describe("the program under the SDK's language runtime", function () {
  this.timeout(60_000);

  it("previews Pulumi.dev.yaml: the root stack and every resource registered, exit 0", async () => {
    const run = await runUnderLanguageRuntime({
      stack: "dev",
      config: toPulumiConfig(loadStackConfig("Pulumi.dev.yaml")),
      preview: true,
    });

    const errors = run.logs.filter((entry) => entry.severity >= 3).map((entry) => entry.message);
    assert.deepEqual(errors, []);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(
      run.registrations.map((r) => `${r.type}::${r.name}`).sort(),
      [
        "pulumi:pulumi:Stack::passwordless-onboarding-dev",
        "passwordless:onboarding:PasswordlessOnboarding::onboarding",
        "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy::onboarding-registration-policy",
        "azuread:index/group:Group::onboarding-autopilot-group",
        "pulumi-nodejs:dynamic/entra:DisplayNameGuard::onboarding-registration-policy-guard",
        "pulumi-nodejs:dynamic/entra:DisplayNameGuard::onboarding-autopilot-group-guard",
        "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy::onboarding-tap-policy",
        "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment::onboarding-web-sign-in-assignment",
        "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy::onboarding-web-sign-in",
      ].sort(),
    );
    assert.ok(run.programStartedAt !== undefined && run.programStartedAt > run.spawnedAt);
  });

  it("stops a bad config before any resource, with the key in the engine's error and a non-zero exit", async () => {
    const config = toPulumiConfig({
      ...loadStackConfig("Pulumi.dev.yaml"),
      "passwordless-onboarding:autopilot": { groupDisplayName: "" },
    });
    const run = await runUnderLanguageRuntime({ stack: "dev", config, preview: true });

    const errors = stoppedBeforeAnyResource(run);
    assert.match(errors[0], /Invalid stack configuration \(1 problem\)/);
    assert.match(errors[0], /passwordless-onboarding:autopilot\.groupDisplayName/);
    assert.doesNotMatch(errors[0], /\n\s+at /, "a config error is shown without a stack trace");
  });

  it("stops on a reference it cannot resolve, once, without a stack trace, before any resource", async () => {
    // This harness's monitor implements no Invoke: azuread.getUser fails, as a lookup without
    // access to the tenant would.
    const dev = loadStackConfig("Pulumi.dev.yaml");
    const config = toPulumiConfig({
      ...dev,
      "passwordless-onboarding:registrationPolicy": {
        ...(dev["passwordless-onboarding:registrationPolicy"] as object),
        breakGlassUserIds: [{ userPrincipalName: "breakglass@contoso.com" }],
      },
    });
    const run = await runUnderLanguageRuntime({ stack: "dev", config, preview: true });

    const errors = stoppedBeforeAnyResource(run);
    assert.match(
      errors[0],
      /^Cannot resolve the groups and users the stack config names \(1 problem\); no resource was declared:\n {2}- passwordless-onboarding:registrationPolicy\.breakGlassUserIds\[0\]: could not look up the user with userPrincipalName "breakglass@contoso\.com" \(azuread\.getUser: /,
    );
    assert.doesNotMatch(errors[0], /\n\s+at /, "shown without a stack trace");
  });
});
