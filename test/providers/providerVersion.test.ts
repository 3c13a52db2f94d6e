/**
 * The `providerVersion` input of the three dynamic resources, against the Graph sandbox: check
 * passes it through, diff reports a changed version as an update (never a replacement), and an
 * update that changes only the version sends nothing at all, returning the stored outputs with
 * the new version. Read keeps the version in state: it runs the state's own code.
 */
import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import { ConfigurationPolicyAssignmentProvider } from "../../infra/providers/configurationPolicyAssignment";
import {
  CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER_VERSION,
  SETTINGS_CATALOG_POLICY_PROVIDER_VERSION,
  TEMPORARY_ACCESS_PASS_POLICY_PROVIDER_VERSION,
} from "../../infra/providers/providerVersions";
import { SettingsCatalogPolicyProvider } from "../../infra/providers/settingsCatalogPolicy";
import { MICROSOFT_DEFAULT_TAP_CONFIGURATION } from "../../infra/providers/temporaryAccessPass/model";
import { TemporaryAccessPassPolicyProvider } from "../../infra/providers/temporaryAccessPassPolicy";
import type { Sandbox } from "../sandbox";
import { checkedBy, requestLines, useSandboxInEnvironment } from "./support/providerSuite";
import { webSignInProfile } from "./support/webSignInProfile";

type Props = Record<string, unknown>;

const FAST = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 300, initialDelayMs: 10, maxDelayMs: 50 },
};
const TAP_PATH =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
const POLICIES = "/beta/deviceManagement/configurationPolicies";
const GROUP_A = "00000000-0000-4000-8000-0000000000aa";
/** What the engine keeps in the outputs next to the provider's own: the code that wrote them. */
const OLD_CODE = "exports.handler = /* the provider code that wrote this state */ undefined;";

/** A state written before providers had versions: the same outputs, no providerVersion. */
function withoutVersion(outputs: Props): Props {
  const { providerVersion: _version, ...rest } = outputs;
  return rest;
}

/** A provider result's outputs, properties or inputs as plain properties. */
function asProps(value: unknown): Props {
  assert.ok(typeof value === "object" && value !== null, "the provider returned nothing");
  return value as Props;
}

/** The outputs as the engine stores them: with the code that wrote them. */
function stored(outputs: unknown): Props {
  return { ...asProps(outputs), __provider: OLD_CODE };
}

