import { strict as assert } from "node:assert";
import { NativeInitError, UNKNOWN } from "../nativeProvider";
import {
  BREAK_GLASS,
  checkAndCreate,
  graphCalls,
  POLICY_URN,
  policyInputs,
  useEmulation,
} from "./testSupport";

const POLICIES = "/v1.0/identity/conditionalAccess/policies";
const NAME = "Require MFA to register security info";
const STRENGTH = "00000000-0000-0000-0000-000000000004";

/** The body the provider POSTs for the module's policy (keys in the order sent). */
function expectedBody(grantControls: Record<string, unknown>): Record<string, unknown> {
  return {
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
        excludeUsers: ["GuestsOrExternalUsers", BREAK_GLASS],
        includeGroups: [],
        includeGuestsOrExternalUsers: null,
        includeRoles: [],
        includeUsers: ["All"],
      },
    },
    displayName: NAME,
    grantControls,
    sessionControls: null,
    state: "enabledForReportingButNotEnforced",
  };
}

const MFA_GRANT = {
  builtInControls: ["mfa"],
  customAuthenticationFactors: [],
  operator: "OR",
  termsOfUse: [],
};

function objectIdOf(id: string): string {
  return id.replace(/^\/identity\/conditionalAccess\/policies\//, "");
}

describe("azuread emulation: ConditionalAccessPolicy", () => {
  const e = useEmulation();

  it("check accepts the module's inputs and adds __defaults: [] in every object", async () => {
    const checked = await e.policy.check(POLICY_URN, {}, policyInputs());
    assert.deepEqual(checked.failures, []);
    assert.deepEqual(checked.inputs, {
      displayName: NAME,
      state: "enabledForReportingButNotEnforced",
      conditions: {
        clientAppTypes: ["all"],
        applications: { includedUserActions: ["urn:user:registersecurityinfo"], __defaults: [] },
        users: {
          includedUsers: ["All"],
          excludedUsers: ["GuestsOrExternalUsers", BREAK_GLASS],
          __defaults: [],
        },
        locations: { includedLocations: ["All"], excludedLocations: ["AllTrusted"], __defaults: [] },
        __defaults: [],
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"], __defaults: [] },
      __defaults: [],
    });
  });

  it("check enforces ExactlyOneOf, case-sensitive enums and the authentication-strength path form", async () => {
    const inputs = policyInputs();
    const conditions = inputs.conditions as { applications: Record<string, unknown> };
    conditions.applications.includedApplications = ["All"];
    const both = await e.policy.check(POLICY_URN, {}, { ...inputs, state: "Enabled" });
    const keys =
      "`conditions.0.applications.0.included_applications,conditions.0.applications.0.included_user_actions`";
    assert.deepEqual(
      both.failures.map((f) => f.reason),
      [
        `expected state to be one of ["disabled" "enabled" "enabledForReportingButNotEnforced"], got Enabled. Examine values at 'onboarding-registration-policy.state'.`,
        `Invalid combination of arguments. "conditions.0.applications.0.included_applications": only one of ${keys} can be specified, but ${keys} were specified.. Examine values at 'onboarding-registration-policy.conditions.applications.includedApplications'.`,
        `Invalid combination of arguments. "conditions.0.applications.0.included_user_actions": only one of ${keys} can be specified, but ${keys} were specified.. Examine values at 'onboarding-registration-policy.conditions.applications.includedUserActions'.`,
      ],
    );

    const bare = policyInputs({ authenticationStrengthPolicyId: STRENGTH });
    (bare.grantControls as Record<string, unknown>).authenticationStrengthPolicyId = STRENGTH;
    const [failure, ...rest] = (await e.policy.check(POLICY_URN, {}, bare)).failures;
    assert.deepEqual(rest, []);
    assert.ok(
      failure.reason.startsWith(
        `parsing "${STRENGTH}": parsing the PolicyAuthenticationStrengthPolicy ID: the number of segments didn't match\n\nExpected a PolicyAuthenticationStrengthPolicy ID that matched (containing 3 segments):\n\n> /policies/authenticationStrengthPolicies/authenticationStrengthPolicyId\n`,
      ),
      failure.reason,
    );
    assert.ok(
      failure.reason.endsWith(
        ". Examine values at 'onboarding-registration-policy.grantControls.authenticationStrengthPolicyId'.",
      ),
    );
    assert.deepEqual(
      (await e.policy.check(POLICY_URN, {}, policyInputs({ authenticationStrengthPolicyId: STRENGTH })))
        .failures,
      [],
    );
  });

  it("preview create sends nothing and plans objectId and the Optional+Computed insiderRiskLevels as unknown", async () => {
    const checked = await e.policy.check(POLICY_URN, {}, policyInputs());
    const { id, outputs } = await e.policy.create(POLICY_URN, checked.inputs, true);
    assert.equal(id, "");
    assert.deepEqual(e.sandbox.requests, []);
    assert.equal(outputs.objectId, UNKNOWN);
    assert.equal(outputs.id, UNKNOWN);
    assert.equal((outputs.conditions as Record<string, unknown>).insiderRiskLevels, UNKNOWN);
    assert.equal(outputs.sessionControls, null);
  });

  it("create POSTs the whole policy (omitted lists [], absent blocks null), waits for five 200s, then reads", async () => {
    const { id, outputs } = await checkAndCreate(e.policy, POLICY_URN, policyInputs());
    assert.match(id, /^\/identity\/conditionalAccess\/policies\/[0-9a-f-]{36}$/);
    const objectId = objectIdOf(id);
    assert.deepEqual(graphCalls(e.sandbox), [
      "POST " + POLICIES,
      ...Array<string>(6).fill(`GET ${POLICIES}/${objectId}`),
    ]);
    assert.equal(JSON.stringify(e.sandbox.graphRequests()[0].body), JSON.stringify(expectedBody(MFA_GRANT)));
    assert.equal(outputs.id, id);
    assert.equal(outputs.objectId, objectId);
    assert.deepEqual(outputs.grantControls, {
      authenticationStrengthPolicyId: "",
      builtInControls: ["mfa"],
      customAuthenticationFactors: null,
      operator: "OR",
      termsOfUses: null,
    });
    const conditions = outputs.conditions as Record<string, Record<string, unknown>>;
    assert.equal(conditions.insiderRiskLevels, "");
    assert.equal(conditions.platforms, null);
    assert.deepEqual(conditions.applications, {
      excludedApplications: null,
      includedApplications: null,
      includedUserActions: ["urn:user:registersecurityinfo"],
    });
    assert.deepEqual(conditions.users.excludedUsers, ["GuestsOrExternalUsers", BREAK_GLASS]);
    assert.equal(outputs.sessionControls, null);
    assert.equal(
      outputs.__meta,
      '{"e2bfb730-ecaa-11e6-8f88-34363bc7c4c0":{"create":300000000000,"delete":300000000000,"read":300000000000,"update":900000000000},"schema_version":"1"}',
    );
  });

  it("sends an authentication strength as {@odata.type, id} and reads it back in path form", async () => {
    const { inputs, id, outputs } = await checkAndCreate(
      e.policy,
      POLICY_URN,
      policyInputs({ authenticationStrengthPolicyId: STRENGTH }),
    );
    assert.equal(
      JSON.stringify(e.sandbox.graphRequests()[0].body),
      JSON.stringify(
        expectedBody({
          authenticationStrength: {
            "@odata.type": "#microsoft.graph.authenticationStrengthPolicy",
            id: STRENGTH,
          },
          builtInControls: [],
          customAuthenticationFactors: [],
          operator: "AND",
          termsOfUse: [],
        }),
      ),
    );
    assert.equal(
      (outputs.grantControls as Record<string, unknown>).authenticationStrengthPolicyId,
      `/policies/authenticationStrengthPolicies/${STRENGTH}`,
    );
    assert.equal((await e.policy.diff(POLICY_URN, id, outputs, inputs, inputs)).changes, false);
  });

  it("a failed wait after the POST is a plain error although the policy exists (the id is set only after the wait)", async () => {
    e.sandbox.fault({
      method: "GET",
      path: /^\/v1\.0\/identity\/conditionalAccess\/policies\/./,
      status: 403,
    });
    const checked = await e.policy.check(POLICY_URN, {}, policyInputs());
    const failure = await e.policy.create(POLICY_URN, checked.inputs, false).then(
      () => assert.fail("create should fail"),
      (error: Error) => error,
    );
    assert.ok(!(failure instanceof NativeInitError));
    const [policy] = e.sandbox.conditionalAccessPolicies();
    assert.equal(
      failure.message,
      `1 error occurred:\n\t* Waiting for creation of Identity Conditional Access Policy (Conditional Access Policy: "${String(policy.id)}"): retrieving resource: unexpected status 403 (403 Forbidden) with error: Authorization_RequestDenied: Insufficient privileges to complete the operation.\n\n`,
    );
  });

  it("lists are ordered: Graph's order after an out-of-band edit is a diff; the update PATCHes the whole policy and polls without a read", async () => {
    const { inputs, id, outputs } = await checkAndCreate(e.policy, POLICY_URN, policyInputs());
    const objectId = objectIdOf(id);
    assert.equal((await e.policy.diff(POLICY_URN, id, outputs, inputs, inputs)).changes, false);
    e.sandbox.editConditionalAccessPolicy(objectId, (policy) => {
      const users = (policy.conditions as { users: { excludeUsers: string[] } }).users;
      users.excludeUsers = [...users.excludeUsers].reverse();
    });
    e.sandbox.clearLog();
    const refreshed = await e.policy.read(POLICY_URN, id, outputs, inputs);
    assert.deepEqual(graphCalls(e.sandbox), [`GET ${POLICIES}/${objectId}`]);
    const users = (refreshed.outputs.conditions as { users: Record<string, unknown> }).users;
    assert.deepEqual(users.excludedUsers, [BREAK_GLASS, "GuestsOrExternalUsers"]);
    assert.deepEqual(users.includedGroups, [], "a refresh reads omitted lists as []");
    assert.deepEqual(await e.policy.diff(POLICY_URN, id, refreshed.outputs, inputs, inputs), {
      changes: true,
      diffs: ["conditions"],
      replaces: [],
      deleteBeforeReplace: false,
    });

    e.sandbox.clearLog();
    const previewed = await e.policy.update(POLICY_URN, id, refreshed.outputs, inputs, inputs, true);
    assert.deepEqual(e.sandbox.graphRequests(), []);
    const updated = await e.policy.update(POLICY_URN, id, refreshed.outputs, inputs, inputs, false);
    assert.deepEqual(graphCalls(e.sandbox), [
      `PATCH ${POLICIES}/${objectId}`,
      ...Array<string>(5).fill(`GET ${POLICIES}/${objectId}`),
    ]);
    assert.equal(JSON.stringify(e.sandbox.graphRequests()[0].body), JSON.stringify(expectedBody(MFA_GRANT)));
    assert.deepEqual(updated, previewed, "no read after the update: the outputs are the plan");
    assert.deepEqual((updated.conditions as { users: Record<string, unknown> }).users.excludedUsers, [
      "GuestsOrExternalUsers",
      BREAK_GLASS,
    ]);
    assert.equal((await e.policy.diff(POLICY_URN, id, updated, inputs, inputs)).changes, false);
  });

  it("a failed PATCH keeps the planned values in state (NativeInitError)", async () => {
    const { inputs, id, outputs } = await checkAndCreate(e.policy, POLICY_URN, policyInputs());
    const news = (await e.policy.check(POLICY_URN, inputs, policyInputs({ state: "enabled" }))).inputs;
    e.sandbox.fault({ method: "PATCH", status: 400 });
    const failure = await e.policy.update(POLICY_URN, id, outputs, news, inputs, false).then(
      () => assert.fail("update should fail"),
      (error: Error) => error,
    );
    assert.ok(failure instanceof NativeInitError);
    assert.equal(
      failure.message,
      `updating ${POLICY_URN}: 1 error occurred:\n\t* Could not update conditional access policy with ID: "${id}": unexpected status 400 (400 Bad Request) with error: BadRequest: Bad request.\n\n`,
    );
    assert.equal(failure.outputs.state, "enabled");
    assert.equal(e.sandbox.conditionalAccessPolicies()[0].state, "enabledForReportingButNotEnforced");
  });

  it('read of a policy deleted out of band returns id ""; deleting it then succeeds after one GET', async () => {
    const { inputs, id, outputs } = await checkAndCreate(e.policy, POLICY_URN, policyInputs());
    const objectId = objectIdOf(id);
    e.sandbox.clearLog();
    await e.policy.delete(POLICY_URN, id, outputs, inputs);
    assert.deepEqual(graphCalls(e.sandbox), [
      `GET ${POLICIES}/${objectId}`,
      `DELETE ${POLICIES}/${objectId}`,
      ...Array<string>(5).fill(`GET ${POLICIES}/${objectId}`),
    ]);
    assert.deepEqual(await e.policy.read(POLICY_URN, id, outputs, inputs), {
      id: "",
      outputs: {},
      inputs: {},
    });
    e.sandbox.clearLog();
    await e.policy.delete(POLICY_URN, id, outputs, inputs);
    assert.deepEqual(
      graphCalls(e.sandbox),
      [`GET ${POLICIES}/${objectId}`],
      "404 on the first GET: already deleted",
    );
  });

  it("retries a 429 without Retry-After with its own backoff", async () => {
    e.sandbox.fault({ method: "POST", path: POLICIES, status: 429, times: 2 });
    await checkAndCreate(e.policy, POLICY_URN, policyInputs());
    assert.deepEqual(e.sandbox.pendingFaults(), []);
    assert.deepEqual(
      e.sandbox
        .graphRequests()
        .filter((r) => r.method === "POST")
        .map((r) => r.status),
      [429, 429, 201],
    );
    assert.equal(e.sandbox.conditionalAccessPolicies().length, 1);
  });
});

describe("azuread emulation: ConditionalAccessPolicy permissions", () => {
  describe("with Policy.ReadWrite.ConditionalAccess and Policy.Read.All", () => {
    const e = useEmulation({ permissions: ["Policy.ReadWrite.ConditionalAccess", "Policy.Read.All"] });

    it("creates, updates and deletes", async () => {
      const { inputs, id, outputs } = await checkAndCreate(e.policy, POLICY_URN, policyInputs());
      const news = (await e.policy.check(POLICY_URN, inputs, policyInputs({ state: "enabled" }))).inputs;
      const updated = await e.policy.update(POLICY_URN, id, outputs, news, inputs, false);
      await e.policy.delete(POLICY_URN, id, updated, news);
      assert.deepEqual(e.sandbox.conditionalAccessPolicies(), []);
    });
  });

  describe("with Policy.ReadWrite.ConditionalAccess alone", () => {
    const e = useEmulation({ permissions: ["Policy.ReadWrite.ConditionalAccess"] });

    it("is refused by Graph, which also wants Policy.Read.All for writes", async () => {
      const checked = await e.policy.check(POLICY_URN, {}, policyInputs());
      await assert.rejects(e.policy.create(POLICY_URN, checked.inputs, false), {
        message:
          "1 error occurred:\n\t* Could not create conditional access policy: unexpected status 403 (403 Forbidden) with error: Authorization_RequestDenied: Insufficient privileges to complete the operation.\n\n",
      });
    });
  });
});
