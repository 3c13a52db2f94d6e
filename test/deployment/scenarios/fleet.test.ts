/**
 * The fleet example (examples/fleet) run as its own project against two tenants of one sandbox:
 * one program, one PasswordlessOnboarding per tenant, each acting through its own connection (an
 * explicit azuread provider for the Conditional Access policy and the group, the `connection` input
 * for the Graph resources). Each tenant ends with exactly its own objects and sees only its own
 * tokens; a drift in one is reported on that tenant's resource only; destroy gives each back what it
 * had. An entry added for a tenant the app cannot sign in to fails at that entry's first sign-in
 * (Entra answers AADSTS90002 for the tenant) and leaves the deployed tenants and their state as
 * they were.
 */
import * as assert from "node:assert/strict";
import type { ResourceRecord } from "../offline/stackState";
import { fleetWrites, tenantObjects, useFleet, type Fleet, type FleetTenant } from "./fleetScenario";
import { expectChanges, stackConfig, type ExpectedChange } from "./scenario";

const UNKNOWN_TENANT = "0badc0de-0000-4000-8000-00000000f00d";
const AZUREAD_PROVIDER = "pulumi:providers:azuread";
const GUARD = "pulumi-nodejs:dynamic/entra:DisplayNameGuard";

type Json = Record<string, unknown>;

/**
 * Each tenant's settings differ: names (carrying the entry's name), TAP lifetimes and length, CA
 * state, its own or an existing Autopilot group. `name` defaults to the tenant's entry name.
 */
function fleetConfig(tenant: FleetTenant, name = tenant.name): Json {
  const base = stackConfig(tenant.ids);
  const own = <T extends Json>(section: string, changes: T): Json => ({
    ...(base[section] as Json),
    ...changes,
  });
  if (name !== "fabrikam")
    return stackConfig(tenant.ids, {
      registrationPolicy: own("registrationPolicy", { displayName: `Require MFA to register (${name})` }),
      autopilot: { groupDisplayName: `Autopilot devices (${name})` },
      webSignIn: own("webSignIn", { policyName: `Windows - Web sign-in (${name})` }),
    });
  return stackConfig(tenant.ids, {
    temporaryAccessPass: own("temporaryAccessPass", {
      defaultLifetimeInMinutes: 240,
      maximumLifetimeInMinutes: 720,
      defaultLength: 10,
    }),
    registrationPolicy: own("registrationPolicy", {
      displayName: "Require MFA to register (fabrikam)",
      state: "enabled",
    }),
    autopilot: { existingGroupId: tenant.ids.existingDeviceGroupId },
    webSignIn: own("webSignIn", { policyName: "Windows - Web sign-in (fabrikam)" }),
  });
}

/** The resources a tenant's component creates, by name (the fleet entry's name prefixes each). */
function created(tenant: FleetTenant): ExpectedChange[] {
  const group = tenant.name === "contoso";
  return [
    "registration-policy-guard",
    ...(group ? ["autopilot-group-guard", "autopilot-group"] : []),
    "tap-policy",
    "registration-policy",
    "web-sign-in",
    "web-sign-in-assignment",
  ].map((resource) => ({ op: "create", name: `${tenant.name}-${resource}` }));
}

function tapSettings(tap: Json): Json {
  return {
    state: tap.state,
    minimumLifetimeInMinutes: tap.minimumLifetimeInMinutes,
    defaultLifetimeInMinutes: tap.defaultLifetimeInMinutes,
    maximumLifetimeInMinutes: tap.maximumLifetimeInMinutes,
    defaultLength: tap.defaultLength,
    isUsableOnce: tap.isUsableOnce,
    includeGroupIds: ((tap.includeTargets as Json[] | undefined) ?? []).map((target) => target.id),
  };
}

