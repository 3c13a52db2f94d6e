/**
 * The journey check against sandbox tenants built for each way the journey breaks: the step each
 * must block or put at risk, with its evidence, the exit code, and that the check only reads; then
 * the command's own failures (config, sign-in) and its report files. One file, so the command's
 * modules load once.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../sandbox";
import { seedAutopilotProfile } from "../sandbox/autopilotProfiles";
import { seedWindowsCompliancePolicy } from "../sandbox/journey/compliancePolicies";
import { seedDevice } from "../sandbox/journey/devices";
import { seedUpdateRing } from "../sandbox/journey/deviceConfigurations";
import {
  editEnrollmentStatusPage,
  setDefaultWindowsHelloForBusiness,
} from "../sandbox/journey/enrollmentConfigurations";
import { choiceSetting, seedIntunePolicy } from "../sandbox/journey/intunePolicies";
import { seedWin32App } from "../sandbox/journey/mobileApps";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import {
  findings,
  readsOnly,
  runJourney,
  seedHealthyTenant,
  stackConfig,
  verdicts,
  writeStack,
  type HealthyTenant,
} from "./support/journeyTenant";

const OK = ["ok", "ok", "ok", "ok", "ok", "ok"];
const PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";

describe("journey check", function () {
  this.timeout(20000);
  let sandbox: Sandbox;
  let tenant: HealthyTenant;
  let dir: string;
  useSandboxPerSuite((started) => {
    sandbox = started;
  });
  beforeEach(() => {
    sandbox.resetTenant();
    tenant = seedHealthyTenant(sandbox);
    dir = mkdtempSync(join(tmpdir(), "journey-"));
    writeStack(dir, stackConfig(tenant));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("gets a new joiner through a healthy tenant: every step ok, exit 0, 12 GETs and nothing else", async () => {
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stderr, "");
    assert.deepEqual(verdicts(result), OK);
    assert.equal(result.json?.verdict, "ok");
    assert.match(result.stdout, /\n\| 2\. After device setup: Web sign-in \| ok \|\n/);
    assert.match(result.stdout, /\njourney: every step ok; wrote dev\.journey\.json\n$/);
    assert.deepEqual(findings(result, 2), [
      `ok: Web sign-in profile "Windows - Enable Web Sign-in" (${tenant.webSignIn}): device_vendor_msft_policy_config_authentication_enablewebsignin = device_vendor_msft_policy_config_authentication_enablewebsignin_1`,
      `ok: "Windows - Enable Web Sign-in" (${tenant.webSignIn}) reaches all 3 devices of the Autopilot group`,
      "ok: devices by trustType: AzureAd 3 (all Microsoft Entra joined)",
    ]);
    const expected = [
      "GET /beta/deviceAppManagement/mobileApps?$filter=isof('microsoft.graph.win32LobApp')&$expand=assignments",
      "GET /beta/deviceManagement/configurationPolicies?$expand=assignments",
      `GET /beta/deviceManagement/configurationPolicies/${tenant.webSignIn}/settings`,
      "GET /beta/deviceManagement/deviceCompliancePolicies?$expand=scheduledActionsForRule($expand=scheduledActionConfigurations),assignments",
      "GET /beta/deviceManagement/deviceConfigurations?$expand=assignments",
      "GET /beta/deviceManagement/deviceEnrollmentConfigurations?$expand=assignments",
      "GET /beta/deviceManagement/windowsAutopilotDeploymentProfiles?$expand=assignments",
      "GET /v1.0/groups?$filter=displayName eq 'Autopilot devices'&$select=id,displayName&$top=2",
      `GET /v1.0/groups/${tenant.autopilotGroup}/members/microsoft.graph.device?$select=id,displayName,trustType,operatingSystemVersion&$top=999`,
      "GET /v1.0/identity/conditionalAccess/policies",
      "GET /v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass",
      "GET /v1.0/policies/authenticationStrengthPolicies",
    ];
    assert.deepEqual(readsOnly(sandbox).sort(), expected.sort());
  });

  it("blocks step 1 on a one-time pass (exit 1)", async () => {
    sandbox.setTap({ isUsableOnce: true });
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 1);
    assert.deepEqual(verdicts(result), ["blocked", "ok", "ok", "ok", "ok", "ok"]);
    const [oneTime] = result.json?.steps[0].findings ?? [];
    assert.equal(
      oneTime.evidence,
      "Temporary Access Pass policy: isUsableOnce true (every pass is one-time)",
    );
    assert.match(oneTime.why ?? "", /blocked due to User Credential Policy/);
    assert.equal(
      oneTime.change,
      "set temporaryAccessPass.isUsableOnce to false and run pulumi up; issue joiners multi-use passes",
    );
    assert.match(
      findings(result, 5)[0],
      /^ok: a new joiner with a one-time pass satisfies every enforced policy/,
    );
    assert.match(result.stdout, /\*\*blocked at step 1\*\*/);
    readsOnly(sandbox);
  });

  it("blocks step 1 when the oldest profile reaching the group is hybrid join, and flags self-deploying", async () => {
    const hybrid = seedAutopilotProfile(sandbox, {
      displayName: "Hybrid join - legacy site",
      hybridJoin: true,
      assignedGroupIds: [tenant.autopilotGroup],
      createdDateTime: "2024-06-01T08:00:00.0000000Z",
    });
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 1);
    assert.deepEqual(verdicts(result), ["blocked", "ok", "ok", "ok", "ok", "ok"]);
    const blocked = result.json?.steps[0].findings.find((finding) => finding.verdict === "blocked");
    assert.equal(
      blocked?.evidence,
      `hybrid join, user-driven profile "Hybrid join - legacy site" (${hybrid}) reaches 3 devices`,
    );
    assert.match(blocked?.why ?? "", /^Web sign-in works only on Microsoft Entra joined devices/);

    sandbox.resetTenant();
    tenant = seedHealthyTenant(sandbox);
    writeStack(dir, stackConfig(tenant));
    const shared = seedAutopilotProfile(sandbox, {
      displayName: "Kiosk self-deploying",
      selfDeploying: true,
      assignedGroupIds: [tenant.autopilotGroup],
      createdDateTime: "2024-06-01T08:00:00.0000000Z",
    });
    const selfDeploying = await runJourney(sandbox, dir);
    assert.equal(selfDeploying.code, 0);
    assert.deepEqual(findings(selfDeploying, 1).slice(2), [
      `at risk: Microsoft Entra join, self-deploying profile "Kiosk self-deploying" (${shared}) reaches 3 devices`,
    ]);
  });

  it("blocks step 2 when an exclusion group keeps the Web sign-in profile from part of the group", async () => {
    const kiosks = sandbox.addGroup({ displayName: "Kiosks" });
    const kiosk = seedDevice(sandbox, { displayName: "KIOSK-01", groupIds: [tenant.autopilotGroup, kiosks] });
    sandbox.setAssignments(tenant.webSignIn, [
      { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: tenant.autopilotGroup } },
      { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: kiosks } },
    ]);
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 1);
    assert.deepEqual(verdicts(result), ["ok", "blocked", "ok", "ok", "ok", "ok"]);
    const step = result.json?.steps[1];
    assert.equal(
      step?.findings[1].evidence,
      `"Windows - Enable Web Sign-in" (${tenant.webSignIn}) does not reach 1 device of 4 (KIOSK-01 (${kiosk})): excluded by group ${kiosks}`,
    );
    assert.match(step?.findings[1].change ?? "", new RegExp(`^remove the exclusion of group ${kiosks}`));
    const lines = readsOnly(sandbox);
    assert.equal(lines.length, 13);
    assert.ok(
      lines.includes(`GET /v1.0/groups/${kiosks}/members/microsoft.graph.device?$select=id&$top=999`),
    );
  });

  it("puts step 3 at risk for an update ring and a baseline on the device group, with the workaround", async () => {
    const ring = seedUpdateRing(sandbox, {
      displayName: "Pilot ring",
      businessReadyUpdatesOnly: "businessReadyOnly",
      assignments: { include: [tenant.autopilotGroup] },
    });
    const baseline = seedIntunePolicy(sandbox, {
      name: "Windows security baseline",
      templateFamily: "baseline",
      settings: [],
      assignments: { include: [tenant.autopilotGroup] },
    });
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 0, result.stdout);
    assert.deepEqual(verdicts(result), ["ok", "ok", "at risk", "ok", "ok", "ok"]);
    assert.deepEqual(findings(result, 3), [
      `at risk: update ring "Pilot ring" (${ring}) reaches 3 of 3 devices: businessReadyUpdatesOnly "businessReadyOnly"`,
      `at risk: security baseline "Windows security baseline" (${baseline}) reaches 3 of 3 devices: security baseline (templateFamily "baseline")`,
    ]);
    const [ringFinding, baselineFinding] = result.json?.steps[2].findings ?? [];
    assert.match(ringFinding.why ?? "", /ManagePreviewBuilds/);
    assert.match(baselineFinding.why ?? "", /Enable virtualization based security/);
    assert.match(
      ringFinding.change ?? "",
      /^assign it to the new joiners' user group instead of the Autopilot device group, .*trade-off: compliance checks measured at boot/,
    );
    // A baseline is flagged as a whole: its settings are not read.
    assert.ok(!readsOnly(sandbox).some((text) => text.includes(`${baseline}/settings`)));
  });

  it("does not flag a restarting ring assigned to the new joiners instead (the workaround)", async () => {
    seedUpdateRing(sandbox, {
      displayName: "Pilot ring",
      businessReadyUpdatesOnly: "all",
      assignments: { include: [tenant.newHires] },
    });
    const result = await runJourney(sandbox, dir);
    assert.deepEqual(verdicts(result), OK);
    assert.equal(readsOnly(sandbox).length, 12);
  });

  it("puts steps 3 and 4 at risk for a restarting app, quality updates and boot-measured compliance", async () => {
    const app = seedWin32App(sandbox, {
      displayName: "VPN client",
      deviceRestartBehavior: "force",
      assignments: { include: [tenant.autopilotGroup] },
    });
    seedWin32App(sandbox, {
      displayName: "Self-service tool",
      deviceRestartBehavior: "force",
      intent: "available",
      assignments: { include: [tenant.autopilotGroup] },
    });
    const compliance = seedWindowsCompliancePolicy(sandbox, {
      displayName: "Windows compliance",
      bitLockerEnabled: true,
      secureBootEnabled: true,
      assignments: { include: [tenant.autopilotGroup] },
    });
    const graced = seedWindowsCompliancePolicy(sandbox, {
      displayName: "Windows compliance (graced)",
      codeIntegrityEnabled: true,
      gracePeriodHours: 24,
      assignments: { allDevices: true },
    });
    editEnrollmentStatusPage(sandbox, tenant.enrollmentStatusPage, { installQualityUpdates: true });
    sandbox.setTap({ defaultLifetimeInMinutes: 90, maximumLifetimeInMinutes: 90 });
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 0);
    assert.deepEqual(verdicts(result), ["ok", "ok", "at risk", "at risk", "ok", "ok"]);
    const esp = `"Autopilot ESP" (${tenant.enrollmentStatusPage})`;
    assert.deepEqual(findings(result, 3), [
      `at risk: required Win32 app "VPN client" (${app}) reaches 3 of 3 devices: installExperience.deviceRestartBehavior "force"`,
      `at risk: Enrollment Status Page ${esp} reaches 3 devices: installQualityUpdates true`,
      `at risk: compliance policy "Windows compliance" (${compliance}) reaches 3 of 3 devices: bitLockerEnabled, secureBootEnabled measured at boot, grace period 0 hours`,
      `ok: compliance policy "Windows compliance (graced)" (${graced}) reaches 3 of 3 devices: codeIntegrityEnabled measured at boot, grace period 24 hours (covers the restart these checks need)`,
    ]);
    assert.deepEqual(findings(result, 4), [
      `at risk: Temporary Access Pass policy: defaultLifetimeInMinutes 90, maximumLifetimeInMinutes 90; Enrollment Status Page ${esp} (device-targeted, priority 1) times out after 60 minutes; ${esp} installs Windows quality updates (up to 40 more minutes): even the longest pass (90 minutes) can expire before the 100 minutes enrollment may take, with Windows Hello setup still to come`,
    ]);
  });

  it("puts step 2 at risk when the Web sign-in profile reaches the devices only through an assignment filter", async () => {
    const filter = "6f1f0a52-1d4e-4c3b-9a55-6c6b2c1f0e77";
    sandbox.setAssignments(tenant.webSignIn, [
      {
        target: {
          "@odata.type": "#microsoft.graph.groupAssignmentTarget",
          groupId: tenant.autopilotGroup,
          deviceAndAppManagementAssignmentFilterId: filter,
          deviceAndAppManagementAssignmentFilterType: "include",
        },
      },
    ]);
    const result = await runJourney(sandbox, dir);
    assert.deepEqual(verdicts(result), ["ok", "at risk", "ok", "ok", "ok", "ok"]);
    assert.match(
      findings(result, 2)[1],
      new RegExp(
        `^at risk: "Windows - Enable Web Sign-in" \\(${tenant.webSignIn}\\) reaches 3 devices of 3 \\(PC-0001 .*\\) only through assignment filter ${filter} \\(include\\)$`,
      ),
    );
  });

  it("puts step 4 at risk when the pass's default lifetime is shorter than the ESP timeout", async () => {
    sandbox.setTap({ minimumLifetimeInMinutes: 10, defaultLifetimeInMinutes: 45 });
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 0);
    assert.deepEqual(verdicts(result), ["ok", "ok", "ok", "at risk", "ok", "ok"]);
    assert.deepEqual(findings(result, 4), [
      `at risk: Temporary Access Pass policy: defaultLifetimeInMinutes 45, maximumLifetimeInMinutes 480; Enrollment Status Page "Autopilot ESP" (${tenant.enrollmentStatusPage}) (device-targeted, priority 1) times out after 60 minutes: a pass issued with the default lifetime (45 minutes) can expire before the 60 minutes enrollment may take`,
    ]);
    assert.equal(
      result.json?.steps[3].findings[0].change,
      "raise temporaryAccessPass.defaultLifetimeInMinutes above 60, or issue joiners' passes with lifetimeInMinutes above 60",
    );
  });

  it("blocks step 5 when a registration policy requires a strength the pass cannot meet", async () => {
    const strict = sandbox.seedConditionalAccessPolicy({
      displayName: "Phishing-resistant registration",
      state: "enabled",
      conditions: {
        clientAppTypes: ["all"],
        applications: { includeUserActions: ["urn:user:registersecurityinfo"] },
        users: { includeUsers: ["All"] },
      },
      grantControls: { operator: "OR", authenticationStrength: { id: PHISHING_RESISTANT } },
    });
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 1);
    assert.deepEqual(verdicts(result), ["ok", "ok", "ok", "ok", "blocked", "ok"]);
    const [blocked] = result.json?.steps[4].findings ?? [];
    assert.equal(
      blocked.evidence,
      `"Phishing-resistant registration" (${strict}) requires authentication strength Phishing resistant MFA (a TAP does not satisfy it): it applies to a new joiner registering security info with a multi-use pass, who cannot satisfy it`,
    );
    assert.match(blocked.change ?? "", /temporaryAccessPassMultiUse/);
  });

  it("blocks step 6 when Windows Hello for Business enrollment is disabled, unless a policy turns it on", async () => {
    setDefaultWindowsHelloForBusiness(sandbox, "disabled");
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 1);
    assert.deepEqual(verdicts(result), ["ok", "ok", "ok", "ok", "ok", "blocked"]);
    assert.deepEqual(findings(result, 6), [
      `blocked: Windows Hello for Business enrollment policy "All users and all devices" (${tenant.hello}) (tenant default), applying to 3 devices: state "disabled"`,
    ]);

    const setting = "device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork";
    const protection = seedIntunePolicy(sandbox, {
      name: "Windows Hello for new joiners",
      templateFamily: "endpointSecurityAccountProtection",
      settings: [choiceSetting(setting, `${setting}_true`)],
      assignments: { include: [tenant.newHires] },
    });
    const overridden = await runJourney(sandbox, dir);
    assert.equal(overridden.code, 0);
    assert.deepEqual(findings(overridden, 6), [
      `ok: Windows Hello for Business enrollment policy "All users and all devices" (${tenant.hello}) (tenant default), applying to 3 devices: state "disabled", overridden by "Windows Hello for new joiners" (${protection}) (${setting}_true)`,
    ]);
  });

  it("says which steps were not checked, naming the permission, when reads are refused (no crash, exit 0)", async () => {
    sandbox.revoke(
      "DeviceManagementConfiguration.Read.All",
      "DeviceManagementApps.Read.All",
      "Device.Read.All",
    );
    sandbox.grant("DeviceManagementServiceConfig.Read.All");
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(verdicts(result), ["ok", "not checked", "not checked", "ok", "ok", "not checked"]);
    assert.deepEqual(findings(result, 2), [
      "not checked: the settings-catalog policies (baselines, endpoint security, Web sign-in) could not be read: the identity lacks DeviceManagementConfiguration.Read.All (Graph answered 403 to GET /beta/deviceManagement/configurationPolicies)",
      // Without Device.Read.All Graph still lists the devices, without their properties.
      "not checked: the group's 3 devices show no trustType: the identity lacks Device.Read.All (without it Graph returns only their ids)",
    ]);
    assert.deepEqual(findings(result, 3), [
      "not checked: the device configuration profiles (update rings, custom profiles) could not be read: the identity lacks DeviceManagementConfiguration.Read.All (Graph answered 403 to GET /beta/deviceManagement/deviceConfigurations)",
      "not checked: the settings-catalog policies (baselines, endpoint security, Web sign-in) could not be read: the identity lacks DeviceManagementConfiguration.Read.All (Graph answered 403 to GET /beta/deviceManagement/configurationPolicies)",
      "not checked: the Win32 apps could not be read: the identity lacks DeviceManagementApps.Read.All (Graph answered 403 to GET /beta/deviceAppManagement/mobileApps)",
      "not checked: the compliance policies could not be read: the identity lacks DeviceManagementConfiguration.Read.All (Graph answered 403 to GET /beta/deviceManagement/deviceCompliancePolicies)",
    ]);
    readsOnly(sandbox);
  });

  it("blocks step 2 when the stack's Autopilot group is not in the tenant, reading no devices", async () => {
    writeStack(dir, {
      ...stackConfig(tenant),
      autopilot: { groupDisplayName: "Autopilot devices EU", adoptExisting: false },
    });
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 1);
    assert.deepEqual(verdicts(result), ["not checked", "blocked", "not checked", "not checked", "ok", "ok"]);
    assert.equal(
      findings(result, 2)[0],
      'blocked: the Autopilot group: no group named "Autopilot devices EU" in this tenant',
    );
    assert.match(result.stdout, /Autopilot group not found: \*\*blocked at step 2\*\*/);
    assert.ok(!readsOnly(sandbox).some((text) => text.includes("microsoft.graph.device")));
  });

  it("judges a TAP-only stack without an Autopilot group or profile of its own, and the live registration policies", async () => {
    writeStack(dir, {
      temporaryAccessPass: stackConfig(tenant).temporaryAccessPass,
      registrationPolicy: { manage: false },
      webSignIn: { manage: false },
    });
    const result = await runJourney(sandbox, dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    // Steps 1 to 4 follow the stack's device group; the pass itself is still judged in step 1.
    assert.deepEqual(verdicts(result), [
      "not checked",
      "not checked",
      "not checked",
      "not checked",
      "ok",
      "ok",
    ]);
    const unmanaged =
      "not checked: webSignIn.manage is false: this stack declares no Web sign-in profile and no Autopilot group, so the check has no device group or profile of its own to judge";
    assert.deepEqual(findings(result, 1), [
      'ok: Temporary Access Pass policy: state "enabled", isUsableOnce false (passes can be multi-use)',
      `ok: joiner group ${tenant.newHires} is in the policy's scope (included, not excluded)`,
      unmanaged,
    ]);
    for (const number of [2, 3, 4]) assert.ok(findings(result, number).includes(unmanaged), `step ${number}`);
    assert.ok(
      findings(result, 5).includes(
        "ok: this stack declares no registration policy (registrationPolicy.manage is false): judged the live policies",
      ),
      findings(result, 5).join("\n"),
    );
    assert.ok(!readsOnly(sandbox).some((text) => text.startsWith("GET /v1.0/groups")));
  });

  describe("as a command", () => {
    it("exits 1 on an invalid stack config, naming the key, before any request", async () => {
      writeStack(dir, { temporaryAccessPass: { isUsableOnce: "no" } });
      sandbox.clearLog();
      const result = await runJourney(sandbox, dir);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^journey: passwordless-onboarding:temporaryAccessPass\.isUsableOnce /);
      assert.deepEqual(sandbox.requests, []);
    });

    it("exits 1 when the identity cannot sign in, sending no Graph request and not showing the secret", async () => {
      const result = await runJourney(sandbox, dir, ["--stack", "dev"], {
        ARM_CLIENT_SECRET: "Wrong-Secret-4711",
      });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^journey: the identity could not sign in: /);
      assert.ok(!(result.stdout + result.stderr).includes("Wrong-Secret-4711"));
      assert.deepEqual(sandbox.graphRequests(), []);
    });

    it("writes the Markdown it prints to --markdown and the JSON to --json", async () => {
      const result = await runJourney(sandbox, dir, [
        "--stack",
        "dev",
        "--json",
        "dev.journey.json",
        "--markdown",
        "out/summary.md",
      ]);
      assert.equal(result.code, 0, result.stderr);
      const markdown = readFileSync(join(dir, "out/summary.md"), "utf8");
      assert.ok(result.stdout.startsWith(markdown));
      assert.match(markdown, /^# New-joiner journey: stack dev\n/);
      assert.match(result.stdout, /\njourney: every step ok; wrote dev\.journey\.json and summary\.md\n$/);
      assert.deepEqual(
        result.json?.steps.map((item) => [item.number, item.title]),
        [
          [1, "OOBE sign-in with a pass"],
          [2, "After device setup: Web sign-in"],
          [3, "Restarts during enrollment"],
          [4, "Time: the pass outlasts enrollment"],
          [5, "Registration: Windows Hello, FIDO2 or Authenticator with the pass"],
          [6, "Windows Hello for Business enrollment"],
        ],
      );
    });
  });
});
