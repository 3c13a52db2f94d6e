/**
 * A stack that manages only the Temporary Access Pass policy (`registrationPolicy.manage` and
 * `webSignIn.manage` false), in a tenant whose own registration policy has the default name: the
 * stack writes the TAP policy and nothing else, grows into a full stack, and shrinks back, where
 * `manage: false` deletes what the stack had created (as removing it from the program does).
 */
import * as assert from "node:assert/strict";
import type { StackConfig } from "../driver";
import type { GraphObject } from "../tenant";
import {
  expectChanges,
  graphWrites,
  HAND_MADE_TAP,
  stackConfig,
  TAP_PROPERTIES,
  upAndExpect,
  useScenario,
  type Scenario,
} from "./scenario";
import { TAP, CA, GROUP, PROFILE, ASSIGNMENT, CA_GUARD, GROUP_GUARD } from "./resourceNames";

const TAP_PATH =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";

/** The identity team's own policy, named as this module's default. */
const HAND_MADE_POLICY: GraphObject = {
  displayName: "Require MFA to register security info",
  state: "enabled",
  conditions: {
    clientAppTypes: ["all"],
    applications: { includeUserActions: ["urn:user:registersecurityinfo"] },
    users: { includeUsers: ["All"] },
  },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
};

describe("whole deployment: a stack that manages only the TAP policy", function () {
  const scenario = useScenario(this);
  let handMadePolicy: GraphObject;

  function tapOnly(s: Scenario): StackConfig {
    const { autopilot: _autopilot, ...config } = stackConfig(s.ids, {
      registrationPolicy: { manage: false },
      webSignIn: { manage: false },
    });
    return config;
  }

  /** The full stack, with its own registration policy name next to the tenant's. */
  function full(s: Scenario): StackConfig {
    const config = stackConfig(s.ids);
    return {
      ...config,
      registrationPolicy: {
        ...(config.registrationPolicy as Record<string, unknown>),
        displayName: "Register security info (stack)",
      },
    };
  }

  before(async () => {
    const s = scenario();
    handMadePolicy = await s.tenant.createConditionalAccessPolicy(HAND_MADE_POLICY);
  });

  it("up writes the TAP policy and nothing else; the tenant's policy of the same name is left alone", async () => {
    const s = scenario();
    s.sandbox?.clearLog();
    const result = await s.driver.up(tapOnly(s));
    expectChanges(result, [{ op: "create", name: TAP }]);
    assert.deepEqual(graphWrites(s), [`PATCH ${TAP_PATH}`]);
    assert.equal(result.outputs.temporaryAccessPassPolicyId, "TemporaryAccessPass");
    assert.equal(result.outputs.registrationPolicyId, undefined);
    assert.equal(result.outputs.webSignInPolicyId, undefined);
    assert.equal(
      result.outputs.summary,
      "TAP enabled for 1 group, one-time use off, 60-480 min (default 480); CA not managed here; " +
        "Web sign-in not managed here",
    );

    const tap = await s.tenant.tap();
    assert.equal(tap.defaultLifetimeInMinutes, 480);
    assert.deepEqual(
      (tap.includeTargets as GraphObject[]).map((target) => target.id),
      [s.ids.newHiresGroupId],
    );
    assert.deepEqual(await s.tenant.conditionalAccessPolicy(String(handMadePolicy.id)), handMadePolicy);
    assert.deepEqual(await s.tenant.groupsNamed("Autopilot devices (scenario)"), []);
    assert.deepEqual(await s.tenant.profilesNamed("Windows - Enable Web Sign-in (scenario)"), []);
  });

  it("the preview after it changes nothing", async () => {
    const s = scenario();
    expectChanges(await s.driver.preview(tapOnly(s), { refresh: true }), []);
  });

  it("managing the other objects later creates them next to the tenant's policy", async () => {
    const s = scenario();
    await upAndExpect(s, full(s), [
      { op: "create", name: CA_GUARD },
      { op: "create", name: GROUP_GUARD },
      { op: "create", name: CA },
      { op: "create", name: GROUP },
      { op: "create", name: PROFILE },
      { op: "create", name: ASSIGNMENT },
    ]);
    assert.equal((await s.tenant.conditionalAccessPoliciesNamed("Register security info (stack)")).length, 1);
    assert.equal((await s.tenant.groupsNamed("Autopilot devices (scenario)")).length, 1);
  });

  it("manage: false again: the preview shows the deletes, and up deletes only what the stack created", async () => {
    const s = scenario();
    const deletes = [CA_GUARD, GROUP_GUARD, CA, GROUP, PROFILE, ASSIGNMENT].map((name) => ({
      op: "delete" as const,
      name,
    }));
    s.sandbox?.clearLog();
    expectChanges(await s.driver.preview(tapOnly(s)), deletes);
    assert.deepEqual(graphWrites(s), [], "a preview must not write to Graph");
    await upAndExpect(s, tapOnly(s), deletes);
    assert.deepEqual(await s.tenant.conditionalAccessPoliciesNamed("Register security info (stack)"), []);
    assert.deepEqual(await s.tenant.groupsNamed("Autopilot devices (scenario)"), []);
    assert.deepEqual(await s.tenant.profilesNamed("Windows - Enable Web Sign-in (scenario)"), []);
    assert.deepEqual(await s.tenant.conditionalAccessPolicy(String(handMadePolicy.id)), handMadePolicy);
    assert.equal((await s.tenant.tap()).defaultLifetimeInMinutes, 480);
  });

  it("destroy restores the TAP policy the tenant had and leaves its policy", async () => {
    const s = scenario();
    expectChanges(await s.driver.destroy(tapOnly(s)), [{ op: "delete", name: TAP }]);
    const tap = await s.tenant.tap();
    for (const property of TAP_PROPERTIES) assert.deepEqual(tap[property], s.tapBefore[property], property);
    if (s.sandbox) assert.equal(tap.defaultLifetimeInMinutes, HAND_MADE_TAP.defaultLifetimeInMinutes);
    assert.deepEqual(await s.tenant.conditionalAccessPolicy(String(handMadePolicy.id)), handMadePolicy);
  });
});
