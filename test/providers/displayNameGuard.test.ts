/**
 * The DisplayNameGuard provider against the Graph sandbox over HTTPS, with the real Graph client
 * and credential flow: when `check` looks a name up (and when it must not), the exact message for
 * a taken name, strict inputs, and that no lifecycle method ever writes to the tenant.
 */
import { strict as assert } from "node:assert";
import { UNKNOWN_VALUE } from "../../infra/providers/settingsCatalog/unknownValue";
import { DisplayNameGuardProvider } from "../../infra/providers/displayNameGuard";
import type { Sandbox } from "../sandbox";
import { requestLines, useSandboxInEnvironment } from "./support/providerSuite";

const POLICIES = "/v1.0/identity/conditionalAccess/policies";
const POLICY_NAME = "Require MFA to register security info";
const GROUP_NAME = "Autopilot devices";
const FAST = { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 } };

type Props = Record<string, unknown>;

function registrationPolicy(displayName: string): Props {
  return {
    displayName,
    state: "enabledForReportingButNotEnforced",
    conditions: {
      clientAppTypes: ["all"],
      applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
      users: { includeUsers: ["All"] },
    },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
  };
}

const policyGuard = (displayName = POLICY_NAME, adopt = false): Props => ({
  objectType: "conditionalAccessPolicy",
  displayName,
  adopt,
});
const groupGuard = (displayName = GROUP_NAME, adopt = false): Props => ({
  objectType: "group",
  displayName,
  adopt,
});

