/**
 * Runs deploy.yml's first step, the check of the deployer identity's variables, with bash as the
 * runner does. An environment without AZURE_CLIENT_ID or AZURE_TENANT_ID gives the job empty
 * ARM_CLIENT_ID / ARM_TENANT_ID; the step must fail naming the stack and the variables.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { load } from "./workflowFiles";

function runCheck(env: Record<string, string>): { status: number | null; stdout: string } {
  const step = load("deploy").jobs.fleet.steps[0];
  assert.ok(step.run, "the fleet job starts with a run step");
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
    encoding: "utf8",
    timeout: 10000,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return { status: result.status, stdout: result.stdout };
}

const GUID = "11111111-1111-1111-1111-111111111111";
const advice = (stack: string): string =>
  `Set the deployer identity's variables there (Settings > Environments > ${stack}), or remove Pulumi.${stack}.yaml.\n`;

describe("deploy workflow: the deployer variables check", () => {
  it("fails naming the stack, its environment and both variables when neither is set", () => {
    assert.deepEqual(runCheck({ STACK: "contoso-eu", ARM_CLIENT_ID: "", ARM_TENANT_ID: "" }), {
      status: 1,
      stdout:
        "::error::Stack contoso-eu: its GitHub environment contoso-eu has no AZURE_CLIENT_ID and AZURE_TENANT_ID. " +
        advice("contoso-eu"),
    });
  });

  it("names only the variable that is missing", () => {
    assert.deepEqual(runCheck({ STACK: "prod", ARM_CLIENT_ID: GUID, ARM_TENANT_ID: "" }), {
      status: 1,
      stdout: "::error::Stack prod: its GitHub environment prod has no AZURE_TENANT_ID. " + advice("prod"),
    });
    assert.deepEqual(runCheck({ STACK: "prod", ARM_CLIENT_ID: "", ARM_TENANT_ID: GUID }), {
      status: 1,
      stdout: "::error::Stack prod: its GitHub environment prod has no AZURE_CLIENT_ID. " + advice("prod"),
    });
  });

  it("passes silently when both are set", () => {
    assert.deepEqual(runCheck({ STACK: "dev", ARM_CLIENT_ID: GUID, ARM_TENANT_ID: GUID }), {
      status: 0,
      stdout: "",
    });
  });
});
