/**
 * Explicit provider resources in the offline engine: `new azuread.Provider(name, args)` is a
 * `pulumi:providers:azuread` resource in state (its config as inputs, no secret), every resource
 * and invoke given `{ provider }` acts in that provider's tenant, a changed config is an update of
 * the provider under the same id, and a provider is deleted only after the resources that use it.
 * Two sandbox tenants behind one server; the CLI's environment names the first (contoso), whose
 * identity the default provider uses.
 */
import { strict as assert } from "node:assert";
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { startSandboxes, type Sandbox } from "../../sandbox";
import { OfflineDriver } from "./offlineDriver";
import type { ResourceRecord } from "./stackState";

const PROVIDER = "pulumi:providers:azuread";
const GROUP = "azuread:index/group:Group";
const URN_PREFIX = "urn:pulumi:offline::passwordless-onboarding::";
const UNKNOWN_TENANT = "0badc0de-0000-4000-8000-00000000f00d";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Declared {
  /** The fabrikam provider's settings; none: fabrikam is not declared. */
  fabrikam?: azuread.ProviderArgs;
  /** Look fabrikam's group up by name through its provider. */
  lookUp?: boolean;
}

const group = (name: string, displayName: string, provider?: azuread.Provider) =>
  new azuread.Group(name, { displayName, securityEnabled: true }, provider ? { provider } : {});

