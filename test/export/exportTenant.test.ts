/**
 * The export against the Graph sandbox, in process: a tenant set up by hand (raw Graph calls as
 * the portals make them) -> the YAML, the report, the exit code and the sandbox's request log.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { validateSettings } from "../../infra/config";
import { namespaceValues } from "../../scripts/export/checks";
import type { Sandbox } from "../sandbox";
import { useSandboxPerTest } from "../sandbox/sandboxHooks";
import {
  GLOBAL_ADMINISTRATOR,
  registrationTemplatePolicy,
} from "../fixtures/securityInfoRegistrationTemplate";
import {
  BREAK_GLASS_UPN,
  CA_PATH,
  call,
  choiceSetting,
  createAutopilotGroup,
  createWebSignInProfile,
  PROFILES_PATH,
  seedPortalTenant,
  TAP_PATH,
  assignToGroups,
  type PortalTenant,
} from "./support/portalTenant";
import { runExport, sandboxEnv, type ExportRun } from "./support/runExport";

type Config = Record<string, Record<string, unknown>>;

function configOf(run: ExportRun): Config {
  const document = parse(run.yaml) as { config: Record<string, Record<string, unknown>> };
  const result: Config = {};
  for (const [key, value] of Object.entries(document.config)) {
    result[key.replace(/^passwordless-onboarding:/, "")] = value;
  }
  return result;
}

/** `GET /path?query` for every Graph request the sandbox received. */
function requestLines(sandbox: Sandbox): string[] {
  return sandbox.graphRequests().map((entry) => {
    const query = new URLSearchParams(entry.query).toString();
    return `${entry.method} ${entry.path}${query === "" ? "" : `?${decodeURIComponent(query)}`}`;
  });
}

function assertReadOnlyAndOnce(sandbox: Sandbox): void {
  const lines = requestLines(sandbox);
  assert.deepEqual(
    lines.filter((line) => !line.startsWith("GET ")),
    [],
    "the export sent a write request",
  );
  assert.equal(new Set(lines).size, lines.length, `a read was repeated:\n${lines.join("\n")}`);
}

