/**
 * The fleet example (examples/fleet) under Pulumi mocks: one PasswordlessOnboarding per tenant,
 * each acting on its own tenant. The Graph resources carry their tenant's connection as an input;
 * the registration policy and the group are managed through that tenant's azuread provider.
 */
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { runProgram, type RecordedResource } from "./runProgram";

const EXAMPLE = join(__dirname, "..", "..", "examples", "fleet");
const PROGRAM = join(EXAMPLE, "index.ts");
const GRAPH_TYPES = [
  "pulumi-nodejs:dynamic/entra:DisplayNameGuard",
  "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy",
  "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy",
  "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment",
];

interface FleetDocument {
  tenants: Record<
    string,
    { connection: Record<string, unknown>; config: Record<string, Record<string, unknown>> }
  >;
}
const exampleFleet = () => parse(readFileSync(join(EXAMPLE, "tenants.yaml"), "utf8")) as FleetDocument;

describe("the fleet example: one program, several tenants (Pulumi mocks)", function () {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "fleet-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => delete process.env.FLEET_FILE);

  /** Runs the example with `document` as its fleet file. */
  async function runFleet(document: FleetDocument, recordInto: RecordedResource[] = []) {
    const file = join(dir, `fleet-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, stringify(document));
    process.env.FLEET_FILE = file;
    return runProgram({}, { program: PROGRAM, recordInto });
  }

  it("declares each tenant's resources against that tenant's connection only", async () => {
    const fleet = exampleFleet();
    const { resources } = await runFleet(fleet);
    assert.deepEqual(Object.keys(fleet.tenants), ["contoso", "fabrikam", "northwind"]);
    for (const [tenant, { connection }] of Object.entries(fleet.tenants)) {
      const own = resources.filter((resource) => resource.name.startsWith(`${tenant}-`));
      const [provider] = own.filter((resource) => resource.type === "pulumi:providers:azuread");
      // The azuread SDK passes provider settings as strings and wraps clientId as a secret.
      const clientId = provider.inputs.clientId as { value?: unknown } | string;
      assert.deepEqual(
        {
          tenantId: provider.inputs.tenantId,
          clientId: typeof clientId === "string" ? clientId : clientId.value,
          useOidc: provider.inputs.useOidc,
        },
        { tenantId: connection.tenantId, clientId: connection.clientId, useOidc: "true" },
        `${tenant}: the azuread provider signs in as the connection says`,
      );
      const graphResources = own.filter((resource) => GRAPH_TYPES.includes(resource.type));
      assert.deepEqual(
        graphResources.map((resource) => resource.name).sort(),
        [
          `${tenant}-registration-policy-guard`,
          `${tenant}-tap-policy`,
          `${tenant}-web-sign-in`,
          `${tenant}-web-sign-in-assignment`,
          ...(tenant === "fabrikam" ? [] : [`${tenant}-autopilot-group-guard`]),
        ].sort(),
      );
      for (const resource of graphResources) {
        assert.deepEqual(
          resource.inputs.connection,
          connection,
          `${resource.name} acts on ${tenant}'s tenant`,
        );
      }
      const azureadResources = own.filter((resource) => resource.type.startsWith("azuread:index/"));
      assert.deepEqual(
        azureadResources.map((resource) => resource.type).sort(),
        tenant === "fabrikam"
          ? ["azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy"]
          : ["azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy", "azuread:index/group:Group"],
      );
      for (const resource of azureadResources) {
        assert.match(
          String(resource.provider),
          new RegExp(`\\$pulumi:providers:azuread::${tenant}-azuread::`),
        );
      }
    }
  });

  it("refuses the same tenant twice, naming both components", async () => {
    const fleet = exampleFleet();
    fleet.tenants.fabrikam.connection.tenantId = String(
      fleet.tenants.contoso.connection.tenantId,
    ).toUpperCase();
    const recorded: RecordedResource[] = [];
    await assert.rejects(runFleet(fleet, recorded), {
      message:
        `PasswordlessOnboarding "fabrikam" acts on tenant ${String(fleet.tenants.fabrikam.connection.tenantId)}, ` +
        `which "contoso" already manages in this program. A tenant has one Temporary Access Pass policy, so one ` +
        "component per tenant: give each component its own tenant's connection, or remove one of them.",
    });
    assert.ok(
      !recorded.some((resource) => resource.name.startsWith("fabrikam")),
      "nothing of fabrikam declared",
    );
  });

  it("runs the guardrails in the component, before any of its resources: a one-time pass is stopped", async () => {
    const fleet = exampleFleet();
    fleet.tenants.northwind.config.temporaryAccessPass.isUsableOnce = true;
    const recorded: RecordedResource[] = [];
    await assert.rejects(runFleet(fleet, recorded), (error: Error) => {
      assert.match(
        error.message,
        /^Guardrails stopped the program before any resource was declared \(1 blocking finding\):/,
      );
      assert.match(error.message, /PO-TAP-001/);
      return true;
    });
    assert.ok(
      !recorded.some((resource) => resource.name.startsWith("northwind")),
      "nothing of northwind declared",
    );
  });

  it("validates the raw config with the stack config's messages, and refuses a secret in the connection", async () => {
    const fleet = exampleFleet();
    fleet.tenants.contoso.config.temporaryAccessPass.defaultLifetimeInMinutes = 5;
    await assert.rejects(runFleet(fleet), {
      message:
        "Invalid stack configuration (1 problem):\n" +
        "  - passwordless-onboarding:temporaryAccessPass.defaultLifetimeInMinutes must be an integer between 10 and 43200; got 5",
    });
    const withSecret = exampleFleet();
    withSecret.tenants.contoso.connection.clientSecret = "not-a-real-secret";
    await assert.rejects(runFleet(withSecret), (error: Error) => {
      assert.match(error.message, /^PasswordlessOnboarding "contoso": invalid connection \(1 problem\):/);
      assert.match(error.message, /connection\.clientSecret: a secret is never an input/);
      assert.doesNotMatch(error.message, /not-a-real-secret/);
      return true;
    });
  });
});
