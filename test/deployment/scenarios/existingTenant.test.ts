/**
 * A tenant that already has a Web sign-in profile with the stack's name (made by hand): the first
 * `up` refuses to take it over silently, before writing the profile, and says how to adopt it;
 * with `webSignIn.adoptExisting` it takes the profile over instead of creating a second one.
 */
import * as assert from "node:assert/strict";
import { desiredWebSignInProfile } from "../../../policies/webSignIn";
import { stackConfig, upAndExpect, useScenario } from "./scenario";

const PROFILE_NAME = "Windows - Enable Web Sign-in (scenario)";

describe("whole deployment: a tenant that already has the Web sign-in profile", function () {
  const scenario = useScenario(this);
  let handMadeId = "";

  before(async () => {
    const { tenant } = scenario();
    const profile = desiredWebSignInProfile({
      policyName: PROFILE_NAME,
      description: "made by hand in the Intune admin center",
      enablePasswordlessExperience: false,
      adoptExisting: false,
    });
    handMadeId = String((await tenant.createProfile({ ...profile })).id);
  });

  it("up stops before writing the profile and says how to adopt it", async () => {
    const s = scenario();
    s.sandbox?.clearLog();
    const result = await s.driver.up(stackConfig(s.ids));
    assert.equal(result.ok, false, "up must fail");
    assert.match(result.error ?? "", /onboarding-web-sign-in\b.*already exists/s);
    assert.match(result.error ?? "", /adoptExisting/);
    const profiles = await s.tenant.profilesNamed(PROFILE_NAME);
    assert.deepEqual(
      profiles.map((p) => p.id),
      [handMadeId],
      "no second profile",
    );
    assert.equal(
      (await s.tenant.profile(handMadeId))?.description,
      "made by hand in the Intune admin center",
    );
    const profileWrites = s.sandbox
      ?.graphRequests()
      .filter((r) => r.method !== "GET" && r.path.includes("configurationPolicies"));
    if (profileWrites)
      assert.deepEqual(
        profileWrites.map((r) => `${r.method} ${r.path}`),
        [],
      );
  });

  it("with webSignIn.adoptExisting the next up takes the profile over and assigns it", async () => {
    const s = scenario();
    const config = stackConfig(s.ids, {
      webSignIn: { ...(stackConfig(s.ids).webSignIn as object), adoptExisting: true },
    });
    const result = await s.driver.up(config);
    assert.equal(result.error, undefined);
    const ops = Object.fromEntries(result.changes.map((c) => [c.name, c.op]));
    assert.equal(ops["onboarding-web-sign-in"], "create");
    assert.equal(ops["onboarding-web-sign-in-assignment"], "create");
    assert.equal((result.outputs as Record<string, string>).webSignInPolicyId, handMadeId);
    const profile = await s.tenant.profile(handMadeId);
    assert.equal(
      profile?.description,
      "Lets Autopilot devices accept a Temporary Access Pass at the Windows sign-in screen.",
    );
    assert.deepEqual(
      (await s.tenant.profilesNamed(PROFILE_NAME)).map((p) => p.id),
      [handMadeId],
    );
    const assignments = await s.tenant.assignments(handMadeId);
    assert.deepEqual(
      assignments.map((a) => (a.target as Record<string, unknown>).groupId),
      [(result.outputs as Record<string, string>).autopilotGroupId],
    );
    await upAndExpect(s, config, []);
  });

  it("destroy removes the adopted profile with everything the stack created", async () => {
    const s = scenario();
    const result = await s.driver.destroy(stackConfig(s.ids));
    assert.equal(result.error, undefined);
    assert.equal(
      await s.tenant.profile(handMadeId),
      undefined,
      "an adopted profile is the stack's to delete",
    );
    assert.deepEqual(await s.tenant.profilesNamed(PROFILE_NAME), []);
    assert.deepEqual(await s.tenant.groupsNamed("Autopilot devices (scenario)"), []);
  });
});
