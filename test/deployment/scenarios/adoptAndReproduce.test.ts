/**
 * "Adopt an existing tenant and reproduce it in another", through whole deployments.
 *
 * A tenant is set up by hand with raw Graph calls, as the Entra and Intune admin centers make the
 * objects (test/deployment/tenant.ts): a TAP policy, a registration Conditional Access policy from
 * Microsoft's "Securing security info registration" template with break-glass users and an excluded
 * group, a Web sign-in profile assigned to an Autopilot group whose rule is the one the module
 * generates, and the users and groups they name. `npm run export` runs in this process through its
 * own entry (`run`, scripts/export/main.ts) against that tenant's identity, and its config is
 * deployed:
 *
 * - round trip: `up` with the exported config takes everything over and writes nothing; the preview
 *   after it is empty; a one-key config edit changes exactly that object and property.
 * - reproduce: the config exported from tenant A, applied to a tenant B that has the same group
 *   names and UPNs under other ids and none of the managed objects, creates objects equal to A's
 *   once ids are read as names.
 * - duplicate guard: without `adoptExisting`, a Conditional Access policy or group with the
 *   configured name stops `up` before any write; with it, the next `up` imports the object.
 *
 * The TAP policy, the profile and its assignment are dynamic resources: the engine cannot import
 * those (the dynamic-provider host's Read needs the serialized provider in the state it is given,
 * which an import has not: @pulumi/pulumi cmd/dynamic-provider/index.js `read` -> `getProvider`), so
 * their "adoption" is a create step that only reads when the tenant already holds the declared
 * configuration. The Conditional Access policy and the group are azuread resources and imported.
 *
 * Offline only: the assertions read the Graph sandbox's request log, and the reproduce test starts
 * a second sandbox as tenant B.
 */
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { autopilotGroupDescription } from "../../../infra/native/autopilotGroupArgs";
import { normalizeSettings } from "../../../infra/providers/settingsCatalog/normalizeSettings";
import { normalizeTapConfiguration } from "../../../infra/providers/temporaryAccessPass/normalize";
import { ALL_AUTOPILOT_DEVICES_RULE } from "../../../policies/autopilotGroup";
import { ENABLE_WEB_SIGN_IN_ENABLED, ENABLE_WEB_SIGN_IN_SETTING_ID } from "../../../policies/webSignIn";
import { namespaceValues } from "../../../scripts/export/checks";
import { run as runExportCommand } from "../../../scripts/export/main";
import {
  GLOBAL_ADMINISTRATOR,
  registrationTemplatePolicy,
} from "../../fixtures/securityInfoRegistrationTemplate";
import { startSandbox, type Sandbox } from "../../sandbox";
import type { StackConfig } from "../driver";
import { OfflineDriver } from "../offline/offlineDriver";
import { GraphTenant, type GraphObject } from "../tenant";
import {
  expectChanges,
  expectEmptyPreview,
  stackConfig,
  upAndExpect,
  useScenario,
  type Scenario,
} from "./scenario";
import { CA, GROUP, TAP, PROFILE, ASSIGNMENT, CA_GUARD, GROUP_GUARD } from "./resourceNames";

const BREAK_GLASS_UPNS = ["breakglass1@contoso.example", "breakglass2@contoso.example"];
/** Read users by name (the program's getUser, the export) and seed them (test only). */
const USER_PERMISSION = "User.ReadWrite.All";
const OFFLINE_ONLY = "reads the Graph sandbox's request log and starts a second sandbox";

/** The users and groups a hand-made tenant has, by name (what a config exported with names refers to). */
interface Directory {
  userIds: Map<string, string>;
  groupIds: Map<string, string>;
}

interface HandMadeTenant extends Directory {
  policyId: string;
  profileId: string;
}

