/**
 * A create whose POST may have made the profile without saying so: never a duplicate, never an
 * orphan that blocks the next `pulumi up`, while a profile someone else made is still refused.
 * Each `up` is taken the way the engine takes it (support/engineSteps.ts).
 */
import { strict as assert } from "node:assert";
import { SettingsCatalogPolicyProvider } from "../../infra/providers/settingsCatalogPolicy";
import type { Sandbox } from "../sandbox";
import { engineRefresh, engineUp, type RecordedResource } from "./support/engineSteps";
import { useSandboxInEnvironment } from "./support/providerSuite";
import { webSignInProfile } from "./support/webSignInProfile";

const POLICIES = "/beta/deviceManagement/configurationPolicies";
const FAST = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 300, initialDelayMs: 5, maxDelayMs: 20 },
};
/** Longer than the FAST lookups after an unknown POST (5 + 10 + 20 ms), shorter than a test. */
const LIST_LAG_MS = 150;

function program(name: string): Record<string, unknown> {
  return webSignInProfile(name);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

describe("SettingsCatalogPolicyProvider: creates whose outcome is unknown", function () {
  let sandbox: Sandbox;
  const provider = new SettingsCatalogPolicyProvider(FAST);
  const named = (name: string) => sandbox.configurationPolicies().filter((p) => p.name === name);
  const posts = () => sandbox.graphRequests().filter((r) => r.method === "POST").length;

  useSandboxInEnvironment((started) => (sandbox = started));
  afterEach(() => sandbox.setProfileListLag(0));

  it("does not POST again when the lookup after an unanswered POST does not list the new profile yet", async () => {
    sandbox.setProfileListLag(LIST_LAG_MS);
    sandbox.fault({ method: "POST", path: POLICIES, reset: "after" });

    const first = await engineUp(provider, undefined, program("Lagging list"));

    assert.equal(named("Lagging list").length, 1, "one profile, however the lookups went");
    assert.equal(posts(), 1);
    assert.match(messageOf(first.error), /could not be found by name after 4 lookups/);
    assert.match(first.state?.id ?? "", /^unresolved-create:/, "the attempt is recorded, not forgotten");
  });

  it("after an unanswered POST, `pulumi refresh` takes over the profile it made and the next up changes nothing", async () => {
    sandbox.setProfileListLag(LIST_LAG_MS);
    sandbox.fault({ method: "POST", path: POLICIES, reset: "after" });
    const first = await engineUp(provider, undefined, program("Refreshed"));
    await new Promise((resolve) => setTimeout(resolve, LIST_LAG_MS));

    const refreshed = await engineRefresh(provider, first.state as RecordedResource);
    const [made] = named("Refreshed");
    assert.equal(refreshed?.id, made.id);

    sandbox.clearLog();
    const next = await engineUp(provider, refreshed, program("Refreshed"));
    assert.equal(next.error, undefined, messageOf(next.error));
    assert.equal(next.state?.id, made.id);
    assert.equal(named("Refreshed").length, 1);
    assert.deepEqual(sandbox.graphRequests(), [], "the refreshed state matches the program");
  });

  it("the stack's own profile never blocks the next up: the last of several unanswered POSTs was applied", async () => {
    sandbox.fault({ method: "POST", path: POLICIES, reset: "before", times: 2 });
    sandbox.fault({ method: "POST", path: POLICIES, reset: "after" });

    let step = await engineUp(provider, undefined, program("Several resets"));
    for (let up = 2; step.error !== undefined && up <= 5; up++) {
      step = await engineUp(provider, step.state, program("Several resets"));
    }

    assert.equal(step.error, undefined, messageOf(step.error));
    const profiles = named("Several resets");
    assert.equal(profiles.length, 1);
    assert.equal(step.state?.id, profiles[0].id);
  });

  it("the stack's own profile never blocks the next up: the lookup after an unanswered POST failed", async () => {
    sandbox.fault({ method: "POST", path: POLICIES, reset: "after" });
    sandbox.fault({ method: "GET", path: POLICIES, status: 500, times: 4, skip: 1 });

    const first = await engineUp(provider, undefined, program("Lookup failed"));
    assert.match(
      messageOf(first.error),
      /last: the lookup failed: GET \/beta\/deviceManagement\/configurationPolicies\?.* 500 /,
    );
    const second = await engineUp(provider, first.state, program("Lookup failed"));

    assert.equal(second.error, undefined, messageOf(second.error));
    assert.deepEqual(second.operations, ["delete", "create"]);
    const profiles = named("Lookup failed");
    assert.equal(profiles.length, 1);
    assert.equal(second.state?.id, profiles[0].id);
  });

  it("an unresolved record never touches a profile of that name made outside its window, and the create refuses it", async () => {
    sandbox.seedConfigurationPolicy({ ...program("Someone else's"), settings: [] });
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const record: RecordedResource = {
      id: `unresolved-create:${hourAgo}`,
      inputs: {},
      outputs: { ...program("Someone else's"), unresolvedCreate: { startedAt: hourAgo, endedAt: hourAgo } },
      initErrors: true,
    };

    const next = await engineUp(provider, record, program("Someone else's"));

    assert.deepEqual(next.operations, ["delete", "create"]);
    assert.match(messageOf(next.error), /already exists .*set adoptExisting: true/);
    assert.equal(named("Someone else's").length, 1);
    assert.deepEqual(
      sandbox.graphRequests().map((r) => r.method),
      ["GET", "GET"],
      "two lookups, no write",
    );
  });
});
