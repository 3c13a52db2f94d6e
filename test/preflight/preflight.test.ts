/**
 * Preflight against sandbox tenants built for each case, in process: the table row and exit code
 * each case must give, and that preflight only reads, each object at most once.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isWritePermission } from "../../infra/graph/permissions";
import { DEFAULT_PERMISSIONS, type Sandbox } from "../sandbox";
import { useSandboxPerTest } from "../sandbox/sandboxHooks";
import { seedAutopilotProfile } from "../sandbox/autopilotProfiles";
import { accessToken, graphCaller } from "../sandbox/testClient";
import {
  allClearConfig,
  EVALUATE_PATH,
  PHISHING_RESISTANT,
  readOnlyAndOnce,
  runPreflight,
  seedPolicy,
  seedTenant,
  tableRow,
  writeStack,
  type TenantIds,
} from "./support/tenant";

type Config = Record<string, Record<string, unknown>>;

/** A live policy with this module's default name that blocks everyone from registering security info. */
const BLOCKING_REGISTRATION_POLICY = {
  displayName: "Require MFA to register security info",
  state: "enabled",
  conditions: {
    clientAppTypes: ["all"],
    applications: { includeUserActions: ["urn:user:registersecurityinfo"] },
    users: { includeUsers: ["All"] },
  },
  grantControls: { operator: "OR", builtInControls: ["block"] },
};

