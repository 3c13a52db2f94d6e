/**
 * The program adopting existing objects: under Pulumi's mocks for the resources, with the program's
 * own adoption lookups going to the Graph sandbox over HTTPS (its connection in the environment or
 * in the `azuread:` stack config, as for the providers). An adopted policy or group is declared
 * with the `import` option and the azuread import id; none found creates it; several stop the
 * program before any resource.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { clearCredentialCache } from "../../infra/graph";
import type { Sandbox } from "../sandbox";
import { startSandboxInEnvironment } from "../providers/support/sandboxEnvironment";
import {
  CONDITIONAL_ACCESS_POLICY_TYPE,
  CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
  DISPLAY_NAME_GUARD_TYPE,
  GROUP_TYPE,
} from "./providerMocks";
import { findResource, runProgram, type RecordedResource } from "./runProgram";

const POLICY_NAME = "CA010 - Register security info";
const GROUP_NAME = "Autopilot devices (prod)";
const BREAK_GLASS_1 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01";
const BREAK_GLASS_2 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a02";
const NEW_HIRES = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01";
const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";

/** The policy as made in the portal: what the config below describes, lists in the portal's order. */
function portalPolicy(displayName = POLICY_NAME): Record<string, unknown> {
  return {
    displayName,
    state: "enabledForReportingButNotEnforced",
    conditions: {
      clientAppTypes: ["all"],
      applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
      users: {
        includeUsers: ["All"],
        excludeUsers: [BREAK_GLASS_2, BREAK_GLASS_1, "GuestsOrExternalUsers"],
        excludeRoles: [GLOBAL_ADMINISTRATOR],
      },
      locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
    },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
  };
}

const ADOPT_BOTH = {
  temporaryAccessPass: { includeGroupIds: [NEW_HIRES] },
  registrationPolicy: {
    displayName: POLICY_NAME,
    breakGlassUserIds: [BREAK_GLASS_1, BREAK_GLASS_2],
    adoptExisting: true,
  },
  autopilot: { groupDisplayName: GROUP_NAME, adoptExisting: true },
};