describe("DisplayNameGuardProvider against the Graph sandbox", () => {
  let sandbox: Sandbox;
  const provider = new DisplayNameGuardProvider(FAST);
  const requests = (): string[] => requestLines(sandbox);
  useSandboxInEnvironment((started) => (sandbox = started));
  beforeEach(() => sandbox.resetTenant());

  describe("check of a new guard (no olds)", () => {
    it("fails on a Conditional Access policy that already has the name, naming its id and the config to adopt it", async () => {
      const existing = sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME));
      sandbox.clearLog();

      const result = await provider.check({}, policyGuard());

      assert.deepEqual(result.failures, [
        {
          property: "displayName",
          reason:
            `a Conditional Access policy named "${POLICY_NAME}" already exists in this tenant (id ${existing}), ` +
            "and this stack would create another Conditional Access policy with the same name. To manage it with " +
            "this stack (also when this stack created it before this check existed), set " +
            "passwordless-onboarding:registrationPolicy: { adoptExisting: true }; or set registrationPolicy.displayName " +
            "to a name no Conditional Access policy has.",
        },
      ]);
      assert.deepEqual(requests(), [`GET ${POLICIES} 200`]);
    });

    it("fails on a group that already has the name, also saying how to use it without managing it", async () => {
      const existing = sandbox.addGroup({ displayName: GROUP_NAME });
      sandbox.clearLog();

      const result = await provider.check({}, groupGuard());

      assert.deepEqual(result.failures, [
        {
          property: "displayName",
          reason:
            `a group named "${GROUP_NAME}" already exists in this tenant (id ${existing}), and this stack would ` +
            "create another group with the same name. To manage it with this stack (also when this stack created it " +
            "before this check existed), set passwordless-onboarding:autopilot: { adoptExisting: true }; to assign " +
            "the Web sign-in profile to it without managing it, set passwordless-onboarding:autopilot: " +
            `{ existingGroupId: ${existing} }; or set autopilot.groupDisplayName to a name no group has.`,
        },
      ]);
      assert.deepEqual(
        sandbox.graphRequests().map((r) => ({ method: r.method, path: r.path, query: r.query })),
        [
          {
            method: "GET",
            path: "/v1.0/groups",
            query: { $filter: "displayName eq 'Autopilot devices'", $select: "id,displayName" },
          },
        ],
      );
    });

    it("names every id when several objects have the name", async () => {
      const ids = [
        sandbox.addGroup({ displayName: GROUP_NAME }),
        sandbox.addGroup({ displayName: GROUP_NAME }),
      ];
      const result = await provider.check({}, groupGuard());
      assert.equal(result.failures?.length, 1);
      assert.equal(
        result.failures?.[0].reason,
        `2 groups named "${GROUP_NAME}" already exist in this tenant (ids ${ids.join(", ")}), and this stack would ` +
          "create another group with the same name. To manage one of them with this stack, rename or delete the " +
          "others in the tenant, then set passwordless-onboarding:autopilot: { adoptExisting: true }; to assign the " +
          "Web sign-in profile to one of them without managing it, set passwordless-onboarding:autopilot: " +
          `{ existingGroupId: ${ids[0]} }; or set autopilot.groupDisplayName to a name no group has.`,
      );
    });

    it("passes a name nobody has (exact match only), answering the checked inputs", async () => {
      sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME.toLowerCase()));
      sandbox.seedConditionalAccessPolicy(registrationPolicy(`${POLICY_NAME} (old)`));
      sandbox.clearLog();
      const result = await provider.check({}, { ...policyGuard(), __provider: "entry" });
      assert.deepEqual(result, { inputs: policyGuard() });
      assert.deepEqual(requests(), [`GET ${POLICIES} 200`]);
    });

    it("turns a refused lookup into a check failure that names the missing permission", async () => {
      const granted = sandbox.permissions();
      sandbox.revoke(...granted);
      try {
        const result = await provider.check({}, policyGuard());
        assert.equal(result.failures?.length, 1);
        assert.equal(result.failures?.[0].property, "displayName");
        assert.match(
          result.failures?.[0].reason ?? "",
          /^could not check that no Conditional Access policy is named "Require MFA to register security info" before creating one: GET \/v1\.0\/identity\/conditionalAccess\/policies failed: 403 Authorization_RequestDenied: .* The app needs Policy\.Read\.All\.$/,
        );
      } finally {
        sandbox.grant(...granted);
      }
    });
  });

  describe("check without a lookup", () => {
    it("makes no Graph request when the guard's olds have the same name: the object is the stack's own", async () => {
      sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME));
      sandbox.addGroup({ displayName: GROUP_NAME });
      sandbox.clearLog();
      assert.deepEqual(await provider.check(policyGuard(), policyGuard()), { inputs: policyGuard() });
      assert.deepEqual(await provider.check(groupGuard(GROUP_NAME, true), groupGuard()), {
        inputs: groupGuard(),
      });
      assert.deepEqual(sandbox.graphRequests(), []);
    });

    it("makes no Graph request when the config adopts the object", async () => {
      sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME));
      sandbox.clearLog();
      assert.deepEqual(await provider.check({}, policyGuard(POLICY_NAME, true)), {
        inputs: policyGuard(POLICY_NAME, true),
      });
      assert.deepEqual(await provider.check(policyGuard("Old name"), policyGuard(POLICY_NAME, true)), {
        inputs: policyGuard(POLICY_NAME, true),
      });
      assert.deepEqual(sandbox.graphRequests(), []);
    });

    it("makes no Graph request while a value is not known yet (preview)", async () => {
      assert.deepEqual(
        (await provider.check({}, { ...policyGuard(), displayName: UNKNOWN_VALUE })).failures ?? [],
        [],
      );
      assert.deepEqual(sandbox.graphRequests(), []);
    });
  });

  describe("check when the name changes", () => {
    it("looks the new name up and fails when it is taken", async () => {
      const existing = sandbox.addGroup({ displayName: "Kiosks" });
      sandbox.clearLog();
      const result = await provider.check(groupGuard(GROUP_NAME), groupGuard("Kiosks"));
      assert.match(
        result.failures?.[0].reason ?? "",
        new RegExp(`^a group named "Kiosks" already exists in this tenant \\(id ${existing}\\)`),
      );
      assert.equal(sandbox.graphRequests().length, 1);
    });

    it("looks the new name up and passes when it is free", async () => {
      const result = await provider.check(policyGuard("Old name"), policyGuard());
      assert.deepEqual(result, { inputs: policyGuard() });
      assert.deepEqual(requests(), [`GET ${POLICIES} 200`]);
    });
  });

  describe("check when the connection moves to another tenant", () => {
    const TENANT_A = "00000000-0000-4000-8000-00000000000a";
    const TENANT_B = "00000000-0000-4000-8000-00000000000b";
    const inTenant = (guard: Props, tenantId: string): Props => ({ ...guard, connection: { tenantId } });

    it("refuses it without a Graph request: the azuread object would stay behind in the old tenant", async () => {
      sandbox.clearLog();
      const result = await provider.check(inTenant(groupGuard(), TENANT_A), inTenant(groupGuard(), TENANT_B));
      assert.deepEqual(result.failures, [
        {
          property: "connection.tenantId",
          reason:
            `the group this component manages was made in tenant ${TENANT_A}, and its azuread provider would act on ` +
            `${TENANT_B} instead: the group would stay in ${TENANT_A}, no longer managed, and be looked for in ` +
            `${TENANT_B}. To move the onboarding, remove it from the program and run pulumi up (it is deleted from ` +
            `${TENANT_A}), then declare it for ${TENANT_B}; or declare a component with another name for ${TENANT_B}`,
        },
      ]);
      assert.deepEqual(requests(), []);
    });

    it("takes the same tenant in another letter case as no move", async () => {
      const result = await provider.check(
        inTenant(policyGuard(), TENANT_A),
        inTenant(policyGuard(), TENANT_A.toUpperCase()),
      );
      assert.equal(result.failures, undefined);
    });
  });

  describe("strict inputs (no Graph request)", () => {
    it("names every bad input, an unknown key with the closest known one", async () => {
      const result = await provider.check(
        {},
        { objectType: "policy", displayName: " ", adopt: "yes", displayname: "x" },
      );
      assert.deepEqual(result.failures, [
        {
          property: "displayname",
          reason:
            "expected only objectType, displayName, adopt, found displayname. Did you mean displayName?",
        },
        { property: "objectType", reason: 'expected "conditionalAccessPolicy" or "group", found "policy"' },
        { property: "displayName", reason: 'expected a non-empty string, found " "' },
        { property: "adopt", reason: 'expected true or false, found "yes"' },
      ]);
      assert.deepEqual(sandbox.graphRequests(), []);
    });

    it("refuses missing inputs", async () => {
      const result = await provider.check({}, { objectType: "group" });
      assert.deepEqual(result.failures, [
        { property: "displayName", reason: "expected a non-empty string, found nothing" },
        { property: "adopt", reason: "expected true or false, found nothing" },
      ]);
    });
  });

  describe("the rest of the lifecycle writes nothing and reads nothing", () => {
    it("create, read, diff, update and delete make no Graph request", async () => {
      sandbox.seedConditionalAccessPolicy(registrationPolicy(POLICY_NAME));
      sandbox.clearLog();

      const created = await provider.create(groupGuard());
      assert.deepEqual(created, { id: "display-name-guard:group", outs: groupGuard() });
      assert.deepEqual(await provider.read("display-name-guard:group", groupGuard()), {
        id: "display-name-guard:group",
        props: groupGuard(),
        inputs: groupGuard(),
      });
      assert.deepEqual(await provider.diff("display-name-guard:group", groupGuard(), groupGuard()), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: true,
      });
      assert.deepEqual(
        await provider.diff("display-name-guard:group", groupGuard(), groupGuard("Kiosks", true)),
        {
          changes: true,
          replaces: [],
          deleteBeforeReplace: true,
        },
      );
      assert.deepEqual(
        (await provider.diff("display-name-guard:group", groupGuard(), policyGuard(GROUP_NAME))).replaces,
        ["objectType"],
      );
      assert.deepEqual(
        await provider.update("display-name-guard:group", groupGuard(), groupGuard("Kiosks")),
        {
          outs: groupGuard("Kiosks"),
        },
      );
      await provider.delete();

      assert.deepEqual(sandbox.requests, [], "not even a token request");
    });

    it("create refuses inputs check would refuse", async () => {
      await assert.rejects(provider.create({ objectType: "user", displayName: "x", adopt: false }), {
        message:
          'Invalid display name guard inputs: objectType: expected "conditionalAccessPolicy" or "group", found "user"',
      });
    });
  });
});