describe("providerVersion on the dynamic resources", function () {
  let sandbox: Sandbox;
  const requests = (): string[] => requestLines(sandbox);

  useSandboxInEnvironment((started) => (sandbox = started));

  it("every provider starts at version 1", () => {
    assert.deepEqual(
      [
        TEMPORARY_ACCESS_PASS_POLICY_PROVIDER_VERSION,
        SETTINGS_CATALOG_POLICY_PROVIDER_VERSION,
        CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER_VERSION,
      ],
      ["1", "1", "1"],
    );
  });

  describe("check, for each provider", () => {
    const providers: [string, pulumi.dynamic.ResourceProvider, () => Props][] = [
      [
        "TemporaryAccessPassPolicy",
        new TemporaryAccessPassPolicyProvider(FAST),
        () => ({ state: "enabled", onDestroy: "retain" }),
      ],
      [
        "SettingsCatalogPolicy",
        new SettingsCatalogPolicyProvider(FAST),
        () => webSignInProfile("Web sign-in"),
      ],
      [
        "ConfigurationPolicyAssignment",
        new ConfigurationPolicyAssignmentProvider(FAST),
        () => ({
          policyId: "8dea6029-0000-4000-8000-000000000001",
          assignments: [{ target: "group", groupId: GROUP_A }],
        }),
      ],
    ];

    for (const [name, provider, program] of providers) {
      it(`${name}: passes providerVersion through to the checked inputs`, async () => {
        const result = await provider.check!({}, { ...program(), providerVersion: "1" });
        assert.deepEqual(result.failures ?? [], []);
        assert.equal(asProps(result.inputs).providerVersion, "1");
        assert.deepEqual(sandbox.requests, []);
      });

      it(`${name}: rejects a providerVersion that is not a string, naming it`, async () => {
        const result = await provider.check!({}, { ...program(), providerVersion: 1 });
        assert.deepEqual(result.failures, [
          {
            property: "providerVersion",
            reason: "expected the provider's version as a string (set by the resource class), found number 1",
          },
        ]);
      });

      it(`${name}: accepts inputs without providerVersion and adds none`, async () => {
        const result = await provider.check!({}, program());
        assert.deepEqual(result.failures ?? [], []);
        assert.equal("providerVersion" in asProps(result.inputs), false);
      });
    }
  });

  describe("TemporaryAccessPassPolicyProvider", () => {
    const provider = new TemporaryAccessPassPolicyProvider(FAST);
    const checked = checkedBy(provider);
    const program = (overrides: Props = {}): Props => ({
      state: "enabled",
      defaultLifetimeInMinutes: 120,
      includeTargets: [{ id: GROUP_A, targetType: "group", isRegistrationRequired: false }],
      onDestroy: "restore",
      providerVersion: "1",
      ...overrides,
    });
    let outs: Props;

    before(async () => {
      sandbox.grant("Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod");
      sandbox.setTap(MICROSOFT_DEFAULT_TAP_CONFIGURATION);
      outs = stored((await provider.create(await checked(program()))).outs);
      sandbox.clearLog();
    });

    it("create records the version in the outputs", () => {
      assert.equal(outs.providerVersion, "1");
    });

    it("diff: the same version and configuration is no change", async () => {
      assert.deepEqual(await provider.diff("TemporaryAccessPass", outs, await checked(program())), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
    });

    it("diff: a state without a version, or with another one, is an update, not a replacement", async () => {
      const news = await checked(program({ providerVersion: "2" }));
      const expected = { changes: true, replaces: [], deleteBeforeReplace: false };
      assert.deepEqual(await provider.diff("TemporaryAccessPass", outs, news), expected);
      assert.deepEqual(
        await provider.diff("TemporaryAccessPass", withoutVersion(outs), await checked(program())),
        expected,
      );
    });

    it("update of the version only sends nothing and returns the stored outputs with the new version", async () => {
      const tapBefore = sandbox.tap();

      const result = await provider.update(
        "TemporaryAccessPass",
        outs,
        await checked(program({ providerVersion: "2" })),
      );

      assert.deepEqual(sandbox.requests, [], "no sign-in and no Graph request");
      const { __provider: _code, ...storedOutputs } = outs;
      assert.deepEqual(result.outs, { ...storedOutputs, providerVersion: "2" });
      assert.deepEqual(sandbox.tap(), tapBefore);
    });

    it("update of a state without a version sends nothing either", async () => {
      const result = await provider.update(
        "TemporaryAccessPass",
        withoutVersion(outs),
        await checked(program()),
      );

      assert.deepEqual(sandbox.requests, []);
      assert.equal(asProps(result.outs).providerVersion, "1");
      assert.deepEqual(asProps(result.outs).previous, outs.previous);
    });

    it("update of the version and the configuration PATCHes as usual and records the new version", async () => {
      const result = await provider.update(
        "TemporaryAccessPass",
        outs,
        await checked(program({ defaultLifetimeInMinutes: 240, providerVersion: "2" })),
      );

      assert.deepEqual(requests(), [`PATCH ${TAP_PATH} 204`]);
      assert.equal(sandbox.tap().defaultLifetimeInMinutes, 240);
      assert.equal(asProps(result.outs).providerVersion, "2");
      assert.equal(asProps(result.outs).defaultLifetimeInMinutes, 240);
    });

    it("read keeps the version in state (its own code's), and adds none to a state without one", async () => {
      const read = await provider.read("TemporaryAccessPass", { ...outs, providerVersion: "1" });
      assert.equal(asProps(read.props).providerVersion, "1");
      assert.equal(asProps(read.inputs).providerVersion, "1");

      const unversioned = await provider.read("TemporaryAccessPass", withoutVersion(outs));
      assert.equal("providerVersion" in asProps(unversioned.props), false);
      assert.equal("providerVersion" in asProps(unversioned.inputs), false);
    });
  });

  describe("SettingsCatalogPolicyProvider", () => {
    const provider = new SettingsCatalogPolicyProvider(FAST);
    const checked = checkedBy(provider);
    const program = (overrides: Props = {}): Props => ({
      ...webSignInProfile("Web sign-in (versioned)"),
      providerVersion: "1",
      ...overrides,
    });
    let id: string;
    let outs: Props;

    before(async () => {
      const created = await provider.create(await checked(program()));
      id = created.id;
      outs = stored(created.outs);
      sandbox.clearLog();
    });

    it("create records the version in the outputs", () => {
      assert.equal(outs.providerVersion, "1");
    });

    it("diff: only a changed or missing version is an update, not a replacement", async () => {
      const none = { changes: false, replaces: [], deleteBeforeReplace: false };
      const update = { changes: true, replaces: [], deleteBeforeReplace: false };
      assert.deepEqual(await provider.diff(id, outs, await checked(program())), none);
      assert.deepEqual(
        await provider.diff(id, outs, await checked(program({ providerVersion: "2" }))),
        update,
      );
      assert.deepEqual(await provider.diff(id, withoutVersion(outs), await checked(program())), update);
    });

    it("update of the version only sends nothing and returns the stored outputs with the new version", async () => {
      const policyBefore = sandbox.configurationPolicy(id);

      const result = await provider.update(id, outs, await checked(program({ providerVersion: "2" })));

      assert.deepEqual(sandbox.requests, [], "no sign-in and no Graph request");
      const { __provider: _code, ...storedOutputs } = outs;
      assert.deepEqual(result.outs, { ...storedOutputs, providerVersion: "2" });
      assert.ok(typeof storedOutputs.createdAt === "string", "createdAt is kept");
      assert.deepEqual(sandbox.configurationPolicy(id), policyBefore);
    });

    it("update of the version and the description PATCHes as usual and records the new version", async () => {
      const result = await provider.update(
        id,
        outs,
        await checked(program({ description: "New joiners", providerVersion: "2" })),
      );

      assert.deepEqual(requests(), [`PATCH ${POLICIES}/${id} 204`]);
      assert.deepEqual(sandbox.graphRequests()[0].body, { description: "New joiners" });
      assert.equal(asProps(result.outs).providerVersion, "2");
      assert.equal(asProps(result.outs).createdAt, outs.createdAt);
    });

    it("read keeps the version in state (its own code's)", async () => {
      const read = await provider.read(id, outs);
      assert.equal(asProps(read.props).providerVersion, "1");
      assert.equal(asProps(read.inputs).providerVersion, "1");

      const unversioned = await provider.read(id, withoutVersion(outs));
      assert.equal("providerVersion" in asProps(unversioned.props), false);
    });
  });

  describe("ConfigurationPolicyAssignmentProvider", () => {
    const provider = new ConfigurationPolicyAssignmentProvider(FAST);
    const checked = checkedBy(provider);
    let policyId: string;
    let autopilot: string;
    let leavers: string;
    let outs: Props;
    const program = (overrides: Props = {}): Props => ({
      policyId,
      assignments: [{ target: "group", groupId: autopilot }],
      providerVersion: "1",
      ...overrides,
    });

    before(async () => {
      policyId = sandbox.seedConfigurationPolicy(webSignInProfile("Assigned (versioned)"));
      autopilot = sandbox.addGroup({ displayName: "Autopilot devices (versioned)" });
      leavers = sandbox.addGroup({ displayName: "Leavers (versioned)" });
      outs = stored((await provider.create(await checked(program()))).outs);
      sandbox.clearLog();
    });

    it("create records the version in the outputs", () => {
      assert.equal(outs.providerVersion, "1");
    });

    it("diff: only a changed or missing version is an update, not a replacement", async () => {
      assert.deepEqual(await provider.diff(policyId, outs, await checked(program())), {
        changes: false,
        replaces: [],
      });
      const update = { changes: true, replaces: [] };
      assert.deepEqual(
        await provider.diff(policyId, outs, await checked(program({ providerVersion: "2" }))),
        update,
      );
      assert.deepEqual(await provider.diff(policyId, withoutVersion(outs), await checked(program())), update);
    });

    it("update of the version only sends nothing and returns the stored outputs with the new version", async () => {
      const assignmentsBefore = sandbox.configurationPolicy(policyId)?.assignments;

      const result = await provider.update(policyId, outs, await checked(program({ providerVersion: "2" })));

      assert.deepEqual(sandbox.requests, [], "no sign-in and no Graph request");
      const { __provider: _code, ...storedOutputs } = outs;
      assert.deepEqual(result.outs, { ...storedOutputs, providerVersion: "2" });
      assert.deepEqual(sandbox.configurationPolicy(policyId)?.assignments, assignmentsBefore);
    });

    it("update of the version and the list assigns as usual and records the new version", async () => {
      const assignments = [
        { target: "group", groupId: autopilot },
        { target: "exclusionGroup", groupId: leavers },
      ];
      const result = await provider.update(
        policyId,
        outs,
        await checked(program({ assignments, providerVersion: "2" })),
      );

      assert.deepEqual(requests(), [`POST ${POLICIES}/${policyId}/assign 200`]);
      assert.equal(asProps(result.outs).providerVersion, "2");
      assert.equal((asProps(result.outs).assignments as unknown[]).length, 2);
    });

    it("read keeps the version in state (its own code's)", async () => {
      const read = await provider.read(policyId, outs);
      assert.equal(asProps(read.props).providerVersion, "1");
      assert.equal(asProps(read.inputs).providerVersion, "1");

      const unversioned = await provider.read(policyId, withoutVersion(outs));
      assert.equal("providerVersion" in asProps(unversioned.props), false);
    });
  });
});