async function createGroup(
  tenant: GraphTenant,
  displayName: string,
  extra: GraphObject = {},
): Promise<string> {
  const created = await tenant.createGroup({
    displayName,
    mailEnabled: false,
    mailNickname: displayName.replace(/[^A-Za-z0-9]/g, "").slice(0, 20),
    securityEnabled: true,
    ...extra,
  });
  return String(created.id);
}

/** The users and plain groups every tenant of these scenarios has (ids differ per tenant). */
async function seedDirectory(tenant: GraphTenant): Promise<Directory> {
  const userIds = new Map<string, string>();
  for (const [index, userPrincipalName] of BREAK_GLASS_UPNS.entries()) {
    const user = await tenant.createUser({ userPrincipalName, displayName: `Break glass ${index + 1}` });
    userIds.set(userPrincipalName, String(user.id));
  }
  const groupIds = new Map<string, string>();
  for (const name of ["New hires", "Contractors", "CA exclusions"])
    groupIds.set(name, await createGroup(tenant, name));
  return { userIds, groupIds };
}

/**
 * Everything the stack manages, made by hand through Graph the way the admin centers make it
 * (graph-facts.md §1 TAP PATCH, §2 the template's conditions, §3 the profile POST with settings
 * inline, §4 the assign action, §5 the Autopilot group with the rule for all Autopilot devices).
 */
async function seedHandMadeTenant(tenant: GraphTenant): Promise<HandMadeTenant> {
  const directory = await seedDirectory(tenant);
  const group = (name: string) => directory.groupIds.get(name) as string;
  const autopilotGroupId = await createGroup(tenant, "Autopilot devices", {
    description: autopilotGroupDescription(undefined),
    groupTypes: ["DynamicMembership"],
    membershipRule: ALL_AUTOPILOT_DEVICES_RULE,
    membershipRuleProcessingState: "On",
  });
  directory.groupIds.set("Autopilot devices", autopilotGroupId);
  await tenant.editTap({
    state: "enabled",
    defaultLifetimeInMinutes: 240,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    defaultLength: 10,
    isUsableOnce: false,
    includeTargets: [{ targetType: "group", id: group("New hires"), isRegistrationRequired: false }],
    excludeTargets: [{ targetType: "group", id: group("Contractors") }],
  });
  const policy = await tenant.createConditionalAccessPolicy(
    registrationTemplatePolicy({
      // The portal's order: guests first, then the accounts as picked.
      excludeUsers: ["GuestsOrExternalUsers", ...[...directory.userIds.values()].reverse()],
      excludeGroups: [group("CA exclusions")],
    }),
  );
  const profile = await tenant.createProfile({
    name: "Windows - Web sign-in for Autopilot",
    description: "",
    platforms: "windows10",
    technologies: "mdm",
    roleScopeTagIds: ["0"],
    settings: [
      {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
          settingDefinitionId: ENABLE_WEB_SIGN_IN_SETTING_ID,
          choiceSettingValue: { value: ENABLE_WEB_SIGN_IN_ENABLED, children: [] },
        },
      },
    ],
  });
  const profileId = String(profile.id);
  await tenant.assign(profileId, [
    {
      target: {
        "@odata.type": "#microsoft.graph.groupAssignmentTarget",
        groupId: autopilotGroupId,
        deviceAndAppManagementAssignmentFilterId: null,
        deviceAndAppManagementAssignmentFilterType: "none",
      },
    },
  ]);
  return { ...directory, policyId: String(policy.id), profileId };
}

/**
 * `npm run export -- --stack adopted` in this process, the way the CLI runs it (scripts/export/main.ts
 * `run`), signed in with the sandbox's identity from the environment; returns the config it wrote.
 */