describe("export against a hand-made tenant", function () {
  this.timeout(30000);
  let sandbox: Sandbox;
  let tenant: PortalTenant;
  let dir: string;
  useSandboxPerTest(async (started) => {
    sandbox = started;
    tenant = await seedPortalTenant(sandbox);
    // The export's identity holds the read permissions --help lists, User.Read.All among them.
    sandbox.grant("User.Read.All");
    sandbox.clearLog();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "export-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the five sections with name references and adoption keys, and exits 0", async () => {
    const result = await runExport(dir, ["--stack", "dev"], sandboxEnv(sandbox));
    assert.equal(result.stderr, "");
    assert.equal(result.code, 0, result.stdout);
    assert.deepEqual(configOf(result), {
      temporaryAccessPass: {
        state: "enabled",
        includeGroupIds: [{ displayName: "New hires" }],
        excludeGroupIds: [],
        minimumLifetimeInMinutes: 60,
        defaultLifetimeInMinutes: 480,
        maximumLifetimeInMinutes: 480,
        defaultLength: 8,
        isUsableOnce: false,
        onDestroy: "restore",
      },
      registrationPolicy: {
        displayName: "Securing security info registration",
        state: "enabledForReportingButNotEnforced",
        breakGlassUserIds: [{ userPrincipalName: BREAK_GLASS_UPN }],
        excludeGroupIds: [{ displayName: "CA exclusions" }],
        excludeGuests: true,
        excludeRoleTemplateIds: [GLOBAL_ADMINISTRATOR],
        allowFromTrustedLocations: true,
        adoptExisting: true,
      },
      autopilot: { groupDisplayName: "Autopilot devices", adoptExisting: true },
      webSignIn: {
        policyName: "Windows - Web sign-in for Autopilot",
        description: "",
        enablePasswordlessExperience: false,
        adoptExisting: true,
      },
      guardrails: { suppress: {} },
    });
    // The header names the tenant, and the keys come in the order of Pulumi.dev.yaml.
    assert.match(
      result.yaml,
      new RegExp(
        `^# Exported by \`npm run export -- --stack dev\` on 2026-03-02T10:00:00.000Z\n# from Microsoft Entra tenant ${sandbox.tenantId} `,
      ),
    );
    assert.ok(!result.yaml.includes(sandbox.clientSecret), "the client secret is in the YAML");
    const keys = [...result.yaml.matchAll(/^ {2}passwordless-onboarding:(\w+):$/gm)].map((match) => match[1]);
    assert.deepEqual(keys, [
      "temporaryAccessPass",
      "registrationPolicy",
      "autopilot",
      "webSignIn",
      "guardrails",
    ]);
    // The report lists each object with its id, and the verdict.
    for (const id of [
      tenant.policyId,
      tenant.profileId,
      tenant.autopilotGroupId,
      tenant.newHiresId,
      tenant.caExclusionsId,
      tenant.breakGlassId,
    ]) {
      assert.ok(result.report.includes(id), `the report does not name ${id}`);
    }
    assert.match(result.report, /\*\*Verdict:\*\* Everything found maps onto the stack config/);
    assert.match(
      result.report,
      /\| Conditional Access policy \| Securing security info registration \| `[0-9a-f-]+` \| state enabledForReportingButNotEnforced \| exported \|/,
    );
    assert.match(
      result.report,
      /### The program's config reader \(`validateSettings`\)\n\nIt accepts the written config\./,
    );
    assert.match(
      result.stdout,
      /export: Everything found maps onto the stack config: `pulumi up` with it should change nothing\.\n$/,
    );
    // The program's own reader reads the references and adoption keys as written.
    const declared = validateSettings(namespaceValues(result.yaml));
    assert.deepEqual(declared.problems, []);
    assert.deepEqual(declared.settings.registrationPolicy.breakGlassUserIds, [
      { userPrincipalName: BREAK_GLASS_UPN },
    ]);
    assert.deepEqual(declared.settings.temporaryAccessPass.includeGroupIds, [{ displayName: "New hires" }]);
    assert.equal(declared.settings.registrationPolicy.adoptExisting, true);
    assert.equal(declared.settings.autopilot.adoptExisting, true);
    assert.equal(declared.settings.webSignIn.adoptExisting, true);
    // Read-only, each object read once, exactly these reads.
    assertReadOnlyAndOnce(sandbox);
    assert.deepEqual(
      requestLines(sandbox).sort(),
      [
        `GET ${PROFILES_PATH}/${tenant.profileId}/assignments`,
        `GET ${PROFILES_PATH}/${tenant.profileId}?$expand=settings`,
        `GET ${PROFILES_PATH}?$select=id,name,platforms,technologies`,
        `GET ${CA_PATH}`,
        `GET ${TAP_PATH}`,
        "GET /v1.0/groups?$select=id,displayName,description,groupTypes,membershipRule,membershipRuleProcessingState,securityEnabled,mailEnabled&$top=999",
        `GET /v1.0/users/${tenant.breakGlassId}?$select=id,userPrincipalName`,
      ].sort(),
    );
  });

  it("writes object ids with --ids, the names as comments, and reads no user", async () => {
    const result = await runExport(dir, ["--stack", "dev", "--ids"], sandboxEnv(sandbox));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const config = configOf(result);
    assert.deepEqual(config.temporaryAccessPass.includeGroupIds, [tenant.newHiresId]);
    assert.deepEqual(config.registrationPolicy.breakGlassUserIds, [tenant.breakGlassId]);
    assert.deepEqual(config.registrationPolicy.excludeGroupIds, [tenant.caExclusionsId]);
    assert.deepEqual(config.autopilot, { groupDisplayName: "Autopilot devices", adoptExisting: true });
    assert.ok(result.yaml.includes(`      - ${tenant.newHiresId} # New hires\n`), result.yaml);
    assert.ok(!requestLines(sandbox).some((line) => line.includes("/users/")), "read a user with --ids");
    assertReadOnlyAndOnce(sandbox);
  });

  it("names what the config cannot express, writes the YAML anyway and exits 1", async () => {
    // An extra condition on the policy (platforms), an extra setting in the profile, a second
    // candidate policy (further from the settings, so not the one exported), and a second assignment.
    await call(tenant.graph, "PATCH", `${CA_PATH}/${tenant.policyId}`, {
      conditions: { platforms: { includePlatforms: ["windows"], excludePlatforms: [] } },
    });
    await call(
      tenant.graph,
      "POST",
      CA_PATH,
      registrationTemplatePolicy({
        displayName: "Block registration from risky places",
        conditions: { clientAppTypes: ["browser"], signInRiskLevels: ["high"] },
      }),
    );
    const allowedUrls = "device_vendor_msft_policy_config_authentication_configurewebsigninallowedurls";
    await call(tenant.graph, "PUT", `${PROFILES_PATH}/${tenant.profileId}`, {
      name: "Windows - Web sign-in for Autopilot",
      description: "",
      platforms: "windows10",
      technologies: "mdm",
      roleScopeTagIds: ["0"],
      settings: [
        choiceSetting(
          "device_vendor_msft_policy_config_authentication_enablewebsignin",
          "device_vendor_msft_policy_config_authentication_enablewebsignin_1",
        ),
        choiceSetting(allowedUrls, `${allowedUrls}_1`),
      ],
    });
    await assignToGroups(tenant.graph, tenant.profileId, [tenant.autopilotGroupId, tenant.newHiresId]);
    sandbox.clearLog();

    const result = await runExport(dir, ["--stack", "dev"], sandboxEnv(sandbox));
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "");
    const config = configOf(result);
    assert.equal(config.registrationPolicy.displayName, "Securing security info registration");
    assert.equal(config.registrationPolicy.adoptExisting, true);
    assert.equal(config.webSignIn.adoptExisting, true);
    assert.deepEqual(config.autopilot, { groupDisplayName: "Autopilot devices", adoptExisting: true });
    const report = result.report;
    assert.match(
      report,
      /Not expressible, `pulumi up` would change it:\*\* conditions\.platforms is \{"includePlatforms":\["windows"\],"excludePlatforms":\[\]\}/,
    );
    assert.ok(report.includes(`Extra setting ${allowedUrls} = "${allowedUrls}_1": `), report);
    assert.match(
      report,
      /- Note: Checked against the program's own desired state: `pulumi up` would change settings\./,
    );
    assert.match(
      report,
      /"Block registration from risky places" \([0-9a-f-]+, enabledForReportingButNotEnforced\) also targets registration/,
    );
    assert.match(
      report,
      /\| Conditional Access policy \| Block registration from risky places \| `[0-9a-f-]+` \| state enabledForReportingButNotEnforced \| no \(left as it is\) \|/,
    );
    assert.ok(report.includes(`also assigned to the group "New hires" (${tenant.newHiresId})`), report);
    assert.match(report, /\*\*Verdict:\*\* \d+ points need a look before `pulumi up`/);
    assert.match(result.stdout, /export: \d+ points need a look before `pulumi up`: see dev\.export\.md\./);
    assertReadOnlyAndOnce(sandbox);
  });

  it("writes what it could read when one object type answers 403, naming the missing permission in one line", async () => {
    sandbox.revoke("DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementConfiguration.Read.All");
    const result = await runExport(dir, ["--stack", "dev"], sandboxEnv(sandbox));
    assert.equal(result.code, 1);
    const errors = result.stderr.trimEnd().split("\n");
    assert.equal(errors.length, 1, result.stderr);
    assert.match(
      errors[0],
      /^export: settings-catalog profiles \(settings and assignments\) not read: GET \/beta\/deviceManagement\/configurationPolicies\?\$select=id%2Cname%2Cplatforms%2Ctechnologies failed: 403 Authorization_RequestDenied: .* \(request-id [0-9a-f-]+\)\. The app needs DeviceManagementConfiguration\.Read\.All\.$/,
    );
    const config = configOf(result);
    assert.deepEqual(Object.keys(config), [
      "temporaryAccessPass",
      "registrationPolicy",
      "autopilot",
      "guardrails",
    ]);
    // Without the profile, the tenant's Autopilot group is found by its rule.
    assert.deepEqual(config.autopilot, { groupDisplayName: "Autopilot devices", adoptExisting: true });
    assert.match(
      result.yaml,
      /^ {2}# passwordless-onboarding:webSignIn is left out: settings-catalog profiles could not be read/m,
    );
    assert.match(
      result.report,
      /\| settings-catalog profiles \(settings and assignments\) \| .* \| `DeviceManagementConfiguration\.Read\.All` \| \*\*not read\*\*: /,
    );
    assertReadOnlyAndOnce(sandbox);
  });

  it("keeps users as ids and names User.Read.All in one line when the app may not read users", async () => {
    sandbox.revoke("User.Read.All");
    const result = await runExport(dir, ["--stack", "dev"], sandboxEnv(sandbox));
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^export: users excluded from the Conditional Access policy .* not read: GET \/v1\.0\/users\/[0-9a-f-]+\?\$select=id%2CuserPrincipalName failed: 403 Authorization_RequestDenied: .* \(request-id [0-9a-f-]+\)\. The app needs User\.Read\.All\.\n$/,
    );
    // Everything else is written as with the permission; the user stays an object id.
    const config = configOf(result);
    assert.deepEqual(config.registrationPolicy.breakGlassUserIds, [tenant.breakGlassId]);
    assert.deepEqual(config.registrationPolicy.excludeGroupIds, [{ displayName: "CA exclusions" }]);
    assert.deepEqual(config.temporaryAccessPass.includeGroupIds, [{ displayName: "New hires" }]);
    assert.deepEqual(Object.keys(config), [
      "temporaryAccessPass",
      "registrationPolicy",
      "autopilot",
      "webSignIn",
      "guardrails",
    ]);
    assert.match(
      result.report,
      /\| users excluded from the Conditional Access policy .* \| `User\.Read\.All` \| \*\*not read\*\*: /,
    );
    assertReadOnlyAndOnce(sandbox);
  });

  it("needs only read permissions", async () => {
    sandbox.revoke(
      "Policy.ReadWrite.AuthenticationMethod",
      "Policy.ReadWrite.ConditionalAccess",
      "Group.ReadWrite.All",
      "DeviceManagementConfiguration.ReadWrite.All",
    );
    sandbox.grant("DeviceManagementConfiguration.Read.All", "GroupMember.Read.All");
    const result = await runExport(dir, ["--stack", "dev"], sandboxEnv(sandbox));
    assert.equal(result.stderr, "");
    assert.equal(result.code, 0, result.stdout);
  });

  it("fails in one line and writes nothing when it cannot sign in", async () => {
    const result = await runExport(dir, ["--stack", "dev"], {
      ...sandboxEnv(sandbox),
      ARM_CLIENT_SECRET: "wrong",
    });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^export: cannot read the tenant: GET \/v1\.0\/policies\/.* failed: not sent \(TokenRequestFailed: could not get a token .*AADSTS7000215.*\n$/,
    );
    assert.equal(result.yaml, "");
    assert.equal(result.report, "");
    assert.ok(!result.stderr.includes("wrong"), "the secret is in the message");
  });

  it("signs in with the azuread: keys of the stack file, as the program does", async () => {
    writeFileSync(
      join(dir, "Pulumi.dev.yaml"),
      `config:\n  azuread:tenantId: ${sandbox.tenantId}\n  azuread:clientId: ${sandbox.clientId}\n`,
    );
    const { ARM_TENANT_ID: _tenant, ARM_CLIENT_ID: _client, ...env } = sandboxEnv(sandbox);
    const result = await runExport(dir, ["--stack", "dev", "--out", "exported.yaml"], env, {
      yaml: "exported.yaml",
      report: "dev.export.md",
    });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.yaml, new RegExp(`# from Microsoft Entra tenant ${sandbox.tenantId} `));
  });

  it("says an encrypted azuread:clientSecret cannot be read, with exit 2", async () => {
    writeFileSync(
      join(dir, "Pulumi.dev.yaml"),
      `config:\n  azuread:tenantId: ${sandbox.tenantId}\n  azuread:clientId: ${sandbox.clientId}\n  azuread:clientSecret:\n    secure: v1:abc\n`,
    );
    const result = await runExport(dir, ["--stack", "dev", "--out", "exported.yaml"], {
      GRAPH_ENDPOINT: sandbox.graphEndpoint,
      AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^export: no Graph identity: missing a way to sign in .* \(azuread:clientSecret in Pulumi\.dev\.yaml is encrypted and cannot be read here: set the ARM_\* variable instead\)\n$/,
    );
    assert.deepEqual(sandbox.graphRequests(), []);
  });

  it("refuses to overwrite the stack file without --force, and keeps its other keys with --force", async () => {
    writeFileSync(
      join(dir, "Pulumi.dev.yaml"),
      "encryptionsalt: v1:abc\nconfig:\n  azuread:tenantId: " +
        `${sandbox.tenantId}\n  azuread:clientSecret:\n    secure: v1:xyz\n  passwordless-onboarding:webSignIn:\n    policyName: old\n`,
    );
    const refused = await runExport(dir, ["--stack", "dev"], sandboxEnv(sandbox));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^export: Pulumi\.dev\.yaml exists: add --force to overwrite it/);
    assert.deepEqual(sandbox.graphRequests(), []);

    const forced = await runExport(dir, ["--stack", "dev", "--force"], sandboxEnv(sandbox));
    assert.equal(forced.code, 0, forced.stdout + forced.stderr);
    const document = parse(forced.yaml) as Record<string, Record<string, unknown>>;
    assert.equal(document.encryptionsalt, "v1:abc");
    assert.equal(document.config["azuread:tenantId"], sandbox.tenantId);
    assert.deepEqual(document.config["azuread:clientSecret"], { secure: "v1:xyz" });
    assert.equal(
      (document.config["passwordless-onboarding:webSignIn"] as Record<string, unknown>).policyName,
      "Windows - Web sign-in for Autopilot",
    );
  });

  it("adopts a group-tag group, and references a group whose rule it does not generate", async () => {
    const tagged = await createAutopilotGroup(
      tenant.graph,
      "Autopilot NewHires",
      '(device.devicePhysicalIds -any (_ -eq "[OrderID]:NewHires"))',
      'Windows Autopilot devices with the group tag "NewHires"; receives the Web sign-in profile. Managed by passwordless-onboarding.',
    );
    await assignToGroups(tenant.graph, tenant.profileId, [tagged]);
    sandbox.clearLog();
    const taggedRun = await runExport(
      dir,
      ["--stack", "dev", "--out", "tagged.yaml", "--report", "tagged.md"],
      sandboxEnv(sandbox),
      {
        yaml: "tagged.yaml",
        report: "tagged.md",
      },
    );
    assert.deepEqual(configOf(taggedRun).autopilot, {
      groupDisplayName: "Autopilot NewHires",
      groupTag: "NewHires",
      adoptExisting: true,
    });
    assert.match(
      taggedRun.report,
      /"Autopilot devices" \([0-9a-f-]+\) also has an Autopilot rule; it is not in the stack\./,
    );

    const custom = await createAutopilotGroup(
      tenant.graph,
      "Autopilot without tag",
      '(device.devicePhysicalIds -any (_ -contains "[ZTDId]")) -and -not (device.devicePhysicalIds -any (_ -contains "[OrderID]:"))',
    );
    await assignToGroups(tenant.graph, tenant.profileId, [custom]);
    const customRun = await runExport(dir, ["--stack", "dev", "--force"], sandboxEnv(sandbox));
    assert.deepEqual(configOf(customRun).autopilot, {
      existingGroupId: { displayName: "Autopilot without tag" },
    });
    assert.match(
      customRun.report,
      /Note: The group "Autopilot without tag" is referenced as existingGroupId and left as it is \(not managed by the stack\), because its membership rule .* is not one the stack generates/,
    );
  });

  it("follows settings@odata.nextLink when Graph cuts a profile's expanded settings", async () => {
    const extra = Array.from({ length: 30 }, (_, index) =>
      choiceSetting(`vendor_setting_${String(index).padStart(2, "0")}`, `vendor_setting_${index}_1`),
    );
    const profileId = await createWebSignInProfile(tenant.graph, "Windows - many settings", extra);
    const { cutExpandedSettings } = await import("../providers/support/cutExpandedSettings");
    cutExpandedSettings(sandbox, profileId);
    sandbox.clearLog();
    const result = await runExport(dir, ["--stack", "dev"], sandboxEnv(sandbox));
    // The profile with 30 extra settings is a candidate; the one without is chosen.
    assert.match(
      result.report,
      /"Windows - many settings" \([0-9a-f-]+\) also carries Enable Web Sign In; it is not in the stack/,
    );
    assert.deepEqual(sandbox.pendingFaults(), []);
    assert.ok(
      requestLines(sandbox).some((line) =>
        line.startsWith(`GET ${PROFILES_PATH}/${profileId}/settings?$skiptoken=`),
      ),
      "the cut settings were not followed",
    );
    assertReadOnlyAndOnce(sandbox);
  });
});

