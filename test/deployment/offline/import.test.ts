/**
 * The `import` resource option through the offline engine (Pulumi CLI >= 3.174 rules, see
 * deploymentPlan.ts): a small program adopts a Conditional Access policy and a group that were
 * made in the tenant by raw Graph calls before the stack existed.
 */
import { strict as assert } from "node:assert";
import * as azuread from "@pulumi/azuread";
import { startSandbox, type Sandbox } from "../../sandbox";
import type { RunResult } from "../driver";
import { GraphTenant, type GraphObject } from "../tenant";
import { OfflineDriver } from "./offlineDriver";
import type { ProgramFunction } from "./programRun";

const CA = "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy";
const GROUP = "azuread:index/group:Group";
const RULE = '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))';
const POLICY_NAME = "Require MFA to register security info (adopted)";
const GROUP_NAME = "Autopilot devices (adopted)";
const DESCRIPTION = "All Windows Autopilot devices";

/** The policy as an administrator made it in the portal (the Graph body of a POST). */
const POLICY_BODY: GraphObject = {
  displayName: POLICY_NAME,
  state: "enabledForReportingButNotEnforced",
  conditions: {
    applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
    users: { includeUsers: ["All"], excludeUsers: ["GuestsOrExternalUsers"] },
    clientAppTypes: ["all"],
    locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
  },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
};

const GROUP_BODY: GraphObject = {
  displayName: GROUP_NAME,
  description: DESCRIPTION,
  mailEnabled: false,
  mailNickname: "autopilot-adopted",
  securityEnabled: true,
  groupTypes: ["DynamicMembership"],
  membershipRule: RULE,
  membershipRuleProcessingState: "On",
};

/** The same two objects as a program declares them. */
const POLICY_ARGS: azuread.ConditionalAccessPolicyArgs = {
  displayName: POLICY_NAME,
  state: "enabledForReportingButNotEnforced",
  conditions: {
    clientAppTypes: ["all"],
    applications: { includedUserActions: ["urn:user:registersecurityinfo"] },
    users: { includedUsers: ["All"], excludedUsers: ["GuestsOrExternalUsers"] },
    locations: { includedLocations: ["All"], excludedLocations: ["AllTrusted"] },
  },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
};

const GROUP_ARGS: azuread.GroupArgs = {
  displayName: GROUP_NAME,
  description: DESCRIPTION,
  securityEnabled: true,
  types: ["DynamicMembership"],
  dynamicMembership: { enabled: true, rule: RULE },
};

interface Adoption {
  policyImport: string;
  groupImport: string;
  policyArgs?: azuread.ConditionalAccessPolicyArgs;
  groupArgs?: azuread.GroupArgs;
}

function adoptingProgram(adoption: Adoption): ProgramFunction {
  return () => {
    const policy = new azuread.ConditionalAccessPolicy("adopted-policy", adoption.policyArgs ?? POLICY_ARGS, {
      import: adoption.policyImport,
    });
    const group = new azuread.Group("adopted-group", adoption.groupArgs ?? GROUP_ARGS, {
      import: adoption.groupImport,
    });
    return { policyObjectId: policy.objectId, groupObjectId: group.objectId };
  };
}

/** The run's steps as `op name [diffs]`, grouped by resource (the engine steps resources concurrently), in step order per resource. */
function steps(result: RunResult): string[] {
  return [...result.changes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (change) => `${change.op} ${change.name}${change.diffs.length ? ` [${change.diffs.join(", ")}]` : ""}`,
    );
}

