import { strict as assert } from "node:assert";
import type { Sandbox } from ".";
import { useSandboxAndCallerPerTest } from "./sandboxHooks";
import type { GraphCaller } from "./testClient";

const POLICIES = "/v1.0/identity/conditionalAccess/policies";

interface ErrorBody {
  error: { code: string; message: string };
}

type Json = Record<string, unknown>;

/** The policy as Graph echoes it, typed just enough for assertions. */
interface PolicyBody extends Json {
  id: string;
  createdDateTime: string;
  modifiedDateTime: string | null;
  conditions: Json & { applications: Json; users: Json & { excludeUsers: string[]; includeUsers: string[] } };
  grantControls: Json;
}

function registrationPolicy(displayName = "Require MFA to register security info"): Record<string, unknown> {
  return {
    displayName,
    state: "enabledForReportingButNotEnforced",
    conditions: {
      clientAppTypes: ["all"],
      applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
      users: {
        includeUsers: ["All"],
        excludeUsers: ["GuestsOrExternalUsers"],
        excludeRoles: ["62e90394-69f5-4237-9190-012177145e10"],
      },
      locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
    },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
  };
}

describe("sandbox Conditional Access policies", () => {
  let sandbox: Sandbox;
  let graph: GraphCaller;
  useSandboxAndCallerPerTest((started, caller) => {
    sandbox = started;
    graph = caller;
  });

  it("POST answers 201 echoing omitted collections as [] and unset complex properties as null", async () => {
    const result = await graph("POST", POLICIES, registrationPolicy());
    assert.equal(result.status, 201);
    const body = result.body as PolicyBody;
    assert.match(body.id, /^[0-9a-f-]{36}$/);
    assert.match(body.createdDateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    assert.equal(body.modifiedDateTime, null);
    assert.equal(body.templateId, null);
    assert.equal(body.sessionControls, null);
    assert.equal(
      body["@odata.context"],
      `${sandbox.graphEndpoint}/v1.0/$metadata#identity/conditionalAccess/policies/$entity`,
    );
    assert.deepEqual(body.conditions.applications, {
      includeApplications: [],
      excludeApplications: [],
      includeUserActions: ["urn:user:registersecurityinfo"],
      includeAuthenticationContextClassReferences: [],
      applicationFilter: null,
    });
    assert.deepEqual(body.conditions.users, {
      includeUsers: ["All"],
      excludeUsers: ["GuestsOrExternalUsers"],
      includeGroups: [],
      excludeGroups: [],
      includeRoles: [],
      excludeRoles: ["62e90394-69f5-4237-9190-012177145e10"],
      includeGuestsOrExternalUsers: null,
      excludeGuestsOrExternalUsers: null,
    });
    assert.equal(body.conditions.platforms, null);
    assert.deepEqual(body.conditions.signInRiskLevels, []);
    assert.deepEqual(body.grantControls.customAuthenticationFactors, []);
    assert.deepEqual(body.grantControls.termsOfUse, []);
    assert.equal(body.grantControls.authenticationStrength, null);
    assert.equal(sandbox.conditionalAccessPolicies()[0].id, body.id);
  });

  it("GETs one by id and 404s an unknown id", async () => {
    const created = (await graph("POST", POLICIES, registrationPolicy())).body as { id: string };
    const one = await graph("GET", `${POLICIES}/${created.id}`);
    assert.equal(one.status, 200);
    assert.equal((one.body as { displayName: string }).displayName, "Require MFA to register security info");
    const missing = await graph("GET", `${POLICIES}/00000000-0000-4000-8000-000000000000`);
    assert.equal(missing.status, 404);
  });

  it("lists with $filter=displayName eq '...', doubling quotes inside the name", async () => {
    await graph("POST", POLICIES, registrationPolicy("Require MFA to register security info"));
    await graph("POST", POLICIES, registrationPolicy("Admins' registration"));
    const filtered = await graph(
      "GET",
      `${POLICIES}?$filter=${encodeURIComponent("displayName eq 'Admins'' registration'")}`,
    );
    assert.equal(filtered.status, 200);
    const value = (filtered.body as { value: { displayName: string }[] }).value;
    assert.deepEqual(
      value.map((p) => p.displayName),
      ["Admins' registration"],
    );
    const all = await graph("GET", POLICIES);
    assert.equal((all.body as { value: unknown[] }).value.length, 2);
  });

  it("PATCH answers 204 with no body, merges complex properties and sets modifiedDateTime", async () => {
    const created = (await graph("POST", POLICIES, registrationPolicy())).body as { id: string };
    const result = await graph("PATCH", `${POLICIES}/${created.id}`, {
      state: "enabled",
      conditions: {
        users: { excludeUsers: ["GuestsOrExternalUsers", "11111111-0000-4000-8000-000000000001"] },
      },
    });
    assert.equal(result.status, 204);
    assert.equal(result.body, undefined);
    const [policy] = sandbox.conditionalAccessPolicies() as PolicyBody[];
    assert.equal(policy.state, "enabled");
    assert.deepEqual(policy.conditions.users.excludeUsers, [
      "GuestsOrExternalUsers",
      "11111111-0000-4000-8000-000000000001",
    ]);
    assert.deepEqual(policy.conditions.users.includeUsers, ["All"], "members not sent are kept");
    assert.deepEqual(policy.conditions.applications.includeUserActions, ["urn:user:registersecurityinfo"]);
    assert.match(String(policy.modifiedDateTime), /Z$/);
  });

  it("DELETE answers 204, then the policy is gone", async () => {
    const created = (await graph("POST", POLICIES, registrationPolicy())).body as { id: string };
    assert.equal((await graph("DELETE", `${POLICIES}/${created.id}`)).status, 204);
    assert.equal((await graph("GET", `${POLICIES}/${created.id}`)).status, 404);
    assert.deepEqual(sandbox.conditionalAccessPolicies(), []);
  });

  it("refuses a policy without a user rule, without grant or session controls, or with an unknown property", async () => {
    const noUsers = registrationPolicy();
    (noUsers.conditions as Record<string, unknown>).users = { includeUsers: [] };
    const a = await graph("POST", POLICIES, noUsers);
    assert.equal(a.status, 400);
    assert.match((a.body as ErrorBody).error.message, /conditions\.users/);

    const noGrant = { ...registrationPolicy(), grantControls: undefined };
    const b = await graph("POST", POLICIES, noGrant);
    assert.equal(b.status, 400);
    assert.match((b.body as ErrorBody).error.message, /grantControls or sessionControls/);

    const c = await graph("POST", POLICIES, {
      ...registrationPolicy(),
      conditions: { ...(registrationPolicy().conditions as object), userActions: [] },
    });
    assert.equal(c.status, 400);
    assert.match(
      (c.body as ErrorBody).error.message,
      /The property 'userActions' does not exist on type 'microsoft.graph.conditionalAccessConditionSet'/,
    );
    assert.deepEqual(sandbox.conditionalAccessPolicies(), []);
  });

  it("stores an authentication strength written as {id} and returns it with its context annotation", async () => {
    const body = registrationPolicy();
    body.grantControls = {
      operator: "AND",
      builtInControls: [],
      authenticationStrength: { id: "00000000-0000-0000-0000-000000000002" },
    };
    const result = await graph("POST", POLICIES, body);
    assert.equal(result.status, 201);
    const grant = (result.body as { grantControls: Record<string, unknown> }).grantControls;
    assert.deepEqual(grant.authenticationStrength, { id: "00000000-0000-0000-0000-000000000002" });
    assert.match(
      String(grant["authenticationStrength@odata.context"]),
      /grantControls\/authenticationStrength\/\$entity$/,
    );
  });

  it("accepts the body the azuread provider sends: @odata.type, every list as [], absent blocks as null, includeApplications [] next to a user action", async () => {
    // terraform-provider-azuread conditionalaccess.go:382-787 @38d1993a builds this shape.
    const body = {
      "@odata.type": "#microsoft.graph.conditionalAccessPolicy",
      conditions: {
        applications: {
          excludeApplications: [],
          includeApplications: [],
          includeUserActions: ["urn:user:registersecurityinfo"],
        },
        authenticationFlows: null,
        clientAppTypes: ["all"],
        devices: null,
        locations: { excludeLocations: ["AllTrusted"], includeLocations: ["All"] },
        platforms: null,
        servicePrincipalRiskLevels: [],
        signInRiskLevels: [],
        userRiskLevels: [],
        users: {
          excludeGroups: [],
          excludeGuestsOrExternalUsers: null,
          excludeRoles: [],
          excludeUsers: ["GuestsOrExternalUsers"],
          includeGroups: [],
          includeGuestsOrExternalUsers: null,
          includeRoles: [],
          includeUsers: ["All"],
        },
      },
      displayName: "Require MFA to register security info",
      grantControls: {
        authenticationStrength: {
          "@odata.type": "#microsoft.graph.authenticationStrengthPolicy",
          id: "00000000-0000-0000-0000-000000000002",
        },
        builtInControls: [],
        customAuthenticationFactors: [],
        operator: "AND",
        termsOfUse: [],
      },
      sessionControls: null,
      state: "enabledForReportingButNotEnforced",
    };
    const created = await graph("POST", POLICIES, body);
    assert.equal(created.status, 201);
    const policy = created.body as PolicyBody;
    assert.equal(policy.sessionControls, null);
    assert.equal(policy.conditions.platforms, null);
    assert.deepEqual(policy.conditions.applications.includeApplications, []);
    assert.equal(
      (policy.grantControls.authenticationStrength as { id: string }).id,
      "00000000-0000-0000-0000-000000000002",
    );
    const patched = await graph("PATCH", `${POLICIES}/${policy.id}`, { ...body, state: "enabled" });
    assert.equal(patched.status, 204);
    assert.equal(sandbox.conditionalAccessPolicies()[0].state, "enabled");
  });
});