describe("offline engine: explicit provider resources", function () {
  this.timeout(30_000);
  let contoso: Sandbox;
  let fabrikam: Sandbox;
  let driver: OfflineDriver;
  let declared: Declared;

  before(async () => {
    [contoso, fabrikam] = await startSandboxes(2);
  });
  after(async () => {
    await contoso?.stop();
  });
  beforeEach(() => {
    contoso.resetTenant();
    fabrikam.resetTenant();
    declared = { fabrikam: { tenantId: fabrikam.tenantId, clientId: fabrikam.clientId } };
    driver = new OfflineDriver({
      sandbox: contoso,
      program: () => {
        const contosoProvider = new azuread.Provider("contoso", {
          tenantId: contoso.tenantId,
          clientId: contoso.clientId,
        });
        group("contoso-group", "Devices (contoso)", contosoProvider);
        group("default-group", "Devices (default provider)");
        if (!declared.fabrikam) return {};
        const fabrikamProvider = new azuread.Provider("fabrikam", declared.fabrikam);
        const fabrikamGroup = group("fabrikam-group", "Devices (fabrikam)", fabrikamProvider);
        if (!declared.lookUp) return { fabrikamGroup: fabrikamGroup.objectId };
        return {
          found: fabrikamGroup.objectId.apply(() =>
            azuread
              .getGroup({ displayName: "Devices (fabrikam)" }, { provider: fabrikamProvider })
              .then((result) => result.objectId),
          ),
        };
      },
    });
  });
  afterEach(async () => {
    await driver.dispose();
  });

  const record = (name: string): ResourceRecord => {
    const match = driver.state().resources.find((resource) => resource.name === name);
    assert.ok(match, `${name} is in state`);
    return match;
  };
  const steps = () => driver.steps().map((step) => `${step.op} ${step.name}`);
  const names = (sandbox: Sandbox) => sandbox.groups().map((g) => g.displayName);

  it("keeps each provider in state with its config and no secret, and runs each resource and invoke in its provider's tenant", async () => {
    declared.lookUp = true;
    const result = await driver.up({});

    assert.equal(result.error, undefined);
    assert.deepEqual(names(contoso).sort(), ["Devices (contoso)", "Devices (default provider)"]);
    assert.deepEqual(names(fabrikam), ["Devices (fabrikam)"]);
    const fabrikamGroupId = String(fabrikam.groups()[0].id);
    assert.deepEqual(result.outputs, { found: fabrikamGroupId }, "the invoke ran in fabrikam");
    // The group's owner is the caller: fabrikam's own service principal (its token's oid).
    assert.deepEqual(fabrikam.groupOwners(fabrikamGroupId), [fabrikam.servicePrincipalId]);
    assert.deepEqual(
      [...new Set(fabrikam.graphRequests().map((r) => r.caller?.tenantId))],
      [fabrikam.tenantId],
      "only fabrikam's tokens reached fabrikam",
    );

    const provider = record("fabrikam");
    assert.equal(provider.urn, `${URN_PREFIX}${PROVIDER}::fabrikam`);
    assert.match(provider.id, GUID);
    const config = {
      clientId: fabrikam.clientId,
      environment: "public",
      tenantId: fabrikam.tenantId,
      useMsi: "false",
      version: "6.9.1",
    };
    assert.deepEqual(provider.inputs, { ...config, __internal: {} });
    assert.deepEqual(provider.outputs, config);
    assert.equal(record("fabrikam-group").provider, `${provider.urn}::${provider.id}`);
    assert.equal(record("contoso-group").provider, `${record("contoso").urn}::${record("contoso").id}`);
    assert.equal(record("default-group").provider, undefined);
    assert.ok(!JSON.stringify(driver.state()).includes(contoso.clientSecret), "no secret in state");
    assert.deepEqual(
      result.changes.map((change) => `${change.op} ${change.name}`).sort(),
      ["create contoso-group", "create default-group", "create fabrikam-group"],
      "the run's changes leave providers out, as the CLI's do",
    );
    assert.deepEqual(
      steps()
        .filter((step) => step.startsWith("create ") && !step.endsWith("-group"))
        .sort(),
      ["create contoso", "create fabrikam"],
    );

    const again = await driver.up({});
    assert.equal(again.error, undefined);
    assert.deepEqual(new Set(steps().map((step) => step.split(" ")[0])), new Set(["same"]));
    assert.equal(record("fabrikam").id, provider.id, "a provider keeps its id");
  });

  it("updates a provider whose config changed under the same id, and steps its resources through the new config", async () => {
    await driver.up({});
    const before = record("fabrikam");
    declared.fabrikam = { ...declared.fabrikam, tenantId: contoso.tenantId };

    const moved = await driver.up({});

    assert.equal(moved.error, undefined);
    assert.deepEqual(
      driver.steps().filter((step) => step.name === "fabrikam"),
      [{ type: PROVIDER, name: "fabrikam", op: "update", diffs: ["tenantId"] }],
    );
    assert.equal(record("fabrikam").id, before.id);
    assert.equal(record("fabrikam").inputs.tenantId, contoso.tenantId);
    // The engine does not replace resources for a provider update: the group stays where it was
    // made, and a refresh now reads it in contoso, which does not have it.
    assert.ok(steps().includes("same fabrikam-group"));
    const refreshed = await driver.refresh({});
    assert.deepEqual(
      refreshed.changes.filter((change) => change.op === "delete").map((change) => change.name),
      ["fabrikam-group"],
    );
    assert.deepEqual(names(fabrikam), ["Devices (fabrikam)"]);
  });

  it("deletes a provider only after the resources that use it: dropped from the program, then on destroy", async () => {
    await driver.up({});
    delete declared.fabrikam;

    const dropped = await driver.up({});

    assert.equal(dropped.error, undefined);
    assert.deepEqual(
      steps().filter((step) => step.startsWith("delete")),
      ["delete fabrikam-group", "delete fabrikam"],
    );
    assert.deepEqual(fabrikam.groups(), []);
    const destroyed = await driver.destroy({});
    assert.equal(destroyed.error, undefined);
    const deletes = steps();
    for (const [resource, provider] of [["contoso-group", "contoso"]])
      assert.ok(
        deletes.indexOf(`delete ${resource}`) < deletes.indexOf(`delete ${provider}`),
        deletes.join(", "),
      );
    assert.deepEqual(driver.state().resources, []);
    assert.deepEqual(contoso.groups(), []);
  });

  it("creates a provider for a tenant the client cannot sign in to; its resources fail with the sign-in error naming the tenant", async () => {
    declared.fabrikam = { tenantId: UNKNOWN_TENANT, clientId: fabrikam.clientId };

    const result = await driver.up({});

    assert.equal(result.ok, false);
    const prefix =
      `${GROUP} (fabrikam-group): error: 1 error occurred:\n\t* unable to obtain access token: ` +
      "clientCredentialsToken: received HTTP status 400 with response: ";
    assert.ok(result.error?.startsWith(prefix), result.error);
    assert.ok(
      result.error?.includes(`AADSTS90002: Tenant '${UNKNOWN_TENANT}' not found.`),
      "the error names the tenant",
    );
    assert.equal(record("fabrikam").inputs.tenantId, UNKNOWN_TENANT, "the provider itself was created");
    assert.equal(
      driver.state().resources.find((resource) => resource.name === "fabrikam-group"),
      undefined,
    );
    assert.deepEqual(fabrikam.requests, []);
  });

  it("refuses a provider configured with a secret it would have to keep in state", async () => {
    declared.fabrikam = { ...declared.fabrikam, clientSecret: pulumi.secret("s3cr3t-in-the-program") };

    const result = await driver.preview({});

    assert.equal(
      result.error,
      `${PROVIDER} (fabrikam): error: the offline engine does not emulate an azuread provider configured with clientSecret`,
    );
  });
});
