/**
 * The program's entry as Pulumi loads it: package.json `main` (infra/index.js) required by a fresh
 * node process that registers ts-node the way @pulumi/pulumi's run.js does, in infra/, with the
 * project's tsconfig (transpile-only). The entry takes the program's TypeScript from the
 * transpile cache and the program registers all its resources.
 */
import { strict as assert } from "node:assert";
import { PROJECT_SETTING, runOnce } from "../../scripts/bench/programPhase";
import { loadStackConfig, toPulumiConfig } from "./runProgram";

describe("the program's entry under Pulumi's ts-node registration", function () {
  this.timeout(30_000);

  it("loads the program transpile-only through the cache and registers every resource", async () => {
    const report = await runOnce(PROJECT_SETTING, toPulumiConfig(loadStackConfig("Pulumi.dev.yaml")));

    assert.equal(report.transpileOnly, true);
    assert.deepEqual(
      [...report.registered].sort(),
      [
        "passwordless:onboarding:PasswordlessOnboarding::onboarding",
        "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy::onboarding-registration-policy",
        "azuread:index/group:Group::onboarding-autopilot-group",
        "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy::onboarding-tap-policy",
        "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment::onboarding-web-sign-in-assignment",
        "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy::onboarding-web-sign-in",
      ].sort(),
    );
  });
});