async function exportConfig(sandbox: Sandbox): Promise<StackConfig> {
  const dir = mkdtempSync(join(tmpdir(), "adopt-export-"));
  try {
    let output = "";
    const code = await runExportCommand(["--stack", "adopted"], {
      env: sandbox.env(),
      cwd: dir,
      projectDir: dir,
      stdout: (text) => (output += text),
      stderr: (text) => (output += text),
      now: () => new Date(),
    });
    assert.equal(code, 0, `the export found points to review:\n${output}`);
    return namespaceValues(readFileSync(join(dir, "Pulumi.adopted.yaml"), "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every object id of the tenant's managed kinds, and the TAP configuration. */
function snapshot(sandbox: Sandbox): GraphObject {
  const ids = (objects: GraphObject[]) => objects.map((o) => String(o.id)).sort();
  return {
    tap: normalizeTapConfiguration(sandbox.tap()),
    policies: sandbox.conditionalAccessPolicies(),
    groups: sandbox.groups(),
    profiles: sandbox.configurationPolicies(),
    ids: [
      ...ids(sandbox.conditionalAccessPolicies()),
      ...ids(sandbox.groups()),
      ...ids(sandbox.configurationPolicies()),
    ],
  };
}

function writesOf(sandbox: Sandbox): string[] {
  return sandbox
    .graphRequests()
    .filter((request) => request.method !== "GET")
    .map((request) => `${request.method} ${request.path}`);
}

function opsByName(changes: { name: string; op: string }[]): Record<string, string[]> {
  const ops: Record<string, string[]> = {};
  for (const { name, op } of changes) (ops[name] ??= []).push(op);
  return ops;
}

describe("whole deployment: adopt a hand-made tenant through its export, then edit one key", function () {
  const scenario = useScenario(this, { offlineOnly: OFFLINE_ONLY });
  let made: HandMadeTenant;
  let config: StackConfig;

  before(async () => {
    const { sandbox, tenant } = scenario();
    sandbox?.resetTenant();
    sandbox?.grant(USER_PERMISSION);
    made = await seedHandMadeTenant(tenant);
  });
  after(() => scenario().sandbox?.revoke(USER_PERMISSION));

  it("up with the exported config imports and adopts every object: no write, no new object", async () => {
    const s: Scenario = scenario();
    const sandbox = s.sandbox as Sandbox;
    config = await exportConfig(sandbox);
    const before = snapshot(sandbox);
    sandbox.clearLog();

    const result = await s.driver.up(config);

    assert.equal(result.error, undefined);
    assert.deepEqual(writesOf(sandbox), [], "up wrote to the tenant");
    assert.deepEqual(snapshot(sandbox), before, "the tenant changed");
    assert.deepEqual(opsByName(result.changes), {
      [CA_GUARD]: ["create"],
      [GROUP_GUARD]: ["create"],
      [CA]: ["import"],
      [GROUP]: ["import"],
      // Dynamic resources cannot be imported (see the file comment): created, with reads only.
      [TAP]: ["create"],
      [PROFILE]: ["create"],
      [ASSIGNMENT]: ["create"],
    });
    const outputs = result.outputs as Record<string, string>;
    assert.equal(outputs.registrationPolicyId, made.policyId);
    assert.equal(outputs.autopilotGroupId, made.groupIds.get("Autopilot devices"));
    assert.equal(outputs.webSignInPolicyId, made.profileId);
  });

  it("the preview after it changes nothing and writes nothing", async () => {
    await expectEmptyPreview(scenario(), config);
  });

  it("a one-key edit (registrationPolicy.state) changes exactly that property of that object, with one PATCH", async () => {
    const s = scenario();
    const sandbox = s.sandbox as Sandbox;
    const edited = {
      ...config,
      registrationPolicy: { ...(config.registrationPolicy as object), state: "enabled" },
    };
    const before = await s.tenant.conditionalAccessPolicy(made.policyId);
    sandbox.clearLog();

    const result = await s.driver.up(edited);

    expectChanges(result, [{ op: "update", name: CA, diffs: ["state"] }]);
    assert.deepEqual(writesOf(sandbox), [`PATCH /v1.0/identity/conditionalAccess/policies/${made.policyId}`]);
    const after = await s.tenant.conditionalAccessPolicy(made.policyId);
    const withoutState = (policy: GraphObject | undefined) => {
      const { modifiedDateTime: _modified, state: _state, ...rest } = policy ?? {};
      return rest;
    };
    assert.equal(after?.state, "enabled");
    assert.deepEqual(withoutState(after), withoutState(before), "another property of the policy changed");
    await expectEmptyPreview(s, edited);
  });
});

/**
 * A tenant's managed objects with every object id replaced by the object's name (groups by
 * displayName, users by userPrincipalName) and lists sorted: what must be equal between a tenant
 * and its reproduction. An id the tenant does not know shows as `<unknown id>`, so an id carried
 * over from another tenant cannot compare equal.
 */
function normalizedTenant(sandbox: Sandbox, users: ReadonlyMap<string, string>): GraphObject {
  const groups = sandbox.groups();
  const groupById = (id: string): GraphObject | undefined =>
    groups.find((g) => String(g.id).toLowerCase() === id.toLowerCase());
  const groupName = (id: string): string => {
    const name = groupById(id)?.displayName;
    return typeof name === "string" ? name : `<unknown id ${id}>`;
  };
  const userName = (id: string): string =>
    /^[0-9a-f-]{36}$/i.test(id)
      ? ([...users].find(([, userId]) => userId.toLowerCase() === id.toLowerCase())?.[0] ??
        `<unknown id ${id}>`)
      : id;
  const sortedNames = (ids: unknown, name: (id: string) => string): string[] =>
    ((ids as string[] | undefined) ?? []).map(name).sort();

  const tap = normalizeTapConfiguration(sandbox.tap());
  const registration = sandbox
    .conditionalAccessPolicies()
    .filter((p) =>
      JSON.stringify((p.conditions as GraphObject).applications).includes("urn:user:registersecurityinfo"),
    );
  assert.equal(registration.length, 1, "one registration policy");
  const [policy] = registration;
  const conditions = policy.conditions as Record<string, GraphObject>;
  const profiles = sandbox
    .configurationPolicies()
    .filter((p) => JSON.stringify(p.settings).includes(ENABLE_WEB_SIGN_IN_SETTING_ID));
  assert.equal(profiles.length, 1, "one Web sign-in profile");
  const [profile] = profiles;
  const targets = (profile.assignments as { target: GraphObject }[]).map(({ target }) => target);
  const assignments = targets.map((target) => ({
    type: target["@odata.type"],
    group: groupName(String(target.groupId)),
    filterType: target.deviceAndAppManagementAssignmentFilterType,
  }));
  assert.equal(targets.length, 1, "one assignment");
  const assigned = groupById(String(targets[0].groupId));
  const sortLists = (value: GraphObject): GraphObject =>
    Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, Array.isArray(v) ? [...(v as string[])].sort() : v]),
    );
  return {
    tap: {
      ...tap,
      includeTargets: tap.includeTargets.map((t) => ({
        ...t,
        id: t.id === "all_users" ? t.id : groupName(t.id),
      })),
      excludeTargets: tap.excludeTargets.map((t) => ({ ...t, id: groupName(t.id) })),
    },
    registrationPolicy: {
      displayName: policy.displayName,
      state: policy.state,
      conditions: {
        ...conditions,
        clientAppTypes: [...(conditions.clientAppTypes as unknown as string[])].sort(),
        applications: sortLists(conditions.applications),
        locations: sortLists(conditions.locations),
        users: {
          ...sortLists(conditions.users),
          includeUsers: sortedNames(conditions.users.includeUsers, userName),
          excludeUsers: sortedNames(conditions.users.excludeUsers, userName),
          includeGroups: sortedNames(conditions.users.includeGroups, groupName),
          excludeGroups: sortedNames(conditions.users.excludeGroups, groupName),
        },
      },
      grantControls: sortLists(policy.grantControls as GraphObject),
      sessionControls: policy.sessionControls,
    },
    webSignInProfile: {
      name: profile.name,
      description: profile.description,
      platforms: profile.platforms,
      technologies: profile.technologies,
      roleScopeTagIds: profile.roleScopeTagIds,
      templateId: (profile.templateReference as GraphObject | undefined)?.templateId,
      settings: normalizeSettings(profile.settings as unknown[]),
    },
    assignments,
    autopilotGroup: assigned && {
      displayName: assigned.displayName,
      description: assigned.description,
      groupTypes: assigned.groupTypes,
      membershipRule: assigned.membershipRule,
      membershipRuleProcessingState: assigned.membershipRuleProcessingState,
      securityEnabled: assigned.securityEnabled,
      mailEnabled: assigned.mailEnabled,
    },
  };
}

describe("whole deployment: reproduce an exported tenant in another tenant", function () {
  const scenario = useScenario(this, { offlineOnly: OFFLINE_ONLY });
  let made: HandMadeTenant;
  let tenantB: Sandbox | undefined;
  let driverB: OfflineDriver | undefined;

  before(async () => {
    const { sandbox, tenant } = scenario();
    sandbox?.resetTenant();
    sandbox?.grant(USER_PERMISSION);
    made = await seedHandMadeTenant(tenant);
  });
  after(async () => {
    scenario().sandbox?.revoke(USER_PERMISSION);
    await driverB?.dispose();
    await tenantB?.stop();
  });

  it("the config exported from tenant A creates in tenant B objects equal to A's, with B's own ids", async () => {
    const a = scenario().sandbox as Sandbox;
    tenantB = await startSandbox();
    tenantB.grant(USER_PERMISSION);
    driverB = new OfflineDriver({ sandbox: tenantB });
    const b = GraphTenant.fromEnvironment(tenantB.env());
    const directoryB = await seedDirectory(b);
    const config = await exportConfig(a);
    tenantB.clearLog();

    const result = await driverB.up(config);

    assert.equal(result.error, undefined);
    assert.deepEqual(opsByName(result.changes), {
      [CA_GUARD]: ["create"],
      [GROUP_GUARD]: ["create"],
      [TAP]: ["create"],
      [CA]: ["create"],
      [GROUP]: ["create"],
      [PROFILE]: ["create"],
      [ASSIGNMENT]: ["create"],
    });
    assert.deepEqual(normalizedTenant(tenantB, directoryB.userIds), normalizedTenant(a, made.userIds));
    // Each reference resolved in B: none of A's object ids reached B.
    const inB = JSON.stringify([
      tenantB.tap(),
      tenantB.conditionalAccessPolicies(),
      tenantB.configurationPolicies(),
    ]);
    for (const id of [...made.groupIds.values(), ...made.userIds.values()])
      assert.ok(!inB.includes(id), `tenant A's object id ${id} is in tenant B`);

    tenantB.clearLog();
    expectChanges(await driverB.preview(config), []);
    assert.deepEqual(writesOf(tenantB), [], "the preview in tenant B wrote");
  });
});

describe("whole deployment: the duplicate-name guard, then adoptExisting", function () {
  const scenario = useScenario(this, { offlineOnly: OFFLINE_ONLY });
  const POLICY_NAME = "Require MFA to register security info";
  const GROUP_NAME = "Autopilot devices (scenario)";
  let policyId = "";
  let groupId = "";

  /** The stack config with the adoption keys of the two sections set as given. */
  function config(adopt: { registrationPolicy: boolean; autopilot: boolean }): StackConfig {
    const base = stackConfig(scenario().ids);
    return {
      ...base,
      registrationPolicy: { ...(base.registrationPolicy as object), adoptExisting: adopt.registrationPolicy },
      autopilot: { ...(base.autopilot as object), adoptExisting: adopt.autopilot },
    };
  }

  /** Runs `up`, which must fail, and returns its error; asserts nothing was written or created. */
  async function refusedUp(stack: StackConfig): Promise<string> {
    const s = scenario();
    const sandbox = s.sandbox as Sandbox;
    const before = snapshot(sandbox);
    sandbox.clearLog();
    const result = await s.driver.up(stack);
    assert.equal(result.ok, false, "up must fail");
    assert.deepEqual(writesOf(sandbox), [], "up wrote to the tenant");
    assert.deepEqual(snapshot(sandbox), before, "the tenant changed");
    return result.error ?? "";
  }

  before(async () => {
    const { tenant } = scenario();
    // Made by hand before the stack: the template's policy and a dynamic group, with the stack's names.
    const policy = await tenant.createConditionalAccessPolicy({
      displayName: POLICY_NAME,
      state: "enabledForReportingButNotEnforced",
      conditions: {
        clientAppTypes: ["all"],
        applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
        users: {
          includeUsers: ["All"],
          excludeUsers: ["GuestsOrExternalUsers"],
          excludeRoles: [GLOBAL_ADMINISTRATOR],
        },
        locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    });
    policyId = String(policy.id);
    groupId = await createGroup(tenant, GROUP_NAME, {
      description: "Made by hand in the Entra admin center",
      groupTypes: ["DynamicMembership"],
      membershipRule: ALL_AUTOPILOT_DEVICES_RULE,
      membershipRuleProcessingState: "On",
    });
  });

  it("a Conditional Access policy with the configured name: up stops before any write, naming its id and adoptExisting", async () => {
    const error = await refusedUp(config({ registrationPolicy: false, autopilot: false }));
    assert.match(error, new RegExp(`${CA_GUARD}\\b`));
    assert.ok(
      error.includes(
        `a Conditional Access policy named "${POLICY_NAME}" already exists in this tenant (id ${policyId})`,
      ),
      error,
    );
    assert.ok(error.includes("passwordless-onboarding:registrationPolicy: { adoptExisting: true }"), error);
  });

  it("a group with the configured name: up stops before any write, naming its id, adoptExisting and existingGroupId", async () => {
    // The policy of that name is adopted here, so only the group's guard has something to refuse.
    const error = await refusedUp(config({ registrationPolicy: true, autopilot: false }));
    assert.match(error, new RegExp(`${GROUP_GUARD}\\b`));
    assert.ok(
      error.includes(`a group named "${GROUP_NAME}" already exists in this tenant (id ${groupId})`),
      error,
    );
    assert.ok(error.includes("passwordless-onboarding:autopilot: { adoptExisting: true }"), error);
    assert.ok(error.includes(`passwordless-onboarding:autopilot: { existingGroupId: ${groupId} }`), error);
  });

  it("with adoptExisting the next up imports both objects instead of creating them", async () => {
    const s = scenario();
    const stack = config({ registrationPolicy: true, autopilot: true });
    const result = await upAndExpect(s, stack, [
      // The policy's guard (adopt, no lookup) was stored by the previous, failed up, as the engine keeps finished steps.
      { op: "create", name: GROUP_GUARD },
      { op: "create", name: TAP },
      { op: "import", name: CA },
      // The program's values for what the hand-made objects hold otherwise (break-glass users, description).
      { op: "update", name: CA, diffs: ["conditions"] },
      { op: "import", name: GROUP },
      { op: "update", name: GROUP, diffs: ["description"] },
      { op: "create", name: PROFILE },
      { op: "create", name: ASSIGNMENT },
    ]);
    const outputs = result.outputs as Record<string, string>;
    assert.equal(outputs.registrationPolicyId, policyId);
    assert.equal(outputs.autopilotGroupId, groupId);
    assert.deepEqual(
      (await s.tenant.conditionalAccessPoliciesNamed(POLICY_NAME)).map((p) => p.id),
      [policyId],
      "a second policy",
    );
    assert.deepEqual(
      (await s.tenant.groupsNamed(GROUP_NAME)).map((g) => g.id),
      [groupId],
      "a second group",
    );
  });
});