/** Ids and names that belong to `tenant` only. */
function ownMarks(tenant: FleetTenant): string[] {
  return [
    tenant.name,
    tenant.sandbox.tenantId,
    tenant.sandbox.servicePrincipalId,
    ...tenant.groupIdsBefore,
    ...tenant.ids.breakGlassUserIds,
    ...tenant.sandbox.groups().map((group) => String(group.id)),
    ...tenant.sandbox.conditionalAccessPolicies().map((policy) => String(policy.id)),
    ...tenant.sandbox.configurationPolicies().map((policy) => String(policy.id)),
  ];
}

/** The tenant holds exactly its own objects as `config` declares them, and nothing of `other`. */
function assertOwnObjects(tenant: FleetTenant, other: FleetTenant, outputs: Json): void {
  const { sandbox, ids, name } = tenant;
  const config = fleetConfig(tenant);
  const tap = config.temporaryAccessPass as Json;
  assert.deepEqual(tapSettings(sandbox.tap()), {
    state: "enabled",
    minimumLifetimeInMinutes: tap.minimumLifetimeInMinutes,
    defaultLifetimeInMinutes: tap.defaultLifetimeInMinutes,
    maximumLifetimeInMinutes: tap.maximumLifetimeInMinutes,
    defaultLength: tap.defaultLength,
    isUsableOnce: false,
    includeGroupIds: [ids.newHiresGroupId],
  });

  const policies = sandbox.conditionalAccessPolicies();
  assert.equal(policies.length, 1, `${name}: one Conditional Access policy`);
  const [policy] = policies;
  const registration = config.registrationPolicy as Json;
  assert.equal(policy.displayName, registration.displayName);
  assert.equal(policy.state, registration.state);
  const users = (policy.conditions as Record<string, Json>).users;
  assert.deepEqual(
    [...(users.excludeUsers as string[])].sort(),
    [...ids.breakGlassUserIds, "GuestsOrExternalUsers"].sort(),
  );

  const groups = sandbox.groups();
  const newGroups = groups.filter((group) => !tenant.groupIdsBefore.includes(String(group.id)));
  const existingGroupId = (config.autopilot as Json).existingGroupId as string | undefined;
  assert.deepEqual(
    newGroups.map((group) => group.displayName),
    existingGroupId ? [] : ["Autopilot devices (contoso)"],
    `${name}: one Autopilot group, or none with existingGroupId`,
  );
  const autopilotGroupId = existingGroupId ?? String(newGroups[0].id);

  const profiles = sandbox.configurationPolicies();
  assert.deepEqual(
    profiles.map((profile) => profile.name),
    [(config.webSignIn as Json).policyName],
  );
  assert.deepEqual(
    (profiles[0].assignments as Json[]).map((assignment) => (assignment.target as Json).groupId),
    [autopilotGroupId],
  );

  const ownOutputs = (outputs.tenants as Record<string, Json>)[name];
  assert.equal(ownOutputs.registrationPolicyId, policy.id);
  assert.equal(ownOutputs.autopilotGroupId, autopilotGroupId);
  assert.equal(ownOutputs.webSignInPolicyId, profiles[0].id);

  const held = JSON.stringify(tenantObjects(sandbox));
  for (const mark of ownMarks(other))
    assert.ok(!held.includes(mark), `${name} holds nothing of ${other.name} (found ${mark})`);
}

/** Every Graph request the tenant received carried its own token; every sign-in named it. */
function assertOwnCallers(tenant: FleetTenant): void {
  const { sandbox } = tenant;
  const strangers = sandbox.requests.filter((request) =>
    request.kind === "graph"
      ? request.caller?.tenantId !== sandbox.tenantId ||
        request.caller.objectId !== sandbox.servicePrincipalId
      : !request.path.startsWith(`/${sandbox.tenantId}/`),
  );
  assert.deepEqual(
    strangers.map(
      (request) => `${request.method} ${request.path} (${request.caller?.tenantId ?? "no token"})`,
    ),
    [],
    `${tenant.name} received only its own requests`,
  );
  assert.ok(sandbox.graphRequests().length > 0, `${tenant.name} was called`);
}

const byUrn = (a: ResourceRecord, b: ResourceRecord) => a.urn.localeCompare(b.urn);