describe("export against an empty tenant", function () {
  this.timeout(30000);
  let sandbox: Sandbox;
  let dir: string;
  useSandboxPerTest((started) => {
    sandbox = started;
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "export-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the TAP defaults it finds and the module's defaults for objects to create", async () => {
    const result = await runExport(dir, ["--stack", "fresh"], sandboxEnv(sandbox), {
      yaml: "Pulumi.fresh.yaml",
      report: "fresh.export.md",
    });
    const config = configOf(result);
    assert.equal(config.temporaryAccessPass.state, "disabled");
    assert.deepEqual(config.temporaryAccessPass.includeGroupIds, ["all_users"]);
    assert.equal(config.registrationPolicy.adoptExisting, undefined);
    assert.deepEqual(config.autopilot, { groupDisplayName: "Autopilot devices" });
    assert.equal(config.webSignIn.adoptExisting, false);
    assert.match(result.yaml, /# Not found in the tenant: `pulumi up` creates this policy/);
    assert.match(result.report, /Note: No policy targets `urn:user:registersecurityinfo`/);
    // The guardrails judge the disabled pass (PO-TAP-005) and are printed, not thrown.
    assert.match(result.stdout, /export: guardrail PO-TAP-005 \(warning\)/);
    assert.match(
      result.stdout,
      /should change none of the objects found, and creates what was not found \(registrationPolicy, autopilot, webSignIn\)\.\n$/,
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
});
