/**
 * planAdoption against the Graph sandbox over HTTPS with the real Graph client: which objects it
 * adopts (one / none / several), the Graph requests it makes (reads only), and what it says when
 * it cannot decide.
 */
import { strict as assert } from "node:assert";
import { AdoptionError, planAdoption, type AdoptionSettings } from "../../infra/native/adoption";
import { finderFor } from "../../infra/native/existingObjects";
import { clientFor } from "../graph/sandboxClient";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";

const POLICY_NAME = "Require MFA to register security info";
const GROUP_NAME = "Autopilot devices";
const POLICIES = "/v1.0/identity/conditionalAccess/policies";

function registrationPolicy(displayName: string, excludeUsers: string[] = ["GuestsOrExternalUsers"]) {
  return {
    displayName,
    state: "enabledForReportingButNotEnforced",
    conditions: {
      clientAppTypes: ["all"],
      applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
      users: { includeUsers: ["All"], excludeUsers, excludeRoles: ["62e90394-69f5-4237-9190-012177145e10"] },
      locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
    },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
  };
}

function settings(
  adopt: { policy?: boolean; group?: boolean } = { policy: true, group: true },
): AdoptionSettings {
  return {
    registrationPolicy: { displayName: POLICY_NAME, adoptExisting: adopt.policy ?? false },
    autopilot: { groupDisplayName: GROUP_NAME, adoptExisting: adopt.group ?? false },
  };
}

async function adoptionError(promise: Promise<unknown>): Promise<AdoptionError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AdoptionError, `expected an AdoptionError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected adoption to fail");
}

describe("planAdoption against the Graph sandbox", () => {
  let sandbox: Sandbox;
  useSandboxPerSuite((started) => (sandbox = started));
  const find = () => finderFor(() => clientFor(sandbox));
  /** Graph requests as `METHOD path ?query status`, sorted (the lookups run together). */
  const requests = () =>
    sandbox
      .graphRequests()
      .map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)} ${r.status}`)
      .sort();

  beforeEach(() => sandbox.resetTenant());

  it("looks nothing up when no object is to be adopted", async () => {
    sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME));
    sandbox.addGroup({ displayName: GROUP_NAME });
    assert.deepEqual(await planAdoption(settings({}), find()), {});
    assert.deepEqual(sandbox.graphRequests(), []);
  });

  it("adopts the one policy and the one group with the name, by their azuread import ids", async () => {
    const policyId = sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME));
    sandbox.seedConditionalAccessPolicy(registrationPolicy(`${POLICY_NAME} (old)`));
    sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME.toUpperCase()));
    const groupId = sandbox.addGroup({ displayName: GROUP_NAME });
    sandbox.addGroup({ displayName: `${GROUP_NAME} (EU)` });

    const plan = await planAdoption(settings(), find());

    assert.equal(plan.registrationPolicy?.objectId, policyId);
    assert.equal(plan.registrationPolicy?.importId, `/identity/conditionalAccess/policies/${policyId}`);
    // The whole policy as Graph lists it, so the program can line its lists up with it.
    assert.deepEqual(
      (plan.registrationPolicy?.graph.conditions as { users: unknown }).users,
      (sandbox.conditionalAccessPolicies().find((p) => p.id === policyId)?.conditions as { users: unknown })
        .users,
    );
    assert.deepEqual(plan.autopilotGroup, {
      objectId: groupId,
      importId: `/groups/${groupId}`,
      graph: { id: groupId, displayName: GROUP_NAME },
    });
    assert.deepEqual(requests(), [
      `GET /v1.0/groups {"$filter":"displayName eq 'Autopilot devices'","$select":"id,displayName"} 200`,
      `GET ${POLICIES} {} 200`,
    ]);
  });

  it("adopts nothing when no object has the name: the program then creates them", async () => {
    sandbox.seedConditionalAccessPolicy(registrationPolicy("Another policy"));
    sandbox.addGroup({ displayName: "Another group" });
    assert.deepEqual(await planAdoption(settings(), find()), {});
    assert.deepEqual(requests(), [
      `GET /v1.0/groups {"$filter":"displayName eq 'Autopilot devices'","$select":"id,displayName"} 200`,
      `GET ${POLICIES} {} 200`,
    ]);
  });

  it("looks only the policy up when only the policy is adopted", async () => {
    await planAdoption(settings({ policy: true }), find());
    assert.deepEqual(requests(), [`GET ${POLICIES} {} 200`]);
  });

  it("doubles a quote in the group filter and finds the group", async () => {
    const groupId = sandbox.addGroup({ displayName: "O'Brien devices" });
    const plan = await planAdoption(
      {
        registrationPolicy: { displayName: POLICY_NAME, adoptExisting: false },
        autopilot: { groupDisplayName: "O'Brien devices", adoptExisting: true },
      },
      find(),
    );
    assert.equal(plan.autopilotGroup?.objectId, groupId);
    assert.deepEqual(requests(), [
      `GET /v1.0/groups {"$filter":"displayName eq 'O''Brien devices'","$select":"id,displayName"} 200`,
    ]);
  });

  it("refuses several objects of one name, naming every id, and reports both objects at once", async () => {
    const policies = [
      sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME)),
      sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME)),
    ];
    const groups = [
      sandbox.addGroup({ displayName: GROUP_NAME }),
      sandbox.addGroup({ displayName: GROUP_NAME }),
    ];

    const error = await adoptionError(planAdoption(settings(), find()));

    assert.deepEqual(error.problems, [
      `passwordless-onboarding:registrationPolicy.adoptExisting: 2 Conditional Access policies are named "${POLICY_NAME}" in this tenant (ids ${policies.join(", ")}); adoption takes over exactly one. Rename or delete the others in the tenant, or set registrationPolicy.displayName to a name no other Conditional Access policy has`,
      `passwordless-onboarding:autopilot.adoptExisting: 2 groups are named "${GROUP_NAME}" in this tenant (ids ${groups.join(", ")}); adoption takes over exactly one. Rename or delete the others in the tenant, or set autopilot.groupDisplayName to a name no other group has`,
    ]);
    assert.match(
      error.message,
      /^Cannot adopt the existing objects the stack config asks for \(2 problems\); no resource was declared:\n {2}- /,
    );
    assert.ok(
      sandbox.graphRequests().every((r) => r.method === "GET"),
      "only reads",
    );
  });

  it("says which permission is missing when Graph refuses the lookup", async () => {
    const granted = sandbox.permissions();
    sandbox.revoke(...granted);
    sandbox.grant("Group.ReadWrite.All");
    try {
      const error = await adoptionError(planAdoption(settings({ policy: true }), find()));
      assert.equal(error.problems.length, 1);
      assert.match(
        error.problems[0],
        /^passwordless-onboarding:registrationPolicy\.adoptExisting: could not look up the Conditional Access policies named "Require MFA to register security info": GET \/v1\.0\/identity\/conditionalAccess\/policies failed: 403 Authorization_RequestDenied: .* The app needs Policy\.Read\.All\.$/,
      );
    } finally {
      sandbox.grant(...granted);
    }
  });
});
