/**
 * The program runs with the CLI's environment: `pulumi up` starts the language host with the
 * environment it was started with (the ARM_* identity among it), so the program's own Graph calls
 * (the adoption lookups, infra/native/programGraphClient.ts) sign in with the identity the
 * providers use. The offline driver runs the program in the test process, so it must put that
 * environment in place for the run, and take it away afterwards.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { findByDisplayName } from "../../../infra/native/existingObjects";
import { programGraphClient } from "../../../infra/native/programGraphClient";
import { startSandbox, type Sandbox } from "../../sandbox";
import { OfflineDriver } from "./offlineDriver";

const POLICY_NAME = "Require MFA to register security info";

describe("offline engine: the program's environment", function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let driver: OfflineDriver;

  before(async () => {
    sandbox = await startSandbox();
    // The adoption lookup of infra/index.ts, as a program of its own (no provider host needed).
    driver = new OfflineDriver({
      sandbox,
      program: () => ({
        found: pulumi.output(
          findByDisplayName(programGraphClient(), "conditionalAccessPolicy", POLICY_NAME).then((found) =>
            found.map((object) => object.id),
          ),
        ),
      }),
    });
  });
  after(async () => {
    await driver?.dispose();
    await sandbox?.stop();
  });

  it("signs the program's own Graph calls in with the CLI's identity, and restores the test process's environment", async () => {
    const policyId = sandbox.seedConditionalAccessPolicy({
      displayName: POLICY_NAME,
      state: "disabled",
      conditions: {
        clientAppTypes: ["all"],
        applications: { includeUserActions: ["urn:user:registersecurityinfo"] },
        users: { includeUsers: ["All"] },
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    });
    const connection = Object.keys(sandbox.env());
    const before = connection.map((name) => process.env[name]);

    const result = await driver.up({});

    assert.equal(result.error, undefined);
    assert.deepEqual(result.outputs, { found: [policyId] });
    assert.deepEqual(
      sandbox.graphRequests().map((r) => `${r.method} ${r.path} ${r.status}`),
      ["GET /v1.0/identity/conditionalAccess/policies 200"],
    );
    assert.deepEqual(
      connection.map((name) => process.env[name]),
      before,
      "the test process's environment is restored",
    );
  });
});