describe("the program adopting existing objects (lookups against the Graph sandbox)", function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let stop: () => Promise<void>;

  before(async () => {
    ({ sandbox, stop } = await startSandboxInEnvironment());
  });
  after(() => stop());
  beforeEach(() => {
    sandbox.resetTenant();
    sandbox.clearLog();
  });

  for (const preview of [false, true]) {
    describe(`one policy and one group with the configured names (${preview ? "preview" : "up"})`, () => {
      let policyId: string;
      let groupId: string;
      let resources: RecordedResource[];
      let outputs: Record<string, unknown>;
      let requests: string[];
      before(async () => {
        sandbox.resetTenant();
        policyId = sandbox.seedConditionalAccessPolicy(portalPolicy());
        groupId = sandbox.addGroup({ displayName: GROUP_NAME });
        sandbox.clearLog();
        ({ resources, outputs } = await runProgram(ADOPT_BOTH, { preview }));
        requests = sandbox
          .graphRequests()
          .map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)} ${r.status}`)
          .sort();
      });

      it("imports the policy with the azuread id form /identity/conditionalAccess/policies/<id>", () => {
        const policy = findResource(
          resources,
          CONDITIONAL_ACCESS_POLICY_TYPE,
          "onboarding-registration-policy",
        );
        assert.equal(policy.importId, `/identity/conditionalAccess/policies/${policyId}`);
        if (!preview) assert.equal(outputs.registrationPolicyId, policyId);
      });

      it("imports the group with the azuread id form /groups/<id>, and assigns the profile to its object id", () => {
        const group = findResource(resources, GROUP_TYPE, "onboarding-autopilot-group");
        assert.equal(group.importId, `/groups/${groupId}`);
        assert.equal(group.inputs.preventDuplicateNames, false, "what an imported group's state holds");
        const assignment = findResource(
          resources,
          CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
          "onboarding-web-sign-in-assignment",
        );
        assert.deepEqual(assignment.inputs.assignments, [{ target: "group", groupId }]);
      });

      it("keeps the tenant's list order for lists the config does not change", () => {
        const policy = findResource(
          resources,
          CONDITIONAL_ACCESS_POLICY_TYPE,
          "onboarding-registration-policy",
        );
        const users = (policy.inputs.conditions as { users: Record<string, unknown> }).users;
        assert.deepEqual(users.excludedUsers, [BREAK_GLASS_2, BREAK_GLASS_1, "GuestsOrExternalUsers"]);
      });

      it("tells the guards the objects are adopted, and still registers them first", () => {
        const guards = resources.filter((r) => r.type === DISPLAY_NAME_GUARD_TYPE);
        assert.deepEqual(
          guards.map((g) => [g.name, g.inputs.adopt]),
          [
            ["onboarding-registration-policy-guard", true],
            ["onboarding-autopilot-group-guard", true],
          ],
        );
        const policy = findResource(
          resources,
          CONDITIONAL_ACCESS_POLICY_TYPE,
          "onboarding-registration-policy",
        );
        assert.deepEqual(policy.dependsOn.map((d) => d.name).sort(), [
          "onboarding-autopilot-group-guard",
          "onboarding-registration-policy-guard",
        ]);
      });

      it("only reads the tenant: one list of policies, one group query", () => {
        assert.deepEqual(requests, [
          `GET /v1.0/groups {"$filter":"displayName eq '${GROUP_NAME}'","$select":"id,displayName"} 200`,
          "GET /v1.0/identity/conditionalAccess/policies {} 200",
        ]);
      });
    });
  }

  it("creates (no import) what the tenant does not have yet", async () => {
    sandbox.seedConditionalAccessPolicy(portalPolicy("Another policy"));
    const { resources } = await runProgram(ADOPT_BOTH);
    assert.equal(
      findResource(resources, CONDITIONAL_ACCESS_POLICY_TYPE, "onboarding-registration-policy").importId,
      undefined,
    );
    assert.equal(findResource(resources, GROUP_TYPE, "onboarding-autopilot-group").importId, undefined);
  });

  it("stops before any resource when several objects have a name, naming every id", async () => {
    const ids = [
      sandbox.addGroup({ displayName: GROUP_NAME }),
      sandbox.addGroup({ displayName: GROUP_NAME }),
    ];
    const declared: RecordedResource[] = [];
    await assert.rejects(runProgram(ADOPT_BOTH, { recordInto: declared }), (error: unknown) => {
      assert.ok(error instanceof pulumi.RunError, String(error));
      assert.equal(
        error.message,
        "Cannot adopt the existing objects the stack config asks for (1 problem); no resource was declared:\n" +
          `  - passwordless-onboarding:autopilot.adoptExisting: 2 groups are named "${GROUP_NAME}" in this tenant ` +
          `(ids ${ids.join(", ")}); adoption takes over exactly one. Rename or delete the others in the tenant, or ` +
          "set autopilot.groupDisplayName to a name no other group has",
      );
      return true;
    });
    assert.deepEqual(declared, []);
  });

  it("reports adoption and reference failures together", async () => {
    sandbox.addGroup({ displayName: GROUP_NAME });
    sandbox.addGroup({ displayName: GROUP_NAME });
    await assert.rejects(
      runProgram({
        ...ADOPT_BOTH,
        temporaryAccessPass: { includeGroupIds: [{ displayName: "Gone" }] },
      }),
      (error: unknown) => {
        assert.ok(error instanceof pulumi.RunError, String(error));
        const lines = error.message.split("\n");
        assert.match(lines[0], /^Cannot resolve the groups and users the stack config names \(1 problem\)/);
        assert.match(lines[1], /temporaryAccessPass\.includeGroupIds\[0\]: no group with displayName "Gone"/);
        assert.match(lines[2], /^Cannot adopt the existing objects the stack config asks for \(1 problem\)/);
        assert.match(lines[3], /autopilot\.adoptExisting: 2 groups are named/);
        return true;
      },
    );
  });

  it("makes no Graph request at program time without adoptExisting", async () => {
    sandbox.seedConditionalAccessPolicy(portalPolicy());
    await runProgram({
      ...ADOPT_BOTH,
      registrationPolicy: { displayName: POLICY_NAME },
      autopilot: { groupDisplayName: GROUP_NAME },
    });
    assert.deepEqual(sandbox.graphRequests(), []);
  });

  it("connects with the azuread: stack config keys, as the providers do", async () => {
    const policyId = sandbox.seedConditionalAccessPolicy(portalPolicy());
    const secret = process.env.ARM_CLIENT_SECRET;
    delete process.env.ARM_CLIENT_SECRET;
    clearCredentialCache();
    try {
      const { resources } = await runProgram({
        ...ADOPT_BOTH,
        autopilot: { groupDisplayName: GROUP_NAME },
        "azuread:clientSecret": secret,
      });
      assert.equal(
        findResource(resources, CONDITIONAL_ACCESS_POLICY_TYPE, "onboarding-registration-policy").importId,
        `/identity/conditionalAccess/policies/${policyId}`,
      );
    } finally {
      process.env.ARM_CLIENT_SECRET = secret;
      clearCredentialCache();
    }
  });
});