function resource(fleet: Fleet, name: string): ResourceRecord | undefined {
  return fleet.driver.state().resources.find((record) => record.name === name);
}

/** Each azuread resource is recorded with its own tenant's provider; each Graph resource with its connection. */
function assertStateProviders(fleet: Fleet, tenant: FleetTenant): void {
  const provider = resource(fleet, `${tenant.name}-azuread`);
  assert.equal(provider?.type, AZUREAD_PROVIDER);
  assert.equal(provider.inputs.tenantId, tenant.sandbox.tenantId);
  const own = fleet.driver.state().resources.filter((record) => record.name.startsWith(`${tenant.name}-`));
  const azuread = own.filter((record) => record.type.startsWith("azuread:"));
  assert.equal(azuread.length, tenant.name === "contoso" ? 2 : 1);
  for (const record of azuread) assert.equal(record.provider, `${provider.urn}::${provider.id}`, record.name);
  for (const record of own.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")))
    assert.equal((record.inputs.connection as Json).tenantId, tenant.sandbox.tenantId, record.name);
}

describe("whole deployment: the fleet example against two tenants", function () {
  const fleet = useFleet(this, ["contoso", "fabrikam"]);

  before(() => {
    const { tenants } = fleet();
    fleet().writeFleet(
      Object.fromEntries(
        tenants.map((tenant) => [
          tenant.name,
          { tenantId: tenant.sandbox.tenantId, config: fleetConfig(tenant) },
        ]),
      ),
    );
  });

  let outputs: Json = {};

  it("up: each tenant ends with exactly its own objects, reached with its own token, and state ties each to its provider", async () => {
    const f = fleet();
    const [contoso, fabrikam] = f.tenants;
    for (const tenant of f.tenants) tenant.sandbox.clearLog();
    const result = await f.driver.up({});
    expectChanges(result, [...created(contoso), ...created(fabrikam)]);
    for (const tenant of f.tenants) assertOwnCallers(tenant);
    outputs = result.outputs;

    assertOwnObjects(contoso, fabrikam, outputs);
    assertOwnObjects(fabrikam, contoso, outputs);
    assertStateProviders(f, contoso);
    assertStateProviders(f, fabrikam);

    // The follow-up preview (scenario.ts's rule): nothing to change, no write in either tenant.
    for (const tenant of f.tenants) tenant.sandbox.clearLog();
    expectChanges(await f.driver.preview({}), []);
    assert.deepEqual(fleetWrites(f), { contoso: [], fabrikam: [] });
  });

  it("a portal edit in one tenant shows in preview --refresh as a change to that tenant's resource only", async () => {
    const f = fleet();
    const [contoso, fabrikam] = f.tenants;
    fabrikam.sandbox.setTap({ defaultLifetimeInMinutes: 600 });
    for (const tenant of f.tenants) tenant.sandbox.clearLog();

    const preview = await f.driver.preview({}, { refresh: true });

    expectChanges(preview, [
      { op: "update", name: "fabrikam-tap-policy", diffs: ["defaultLifetimeInMinutes"] },
    ]);
    assert.deepEqual(
      preview.changes
        .filter((change) => change.diffs.length > 0)
        .map((change) => `${change.op} ${change.name}`),
      ["refresh fabrikam-tap-policy", "update fabrikam-tap-policy"],
    );
    assert.deepEqual(fleetWrites(f), { contoso: [], fabrikam: [] });
    assert.equal(contoso.sandbox.tap().defaultLifetimeInMinutes, 480);
    fabrikam.sandbox.setTap({ defaultLifetimeInMinutes: 240 }); // edited back in the portal
  });

  it("an entry added for a tenant the app cannot sign in to fails at that entry's sign-in; the deployed tenants and their state are untouched", async () => {
    const f = fleet();
    const [contoso, fabrikam] = f.tenants;
    const entries = Object.fromEntries(
      f.tenants.map((tenant) => [
        tenant.name,
        { tenantId: tenant.sandbox.tenantId, config: fleetConfig(tenant) },
      ]),
    );
    const stateBefore = f.driver.state().resources;
    const heldBefore = f.tenants.map((tenant) => tenantObjects(tenant.sandbox));
    for (const tenant of f.tenants) tenant.sandbox.clearLog();
    f.writeFleet({
      ...entries,
      northwind: { tenantId: UNKNOWN_TENANT, config: fleetConfig(contoso, "northwind") },
    });

    const failed = await f.driver.up({});
    f.writeFleet(entries);

    // Entra answers a sign-in to the unknown tenant with AADSTS90002 "Tenant '<id>' not found", which
    // the Graph resources' error passes on with Entra's trace id (replaced here by <trace>).
    const origin = contoso.sandbox.authorityHost;
    const tokenUrl = `${origin}/${UNKNOWN_TENANT}/oauth2/v2.0/token`;
    const notSent =
      `failed: not sent (TokenRequestFailed: could not get a token for ${origin}/.default from ${origin} for tenant ${UNKNOWN_TENANT} ` +
      `(client secret from ARM_CLIENT_SECRET): ${tokenUrl} answered 400: invalid_tenant: AADSTS90002: Tenant '${UNKNOWN_TENANT}' not found. ` +
      "Check to make sure you have the correct tenant ID and are signing into the correct cloud. <trace>).";
    const guardError = (guard: string, problem: string) =>
      `${GUARD} (northwind-${guard}-guard): error: property displayName has a problem: could not check that no ${problem} ${notSent}`;
    const expected = [
      guardError(
        "registration-policy",
        'Conditional Access policy is named "Require MFA to register (northwind)" before creating one: GET /v1.0/identity/conditionalAccess/policies',
      ),
      guardError(
        "autopilot-group",
        'group is named "Autopilot devices (northwind)" before creating one: GET /v1.0/groups?$filter=displayName%20eq%20%27Autopilot%20devices%20(northwind)%27&$select=id%2CdisplayName',
      ),
    ];
    assert.equal(failed.ok, false);
    const trace = /Trace ID: ([0-9a-f-]{36}) Correlation ID: \1 Timestamp: [0-9-]+ [0-9:]+Z/g;
    const errors = (failed.error ?? "").split("\n");
    const normalized = errors.map((error) => error.replace(trace, "<trace>"));
    assert.ok(errors.length > 0 && normalized.every((error) => expected.includes(error)), failed.error);
    // The first tenant answers sign-ins to tenants the sandbox does not hold (tenantDispatch.ts).
    const unknownSignIns = contoso.sandbox.requests.filter((r) => r.path.startsWith(`/${UNKNOWN_TENANT}/`));
    assert.ok(
      unknownSignIns.some((r) => r.path === `/${UNKNOWN_TENANT}/oauth2/v2.0/token`),
      "the sign-in went to the unknown tenant",
    );
    const traced = [...(failed.error ?? "").matchAll(trace)].map((match) => match[1]);
    assert.ok(
      traced.every((id) => unknownSignIns.some((r) => r.requestId === id)),
      "each trace id is the request id of a sign-in to the unknown tenant",
    );
    assert.deepEqual(new Set(unknownSignIns.map((r) => r.status)), new Set([400]));

    assert.deepEqual(fleetWrites(f), { contoso: [], fabrikam: [] });
    assert.deepEqual(
      f.tenants.map((tenant) => tenantObjects(tenant.sandbox)),
      heldBefore,
      "contoso and fabrikam hold what they held",
    );
    assertOwnObjects(contoso, fabrikam, outputs);
    assertOwnObjects(fabrikam, contoso, outputs);
    const stateAfter = f.driver.state().resources;
    assert.deepEqual(
      stateAfter.filter((record) => !record.name.startsWith("northwind")).sort(byUrn),
      [...stateBefore].sort(byUrn),
      "the state of contoso and fabrikam is as it was",
    );
    // Its provider waits for its guards (infra/onboarding.ts), which failed: nothing of northwind is recorded.
    assert.deepEqual(
      stateAfter.filter((record) => record.name.startsWith("northwind") && record.custom),
      [],
      "nothing of northwind is in the state",
    );
  });

  it("moving an entry to another tenant is refused by preview and up, naming both tenants; nothing is written, the state is as it was", async () => {
    const f = fleet();
    const [contoso, fabrikam] = f.tenants;
    const stateBefore = f.driver.state().resources;
    const entries = Object.fromEntries(
      f.tenants.map((tenant) => [
        tenant.name,
        { tenantId: tenant.sandbox.tenantId, config: fleetConfig(tenant) },
      ]),
    );
    for (const tenant of f.tenants) tenant.sandbox.clearLog();
    f.writeFleet({ ...entries, contoso: { ...entries.contoso, tenantId: UNKNOWN_TENANT } });
    const preview = await f.driver.preview({});
    const up = await f.driver.up({});
    f.writeFleet(entries);

    const from = contoso.sandbox.tenantId;
    const refusal = (guard: string, noun: string) =>
      `${GUARD} (contoso-${guard}-guard): error: property connection.tenantId has a problem: the ${noun} this ` +
      `component manages was made in tenant ${from}, and its azuread provider would act on ${UNKNOWN_TENANT} ` +
      `instead: the ${noun} would stay in ${from}, no longer managed, and be looked for in ${UNKNOWN_TENANT}. ` +
      `To move the onboarding, remove it from the program and run pulumi up (it is deleted from ${from}), then ` +
      `declare it for ${UNKNOWN_TENANT}; or declare a component with another name for ${UNKNOWN_TENANT}`;
    assert.equal(preview.ok, false);
    for (const run of [preview, up])
      assert.deepEqual((run.error ?? "").split("\n").sort(), [
        refusal("autopilot-group", "group"),
        refusal("registration-policy", "Conditional Access policy"),
      ]);
    // The up changed no state either: contoso's azuread provider still names contoso's tenant
    // (a refresh through a provider updated to the new tenant would drop the policy and the group).
    assert.deepEqual(fleetWrites(f), { contoso: [], fabrikam: [] });
    assert.deepEqual(f.driver.state().resources.sort(byUrn), [...stateBefore].sort(byUrn));
    assertOwnObjects(contoso, fabrikam, outputs);
  });

  it("destroy gives each tenant back what it had, deleting each provider after the objects it serves", async () => {
    const f = fleet();
    const result = await f.driver.destroy({});

    assert.equal(result.error, undefined);
    const steps = f.driver.steps().map((step) => `${step.op} ${step.name}`);
    // A provider goes after every resource it serves (and before the guards it waits for).
    for (const tenant of ["contoso", "fabrikam"]) {
      const provider = steps.indexOf(`delete ${tenant}-azuread`);
      assert.ok(provider >= 0, `${tenant}'s provider is deleted: ${steps.join(", ")}`);
      for (const served of [`delete ${tenant}-registration-policy`, `delete ${tenant}-autopilot-group`])
        assert.ok(steps.indexOf(served) < provider, `${served} before its provider: ${steps.join(", ")}`);
    }
    assert.ok(!steps.includes("delete northwind-azuread"), steps.join(", "));
    assert.deepEqual(
      result.changes.map((change) => change.name).sort(),
      [...created(f.tenants[0]), ...created(f.tenants[1])].map((change) => change.name).sort(),
    );
    for (const tenant of f.tenants) {
      const { sandbox } = tenant;
      assert.deepEqual(sandbox.tap(), tenant.tapBefore, `${tenant.name}: its hand-made TAP configuration`);
      assert.deepEqual(sandbox.conditionalAccessPolicies(), []);
      assert.deepEqual(sandbox.configurationPolicies(), []);
      assert.deepEqual(
        sandbox.groups().map((group) => String(group.id)),
        tenant.groupIdsBefore,
      );
    }
    assert.deepEqual(f.driver.state().resources, []);
  });
});