describe("offline engine: the import resource option", () => {
  let sandbox: Sandbox;
  let tenant: GraphTenant;
  let driver: OfflineDriver | undefined;
  let program: ProgramFunction;
  let policyId: string;
  let groupId: string;
  const policyImport = () => `/identity/conditionalAccess/policies/${policyId}`;
  const groupImport = () => `/groups/${groupId}`;

  before(async () => {
    sandbox = await startSandbox();
    tenant = GraphTenant.fromEnvironment(sandbox.env());
  });
  after(async () => {
    await sandbox.stop();
  });
  beforeEach(async () => {
    sandbox.resetTenant();
    policyId = String((await tenant.createConditionalAccessPolicy(POLICY_BODY)).id);
    groupId = String((await tenant.createGroup(GROUP_BODY)).id);
    sandbox.clearLog();
    driver = new OfflineDriver({ sandbox, program: () => program() });
  });
  afterEach(async () => {
    await driver?.dispose();
    driver = undefined;
  });

  const run = (operation: "up" | "preview"): Promise<RunResult> => (driver as OfflineDriver)[operation]({});
  const writes = () =>
    sandbox
      .graphRequests()
      .filter((request) => request.method !== "GET")
      .map((request) => `${request.method} ${request.path}`);

  it("previews and runs the imports as reads only when the inputs match what is in the tenant; later runs are plain steps", async () => {
    program = adoptingProgram({ policyImport: policyImport(), groupImport: groupImport() });
    const preview = await run("preview");
    assert.equal(preview.error, undefined);
    assert.deepEqual(steps(preview), ["import adopted-group", "import adopted-policy"]);
    assert.deepEqual(writes(), [], "a preview writes nothing");

    const up = await run("up");
    assert.equal(up.error, undefined);
    assert.deepEqual(steps(up), ["import adopted-group", "import adopted-policy"]);
    assert.deepEqual(writes(), [], "an import whose inputs match writes nothing");
    assert.deepEqual(
      sandbox.graphRequests().map((request) => `${request.method} ${request.path}`),
      [
        ...[preview, up].flatMap(() => [
          `GET /v1.0/identity/conditionalAccess/policies/${policyId}`,
          `GET /beta/groups/${groupId}`,
          `GET /beta/groups/${groupId}/owners`,
          `GET /beta/groups/${groupId}/members`,
          `GET /beta/groups/${groupId}/memberOf`,
        ]),
      ],
      "each import is the provider's Read and nothing else",
    );
    assert.deepEqual(up.outputs, { policyObjectId: policyId, groupObjectId: groupId });
    const state = (driver as OfflineDriver).state().resources;
    assert.deepEqual(
      state.map((record) => [record.type, record.id, record.importId]),
      [
        [CA, policyImport(), policyImport()],
        [GROUP, groupImport(), groupImport()],
      ],
    );
    // What was read is what the state keeps: the group's preventDuplicateNames is not Graph's.
    assert.equal(state[1].outputs.preventDuplicateNames, false);
    assert.equal(state[1].outputs.mailNickname, "autopilot-adopted");

    sandbox.clearLog();
    const again = await run("up");
    assert.deepEqual(steps(again), ["same adopted-group", "same adopted-policy"], "already imported");
    assert.deepEqual(writes(), []);
  });

  it("imports then updates in the same run when one input differs: the preview shows both, the up sends one PATCH", async () => {
    program = adoptingProgram({
      policyImport: policyImport(),
      groupImport: groupImport(),
      groupArgs: { ...GROUP_ARGS, description: "Every Autopilot device" },
    });
    const preview = await run("preview");
    assert.equal(preview.error, undefined);
    assert.deepEqual(steps(preview), [
      "import adopted-group",
      "update adopted-group [description]",
      "import adopted-policy",
    ]);
    assert.deepEqual(writes(), []);

    sandbox.clearLog();
    const up = await run("up");
    assert.equal(up.error, undefined);
    assert.deepEqual(steps(up), [
      "import adopted-group",
      "update adopted-group [description]",
      "import adopted-policy",
    ]);
    assert.deepEqual(writes(), [`PATCH /beta/groups/${groupId}`]);
    assert.equal((await tenant.group(groupId))?.description, "Every Autopilot device");
    const record = (driver as OfflineDriver).state().resources.find((r) => r.name === "adopted-group");
    assert.equal(record?.importId, undefined, "after an import and an update the engine keeps no ImportID");

    sandbox.clearLog();
    const again = await run("up");
    assert.deepEqual(steps(again), ["same adopted-group", "same adopted-policy"]);
    assert.deepEqual(writes(), []);
  });

  it("always updates a group imported for a program with preventDuplicateNames: true (the read state says false)", async () => {
    program = adoptingProgram({
      policyImport: policyImport(),
      groupImport: groupImport(),
      groupArgs: { ...GROUP_ARGS, preventDuplicateNames: true },
    });
    const up = await run("up");
    assert.equal(up.error, undefined);
    assert.deepEqual(steps(up), [
      "import adopted-group",
      "update adopted-group [preventDuplicateNames]",
      "import adopted-policy",
    ]);
    const groupRequests = sandbox
      .graphRequests()
      .filter((request) => request.path.startsWith("/beta/groups") && !request.path.includes(`${groupId}/`))
      .map(
        (request) =>
          `${request.method} ${request.path}${request.query.$filter ? `?${request.query.$filter}` : ""}`,
      );
    assert.deepEqual(groupRequests, [
      `GET /beta/groups/${groupId}`,
      `GET /beta/groups?displayName eq '${GROUP_NAME}'`,
      `PATCH /beta/groups/${groupId}`,
      `GET /beta/groups/${groupId}`,
    ]);
  });

  it("fails on a bare guid import id with the provider's id-format error, and on an object that does not exist", async () => {
    program = adoptingProgram({ policyImport: policyImport(), groupImport: groupId });
    const bare = await run("preview");
    assert.equal(bare.ok, false);
    assert.equal(
      bare.error,
      `${GROUP} (adopted-group): error: importing ${groupId}: 1 error occurred:\n\t* parsing "${groupId}": parsing the Group ID: the number of segments didn't match

Expected a Group ID that matched (containing 2 segments):

> /groups/groupId

However this value was provided (which was parsed into 0 segments):

> ${groupId}

The following Segments are expected:

* Segment 0 - this should be the literal value "groups"
* Segment 1 - this should be the user specified value for this groupId [for example "groupId"]

The following Segments were parsed:

* Segment 0 - not found
* Segment 1 - not found
\n\n`,
    );
    const policyGuid = "00000000-0000-4000-8000-00000000c0a1";
    program = adoptingProgram({ policyImport: policyGuid, groupImport: groupImport() });
    const barePolicy = await run("preview");
    assert.ok(
      (barePolicy.error ?? "").startsWith(
        `${CA} (adopted-policy): error: importing ${policyGuid}: 1 error occurred:\n\t* parsing "${policyGuid}": parsing the IdentityConditionalAccessPolicy ID: the number of segments didn't match\n`,
      ),
      barePolicy.error,
    );

    const missingPolicy = "/identity/conditionalAccess/policies/00000000-0000-4000-8000-000000000404";
    program = adoptingProgram({ policyImport: missingPolicy, groupImport: groupImport() });
    assert.equal(
      (await run("preview")).error,
      `${CA} (adopted-policy): error: resource '${missingPolicy}' does not exist`,
    );
    const missing = "/groups/00000000-0000-4000-8000-000000000404";
    program = adoptingProgram({ policyImport: policyImport(), groupImport: missing });
    const up = await run("up");
    assert.equal(up.error, `${GROUP} (adopted-group): error: resource '${missing}' does not exist`);
    assert.deepEqual(writes(), []);
  });

  it("refuses a difference that needs a replacement (group types): a warning in preview, an error in up, no write", async () => {
    const { types: _types, dynamicMembership: _dynamic, ...staticGroup } = GROUP_ARGS;
    program = adoptingProgram({
      policyImport: policyImport(),
      groupImport: groupImport(),
      groupArgs: staticGroup,
    });
    const message =
      "previously-imported resources that still specify an ID may not be replaced; please remove the `import` declaration from your program;\n" +
      "types: {[{DynamicMembership}]} => {<nil>}";
    const preview = await run("preview");
    assert.equal(preview.error, undefined);
    assert.deepEqual(preview.warnings, [`${GROUP} (adopted-group): warning: ${message}`]);
    assert.deepEqual(steps(preview), [
      "import adopted-group",
      "replace adopted-group [dynamicMembership, types]",
      "import adopted-policy",
    ]);

    const up = await run("up");
    assert.equal(up.ok, false);
    assert.equal(up.error, `${GROUP} (adopted-group): error: ${message}`);
    assert.deepEqual(steps(up), ["import adopted-group", "import adopted-policy"]);
    assert.deepEqual(writes(), []);
    // The imported state was saved before the refusal; the refusal stands while `import` stays.
    assert.equal(
      (driver as OfflineDriver).state().resources.find((r) => r.name === "adopted-group")?.importId,
      groupImport(),
    );
    const again = await run("up");
    assert.equal(again.error, `${GROUP} (adopted-group): error: ${message}`);
    assert.deepEqual(steps(again), ["same adopted-policy"]);
    assert.deepEqual(writes(), []);
  });
});