describe("preflight", function () {
  this.timeout(20000);
  let sandbox: Sandbox;
  let ids: TenantIds;
  let dir: string;
  useSandboxPerTest(async (started) => {
    sandbox = started;
    ids = await seedTenant(sandbox);
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "preflight-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const config = (): Config => allClearConfig(ids) as Config;

  it("passes an all-clear tenant (exit 0), reading each object once and writing nothing", async () => {
    writeStack(dir, "dev", config());
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stderr, "");
    assert.equal(result.json?.result, "pass");
    assert.deepEqual(
      result.json?.rows.filter((row) => row.status === "fail"),
      [],
    );
    assert.match(tableRow(result.stdout, "Policy.ReadWrite.ConditionalAccess") ?? "", /\| pass \| granted/);
    assert.match(
      tableRow(result.stdout, "passwordless-onboarding:registrationPolicy.breakGlassUserIds[1]") ?? "",
      new RegExp(
        `\\| pass \\| user "breakglass2@contoso.example" \\(object id ${ids.breakGlass[1].id}\\) exists \\|`,
      ),
    );
    assert.match(tableRow(result.stdout, "Web sign-in setting") ?? "", /\| pass \|/);
    assert.match(
      tableRow(result.stdout, "new joiner with a Temporary Access Pass") ?? "",
      /\| pass \| can register/,
    );
    assert.match(
      tableRow(result.stdout, "break-glass account breakglass1@contoso.example") ?? "",
      /\| pass \|/,
    );
    // The sandbox does not evaluate What If (501): the cross-check is reported unavailable, not failed.
    assert.match(
      tableRow(result.stdout, "Graph What If: breakglass1@contoso.example") ?? "",
      /\| warning \| cross-check unavailable: Graph answered 501 NotImplemented: The Graph sandbox does not evaluate [^|]*\(request-id [0-9a-f-]+\) \|$/,
    );
    const lines = readOnlyAndOnce(sandbox);
    assert.ok(
      lines.some((text) => text.startsWith(`GET /v1.0/groups?$filter=displayName eq 'Contractors'`)),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((text) =>
        text.startsWith(`GET /v1.0/users?$filter=userPrincipalName eq 'breakglass2@contoso.example'`),
      ),
    );
    assert.ok(!JSON.stringify(result).includes(sandbox.clientSecret));
  });

  it("names a missing permission and what needs it (exit 1)", async () => {
    sandbox.revoke("DeviceManagementConfiguration.ReadWrite.All");
    sandbox.grant("DeviceManagementConfiguration.Read.All");
    writeStack(dir, "dev", config());
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 1);
    assert.equal(
      tableRow(result.stdout, "DeviceManagementConfiguration.ReadWrite.All"),
      "| permissions | DeviceManagementConfiguration.ReadWrite.All | FAIL | missing: needed by Web sign-in profile (read, name guard); Web sign-in profile and its assignment (create, change, delete) |",
    );
    assert.deepEqual(
      result.json?.rows.filter((row) => row.status === "fail").map((row) => row.subject),
      ["DeviceManagementConfiguration.ReadWrite.All"],
    );
    readOnlyAndOnce(sandbox);
  });

  it("fails a group the tenant lacks (exit 1)", async () => {
    const stack = config();
    stack.temporaryAccessPass.includeGroupIds = ["5f0c3a7e-2b1d-4c8e-9a6f-0d1e2f3a4b5c"];
    writeStack(dir, "dev", stack);
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 1);
    assert.equal(
      tableRow(result.stdout, "passwordless-onboarding:temporaryAccessPass.includeGroupIds[0]"),
      "| objects | passwordless-onboarding:temporaryAccessPass.includeGroupIds[0] | FAIL | no group 5f0c3a7e-2b1d-4c8e-9a6f-0d1e2f3a4b5c in this tenant |",
    );
    assert.match(
      tableRow(result.stdout, "what-if") ?? "",
      /\| warning \| not evaluated: fix the referenced objects/,
    );
    readOnlyAndOnce(sandbox);
  });

  it("refuses a placeholder id without reading it (exit 1)", async () => {
    const stack = config();
    stack.registrationPolicy.breakGlassUserIds = ["00000000-0000-0000-0000-0000000000b1"];
    writeStack(dir, "dev", stack);
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 1);
    assert.equal(
      tableRow(result.stdout, "passwordless-onboarding:registrationPolicy.breakGlassUserIds[0]"),
      "| objects | passwordless-onboarding:registrationPolicy.breakGlassUserIds[0] | FAIL | 00000000-0000-0000-0000-0000000000b1 is a placeholder id (00000000-0000-0000-0000-0000000000xx, as in Pulumi.dev.yaml): replace it with the object id from your tenant |",
    );
    const lines = readOnlyAndOnce(sandbox);
    assert.ok(!lines.some((text) => text.includes("0000000000b1")), lines.join("\n"));
  });

  it("fails a break-glass account another live policy blocks, and cross-checks it with Graph's What If", async () => {
    const blocking = await seedPolicy(sandbox, {
      displayName: "Block legacy admin accounts",
      state: "enabled",
      conditions: {
        clientAppTypes: ["all"],
        applications: { includeApplications: ["All"] },
        users: { includeUsers: [ids.breakGlass[0].id] },
      },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    });
    // Graph's own What If for breakglass1 (scripted: the sandbox does not evaluate).
    sandbox.fault({
      method: "POST",
      path: EVALUATE_PATH,
      status: 200,
      body: {
        "@odata.context": `${sandbox.graphEndpoint}/v1.0/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)`,
        value: [
          {
            id: blocking,
            displayName: "Block legacy admin accounts",
            state: "enabled",
            policyApplies: true,
            analysisReasons: "notSet",
          },
        ],
      },
    });
    writeStack(dir, "dev", config());
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 1);
    assert.match(
      tableRow(result.stdout, "break-glass account breakglass1@contoso.example") ?? "",
      /^\| lock-out \| break-glass account breakglass1@contoso\.example \| FAIL \| cannot register: blocked by "Block legacy admin accounts" \(block\)/,
    );
    assert.match(
      tableRow(result.stdout, "break-glass account breakglass2@contoso.example") ?? "",
      /\| pass \|/,
    );
    assert.equal(
      tableRow(result.stdout, "Graph What If: breakglass1@contoso.example"),
      "| what-if | Graph What If: breakglass1@contoso.example | pass | Graph's What If agrees on the enforced policies that apply |",
    );
    const evaluate = sandbox.graphRequests().filter((entry) => entry.path === EVALUATE_PATH);
    assert.deepEqual(evaluate[0].body, {
      signInIdentity: { "@odata.type": "#microsoft.graph.userSignIn", userId: ids.breakGlass[0].id },
      signInContext: {
        "@odata.type": "#microsoft.graph.userActionContext",
        userAction: "registerSecurityInformation",
      },
      signInConditions: {},
      appliedPoliciesOnly: false,
    });
    readOnlyAndOnce(sandbox);
  });

  it("warns when Graph's What If disagrees (a report-only answer is not counted as enforced)", async () => {
    sandbox.fault({
      method: "POST",
      path: EVALUATE_PATH,
      status: 200,
      body: {
        value: [
          {
            id: "7d1f0c4e-1111-4a2b-8c3d-9e0f1a2b3c4d",
            displayName: "Block all registration",
            state: "enabled",
            policyApplies: true,
          },
          {
            id: "7d1f0c4e-2222-4a2b-8c3d-9e0f1a2b3c4d",
            displayName: "Report-only test",
            state: "enabledForReportingButNotEnforced",
            policyApplies: true,
          },
        ],
      },
    });
    writeStack(dir, "dev", config());
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 0, result.stdout);
    assert.match(
      tableRow(result.stdout, "Graph What If: breakglass1@contoso.example") ?? "",
      /\| warning \| Graph's What If disagrees with the offline evaluation: Graph applies "7d1f0c4e-1111-4a2b-8c3d-9e0f1a2b3c4d";/,
    );
  });

  it("fails when a phishing-resistant strength leaves a new joiner (TAP only) unable to register", async () => {
    const stack = config();
    stack.registrationPolicy.authenticationStrengthPolicyId = PHISHING_RESISTANT;
    stack.registrationPolicy.allowFromTrustedLocations = false;
    writeStack(dir, "dev", stack);
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 1);
    assert.match(
      tableRow(result.stdout, "new joiner with a Temporary Access Pass") ?? "",
      /^\| lock-out \| new joiner with a Temporary Access Pass \| FAIL \| cannot register: blocked by "Require MFA to register security info" \(.*Phishing.*\)/i,
    );
    assert.match(tableRow(result.stdout, "PO-CA-002") ?? "", /^\| guardrails \| PO-CA-002 \| FAIL \|/);
    assert.match(
      tableRow(result.stdout, "passwordless-onboarding:registrationPolicy.authenticationStrengthPolicyId") ??
        "",
      /\| pass \| authentication strength "Phishing resistant MFA"/,
    );
    readOnlyAndOnce(sandbox);
  });

  it("evaluates a custom strength from the tenant (without a TAP mode: the new joiner is blocked)", async () => {
    const graph = graphCaller(sandbox, await accessToken(sandbox));
    const created = await graph("POST", "/v1.0/policies/authenticationStrengthPolicies", {
      displayName: "Keys only",
      allowedCombinations: ["fido2"],
    });
    sandbox.clearLog();
    const stack = config();
    stack.registrationPolicy.authenticationStrengthPolicyId = (created.body as { id: string }).id;
    writeStack(dir, "dev", stack);
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 1);
    assert.match(
      tableRow(result.stdout, "new joiner with a Temporary Access Pass") ?? "",
      /\| FAIL \| cannot register: blocked by "Require MFA to register security info"/,
    );
    assert.match(tableRow(result.stdout, "PO-CA-004") ?? "", /\| warning \|/);
    readOnlyAndOnce(sandbox);
  });

  it("replaces the live policy the stack manages by its displayName", async () => {
    await seedPolicy(sandbox, BLOCKING_REGISTRATION_POLICY);
    writeStack(dir, "dev", config());
    const result = await runPreflight(sandbox, dir);
    // The live policy blocks everyone, but the stack replaces it with one that excludes break-glass.
    assert.equal(result.code, 0, result.stdout);
  });

  it("checks a TAP-only stack with the TAP policy's permission alone, judging the live registration policy as it is", async () => {
    const stack = config();
    stack.registrationPolicy = { manage: false };
    stack.webSignIn = { manage: false };
    delete stack.autopilot;
    writeStack(dir, "dev", stack);
    sandbox.setPermissions(
      "Policy.Read.All",
      "Policy.ReadWrite.AuthenticationMethod",
      "GroupMember.Read.All",
    );
    const clear = await runPreflight(sandbox, dir);
    assert.equal(clear.code, 0, clear.stdout);
    assert.deepEqual(
      clear.json?.rows
        .filter((row) => row.area === "permissions" && row.subject !== "sign-in")
        .map((row) => [row.subject, row.status]),
      // Policy.Read.All is preflight's own (the live policies, the strengths), not the stack's.
      [["Policy.ReadWrite.AuthenticationMethod", "pass"]],
    );
    assert.equal(tableRow(clear.stdout, "Web sign-in setting"), undefined);
    const lines = readOnlyAndOnce(sandbox);
    assert.deepEqual(
      lines.filter((text) => text.includes("/deviceManagement/")),
      [],
    );

    // A hand-made policy with the default name is not the stack's: it is judged as the tenant has it.
    sandbox.grant("Policy.ReadWrite.ConditionalAccess");
    await seedPolicy(sandbox, BLOCKING_REGISTRATION_POLICY);
    sandbox.revoke("Policy.ReadWrite.ConditionalAccess");
    const blocked = await runPreflight(sandbox, dir);
    assert.equal(blocked.code, 1, blocked.stdout);
    assert.match(
      tableRow(blocked.stdout, "new joiner with a Temporary Access Pass") ?? "",
      /\| FAIL \| cannot register: blocked by "Require MFA to register security info"/,
    );
  });

  it("asks only for what the config needs: existingGroupId drops Group.ReadWrite.All, which becomes an extra write", async () => {
    const stack = config();
    stack.autopilot = {
      groupDisplayName: "Autopilot devices",
      existingGroupId: { displayName: "New hires" },
      adoptExisting: false,
    };
    writeStack(dir, "dev", stack);
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(tableRow(result.stdout, "Group.Create"), undefined);
    assert.match(
      tableRow(result.stdout, "Group.Read.All") ?? "",
      /\| pass \| granted \(as Group\.ReadWrite\.All\)/,
    );
    assert.match(
      tableRow(result.stdout, "Group.ReadWrite.All") ?? "",
      /\| warning \| granted, but this stack needs no such write permission/,
    );
    // The name "New hires" is read once although two keys name that group.
    const lines = readOnlyAndOnce(sandbox);
    assert.equal(lines.filter((text) => text.includes("'New hires'")).length, 1);
  });

  it("with a read-only grant: passes --identity reader, and fails the deployer naming the write permissions", async () => {
    sandbox.revoke(...sandbox.permissions().filter((permission) => isWritePermission(permission)));
    sandbox.grant("Policy.Read.All", "Group.Read.All", "DeviceManagementConfiguration.Read.All");
    assert.deepEqual(sandbox.permissions(), [
      "DeviceManagementConfiguration.Read.All",
      "Group.Read.All",
      "Policy.Read.All",
      "RoleManagement.Read.Directory",
      "User.Read.All",
    ]);
    writeStack(dir, "dev", config());

    const reader = await runPreflight(sandbox, dir, ["--stack", "dev", "--identity", "reader"]);
    assert.equal(reader.code, 0, reader.stdout + reader.stderr);
    assert.equal(reader.json?.result, "pass");
    assert.equal((reader.json as { identity?: string } | undefined)?.identity, "reader");
    assert.match(reader.stdout, /reader identity \(`pulumi preview --refresh`\)/);
    assert.deepEqual(
      reader.json?.rows.filter((row) => row.area === "permissions" && row.status !== "pass"),
      [],
    );
    assert.match(
      tableRow(reader.stdout, "DeviceManagementConfiguration.Read.All") ?? "",
      /\| pass \| granted: Web sign-in profile \(read, name guard\); preflight: the Web sign-in setting definition; preflight: Autopilot deployment profiles \(PO-WSI-002\) \|$/,
    );
    assert.equal(tableRow(reader.stdout, "Policy.ReadWrite.ConditionalAccess"), undefined);
    readOnlyAndOnce(sandbox);

    sandbox.clearLog();
    const deployer = await runPreflight(sandbox, dir, ["--stack", "dev", "--identity", "deployer"]);
    assert.equal(deployer.code, 1, deployer.stdout + deployer.stderr);
    assert.deepEqual(
      deployer.json?.rows.filter((row) => row.status === "fail").map((row) => row.subject),
      [
        "Policy.ReadWrite.AuthenticationMethod",
        "Policy.ReadWrite.ConditionalAccess",
        "DeviceManagementConfiguration.ReadWrite.All",
        "Group.ReadWrite.All",
      ],
    );
    assert.equal(
      tableRow(deployer.stdout, "Policy.ReadWrite.AuthenticationMethod"),
      "| permissions | Policy.ReadWrite.AuthenticationMethod | FAIL | missing: needed by Temporary Access Pass policy (read); Temporary Access Pass policy (change) |",
    );
    readOnlyAndOnce(sandbox);
  });

  it("warns --identity reader about every write permission it holds (the default grant)", async () => {
    writeStack(dir, "dev", config());
    const result = await runPreflight(sandbox, dir, ["--stack", "dev", "--identity", "reader"]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const writes = result.json?.rows.filter(
      (row) => row.area === "permissions" && isWritePermission(row.subject),
    );
    assert.deepEqual(
      writes?.map((row) => [row.subject, row.status]),
      DEFAULT_PERMISSIONS.filter(isWritePermission)
        .sort()
        .map((permission) => [permission, "warning"]),
    );
    for (const row of writes ?? [])
      assert.match(row.detail, /a pull-request identity should not be able to write/);
  });

  it("fails (exit 1) when the identity cannot sign in, without showing the secret", async () => {
    writeStack(dir, "dev", config());
    const result = await runPreflight(sandbox, dir, ["--stack", "dev"], {
      ARM_CLIENT_SECRET: "Wrong-Secret-4711",
    });
    assert.equal(result.code, 1);
    assert.match(
      tableRow(result.stdout, "sign-in") ?? "",
      /^\| permissions \| sign-in \| FAIL \| the identity could not sign in: /,
    );
    assert.ok(!result.stdout.includes("Wrong-Secret-4711"));
    assert.deepEqual(sandbox.graphRequests(), []);
  });

  describe("Autopilot deployment profiles (PO-WSI-002)", () => {
    const AUTOPILOT_GROUP = "3b9f6a1e-7c2d-4e5f-8a9b-0c1d2e3f4a5b";
    const PROFILES = "/beta/deviceManagement/windowsAutopilotDeploymentProfiles";

    it("warns when a hybrid-join profile targets the [ZTDId] group, reading the profiles once with their assignments", async () => {
      const hybrid = seedAutopilotProfile(sandbox, {
        displayName: "Hybrid join - legacy site",
        hybridJoin: true,
        assignedGroupIds: [AUTOPILOT_GROUP],
      });
      writeStack(dir, "dev", config());
      const result = await runPreflight(sandbox, dir);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(
        tableRow(result.stdout, "PO-WSI-002") ?? "",
        new RegExp(
          `^\\| guardrails \\| PO-WSI-002 \\| warning \\| The Web sign-in group includes hybrid-joined Autopilot devices\\. Found: .*"Hybrid join - legacy site" \\(${hybrid}\\)`,
        ),
      );
      assert.match(
        tableRow(result.stdout, "Autopilot deployment profiles") ?? "",
        /^\| tenant \| Autopilot deployment profiles \| pass \| 1 profile read \(1 hybrid join\)/,
      );
      const lines = readOnlyAndOnce(sandbox);
      assert.deepEqual(
        lines.filter((text) => text.includes("windowsAutopilotDeploymentProfiles")),
        [`GET ${PROFILES}?$expand=assignments`],
      );
    });

    it("does not warn for an Entra-join profile on the same group", async () => {
      seedAutopilotProfile(sandbox, {
        displayName: "Entra join - user driven",
        assignedGroupIds: [AUTOPILOT_GROUP],
      });
      writeStack(dir, "dev", config());
      const result = await runPreflight(sandbox, dir);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal(tableRow(result.stdout, "PO-WSI-002"), undefined);
      assert.match(
        tableRow(result.stdout, "Autopilot deployment profiles") ?? "",
        /\| pass \| 1 profile read \(0 hybrid join\)/,
      );
      readOnlyAndOnce(sandbox);
    });

    it("says the profiles were not checked, naming the permission, when Graph answers 403", async () => {
      seedAutopilotProfile(sandbox, {
        displayName: "Hybrid",
        hybridJoin: true,
        assignedGroupIds: [AUTOPILOT_GROUP],
      });
      sandbox.fault({ method: "GET", path: PROFILES, status: 403 });
      writeStack(dir, "dev", config());
      const result = await runPreflight(sandbox, dir);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(
        tableRow(result.stdout, "Autopilot deployment profiles") ?? "",
        /^\| tenant \| Autopilot deployment profiles \| warning \| not checked: .*DeviceManagementServiceConfig\.Read\.All.*PO-WSI-002/,
      );
      assert.equal(tableRow(result.stdout, "PO-WSI-002"), undefined);
      readOnlyAndOnce(sandbox);
    });
  });

  it("reports a tenant without Intune", async () => {
    sandbox.fault({
      method: "GET",
      path: "/beta/deviceManagement/configurationPolicies",
      status: 400,
      body: { error: { code: "BadRequest", message: "Request not applicable to target tenant." } },
    });
    writeStack(dir, "dev", config());
    const result = await runPreflight(sandbox, dir);
    assert.equal(result.code, 1);
    assert.match(
      tableRow(result.stdout, "Intune") ?? "",
      /\| FAIL \| the tenant is not registered for Intune/,
    );
  });
});
