/** The pure parts of preflight: the placeholder rule, the permission set a config needs, options, token roles. */
import { strict as assert } from "node:assert";
import { validateSettings } from "../../infra/config";
import {
  isWritePermission,
  requiredPermission,
  satisfyingPermissions,
  stackPermissions,
  stackReadPermissions,
} from "../../infra/graph/permissions";
import { profileFact } from "../../scripts/preflight/autopilot";
import { parseArguments, UsageError } from "../../scripts/preflight/options";
import { permissionRows } from "../../scripts/preflight/permissions";
import { isPlaceholderId } from "../../scripts/preflight/placeholders";
import { rolesOf } from "../../scripts/preflight/token";
import type { DeclaredOnboardingSettings } from "../../policies/settings";
import { DEFAULT_PERMISSIONS } from "../sandbox/permissions";

function settings(raw: Record<string, unknown> = {}): DeclaredOnboardingSettings {
  const { settings: declared, problems } = validateSettings(raw);
  assert.deepEqual(problems, []);
  return declared;
}

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256" })}.${part(claims)}.signature`;
}

describe("preflight placeholder rule", () => {
  const cases: [string, "group" | "user" | "roleTemplate" | "authenticationStrength", boolean][] = [
    ["00000000-0000-0000-0000-0000000000a1", "group", true],
    ["00000000-0000-0000-0000-0000000000B2", "user", true],
    ["00000000-0000-0000-0000-000000000000", "group", true],
    ["00000000-0000-0000-0000-0000000000c1", "group", true],
    ["00000000-0000-0000-0000-000000000100", "group", false],
    ["10000000-0000-0000-0000-0000000000a1", "group", false],
    ["62e90394-69f5-4237-9190-012177145e10", "roleTemplate", false],
    ["00000000-0000-0000-0000-000000000004", "roleTemplate", true],
    // Microsoft's built-in strengths are real ids of that form.
    ["00000000-0000-0000-0000-000000000002", "authenticationStrength", false],
    ["00000000-0000-0000-0000-000000000003", "authenticationStrength", false],
    ["00000000-0000-0000-0000-000000000004", "authenticationStrength", false],
    ["00000000-0000-0000-0000-000000000005", "authenticationStrength", true],
  ];
  for (const [id, kind, expected] of cases) {
    it(`${expected ? "refuses" : "accepts"} ${id} as ${kind}`, () =>
      assert.equal(isPlaceholderId(id, kind), expected));
  }
});

/** A stack that declares every object (no `manage: false`). */
const ALL_DECLARED = { managesRegistrationPolicy: true, managesWebSignIn: true };

describe("stackPermissions", () => {
  const names = (input: Parameters<typeof stackPermissions>[0]) =>
    stackPermissions(input)
      .map((need) => need.permission)
      .sort();

  it("is the sandbox's default grant for a stack that creates its group", () => {
    assert.deepEqual(
      names({ ...ALL_DECLARED, existingGroup: false, groupsByName: false, usersByName: false }),
      [...DEFAULT_PERMISSIONS].sort(),
    );
  });

  it("reads instead of writing groups with existingGroupId", () => {
    const needed = names({ ...ALL_DECLARED, existingGroup: true, groupsByName: false, usersByName: false });
    assert.ok(needed.includes("GroupMember.Read.All"));
    assert.ok(!needed.some((name) => name.startsWith("Group.")), needed.join());
  });

  it("adds Group.Read.All and User.Read.All for names (Group.Read.All folded into Group.ReadWrite.All)", () => {
    assert.ok(
      names({ ...ALL_DECLARED, existingGroup: true, groupsByName: true, usersByName: true }).includes(
        "Group.Read.All",
      ),
    );
    assert.ok(
      names({ ...ALL_DECLARED, existingGroup: true, groupsByName: true, usersByName: true }).includes(
        "User.Read.All",
      ),
    );
    const creating = stackPermissions({
      ...ALL_DECLARED,
      existingGroup: false,
      groupsByName: true,
      usersByName: false,
    });
    assert.ok(!creating.some((need) => need.permission === "Group.Read.All"));
    assert.ok(
      creating
        .find((need) => need.permission === "Group.ReadWrite.All")
        ?.neededBy.includes("groups named by displayName (azuread.getGroup)"),
    );
  });

  it("needs only Policy.ReadWrite.AuthenticationMethod for a TAP-only stack (registrationPolicy and webSignIn not managed)", () => {
    const tapOnly = {
      managesRegistrationPolicy: false,
      managesWebSignIn: false,
      existingGroup: false,
      groupsByName: false,
      usersByName: false,
    };
    // Graph reads the TAP configuration with the write permission too: no Policy.Read.All.
    assert.deepEqual(stackPermissions(tapOnly), [
      {
        permission: "Policy.ReadWrite.AuthenticationMethod",
        neededBy: ["Temporary Access Pass policy (read)", "Temporary Access Pass policy (change)"],
      },
    ]);
    assert.deepEqual(stackReadPermissions(tapOnly), [
      { permission: "Policy.Read.All", neededBy: ["Temporary Access Pass policy (read)"] },
    ]);
  });

  it("drops the Conditional Access or the Intune and group permissions with the object left unmanaged", () => {
    const base = { existingGroup: false, groupsByName: false, usersByName: false };
    assert.deepEqual(names({ ...base, managesRegistrationPolicy: false, managesWebSignIn: true }), [
      "DeviceManagementConfiguration.ReadWrite.All",
      "Group.ReadWrite.All",
      "Policy.ReadWrite.AuthenticationMethod",
    ]);
    assert.deepEqual(names({ ...base, managesRegistrationPolicy: true, managesWebSignIn: false }), [
      "Policy.Read.All",
      "Policy.ReadWrite.AuthenticationMethod",
      "Policy.ReadWrite.ConditionalAccess",
    ]);
  });

  it("tells write permissions from read ones", () => {
    for (const write of [
      "Group.ReadWrite.All",
      "Group.Create",
      "Policy.ReadWrite.ConditionalAccess",
      "Directory.ReadWrite.All",
    ])
      assert.ok(isWritePermission(write), write);
    for (const read of [
      "Policy.Read.All",
      "GroupMember.Read.All",
      "User.Read.All",
      "RoleManagement.Read.Directory",
    ])
      assert.ok(!isWritePermission(read), read);
  });
});

describe("stackReadPermissions (what pulumi preview --refresh reads)", () => {
  const inputs: Parameters<typeof stackReadPermissions>[0][] = [
    { ...ALL_DECLARED, existingGroup: false, groupsByName: false, usersByName: false },
    { ...ALL_DECLARED, existingGroup: true, groupsByName: false, usersByName: false },
    { ...ALL_DECLARED, existingGroup: false, groupsByName: true, usersByName: true },
    { ...ALL_DECLARED, existingGroup: true, groupsByName: true, usersByName: true },
  ];
  const names = (input: Parameters<typeof stackReadPermissions>[0]) =>
    stackReadPermissions(input)
      .map((need) => need.permission)
      .sort();

  it("is the read counterpart of each of the deployer's needs for a stack that creates its group", () => {
    assert.deepEqual(names(inputs[0]), [
      "DeviceManagementConfiguration.Read.All",
      "GroupMember.Read.All",
      "Policy.Read.All",
    ]);
    const profiles = stackReadPermissions(inputs[0]).find(
      (need) => need.permission === "DeviceManagementConfiguration.Read.All",
    );
    assert.deepEqual(profiles?.neededBy, ["Web sign-in profile (read, name guard)"]);
  });

  it("adds Group.Read.All (folding GroupMember.Read.All) and User.Read.All for names", () => {
    assert.deepEqual(names(inputs[2]), [
      "DeviceManagementConfiguration.Read.All",
      "Group.Read.All",
      "Policy.Read.All",
      "User.Read.All",
    ]);
  });

  for (const input of inputs) {
    it(`asks for no write permission, and the deployer's grant satisfies it (${JSON.stringify(input)})`, () => {
      const deployer = names(input);
      for (const read of stackReadPermissions(input)) {
        assert.ok(!isWritePermission(read.permission), read.permission);
        assert.ok(
          stackPermissions(input).some((need) =>
            satisfyingPermissions(read.permission).includes(need.permission),
          ),
          `${read.permission} is not covered by the deployer's ${deployer.join(", ")}`,
        );
      }
    });
  }
});

describe("preflight permission rows", () => {
  it("names each missing permission and what needs it, and warns about unneeded writes", () => {
    const declared = settings({
      autopilot: {
        groupDisplayName: "Autopilot",
        existingGroupId: "3f2b8c1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        adoptExisting: false,
      },
    });
    const rows = permissionRows(declared, {
      roles: [
        "Policy.Read.All",
        "Policy.ReadWrite.AuthenticationMethod",
        "Directory.ReadWrite.All",
        "User.Read.All",
      ],
    });
    const bySubject = new Map(rows.map((row) => [row.subject, row]));
    assert.equal(bySubject.get("Policy.ReadWrite.ConditionalAccess")?.status, "fail");
    assert.match(
      bySubject.get("Policy.ReadWrite.ConditionalAccess")?.detail ?? "",
      /registration Conditional Access policy/,
    );
    assert.equal(bySubject.get("GroupMember.Read.All")?.status, "pass");
    assert.match(bySubject.get("GroupMember.Read.All")?.detail ?? "", /as Directory\.ReadWrite\.All/);
    assert.equal(bySubject.get("Directory.ReadWrite.All")?.status, "warning");
    assert.equal(
      bySubject.get("RoleManagement.Read.Directory"),
      undefined,
      "covered by Directory.ReadWrite.All",
    );
  });

  it("names each granted read permission nothing needs (deployer and reader alike)", () => {
    const extra = "AuditLog.Read.All";
    for (const identity of ["deployer", "reader"] as const) {
      const granted =
        identity === "reader"
          ? ["Policy.Read.All", "GroupMember.Read.All", "DeviceManagementConfiguration.Read.All"]
          : [
              "Policy.Read.All",
              "Policy.ReadWrite.AuthenticationMethod",
              "Policy.ReadWrite.ConditionalAccess",
              "DeviceManagementConfiguration.ReadWrite.All",
              "Group.ReadWrite.All",
            ];
      const rows = permissionRows(settings(), { roles: [...granted, extra] }, identity);
      assert.deepEqual(
        rows.filter((row) => row.subject === extra).map((row) => [row.status, row.detail]),
        [
          [
            "warning",
            "granted, but neither this stack nor preflight reads anything that needs it: consider removing it (least privilege)",
          ],
        ],
        identity,
      );
      assert.deepEqual(
        rows.filter((row) => row.status === "warning" && granted.includes(row.subject)),
        [],
        `${identity}: nothing it needs is called extra`,
      );
    }
  });

  it("warns, naming what it needs, when the token's roles cannot be read", () => {
    const rows = permissionRows(settings(), rolesOf("not-a-jwt"));
    assert.equal(rows.length, 1);
    assert.equal(rows[0].status, "warning");
    assert.match(
      rows[0].detail,
      /not a readable JWT; needed: Policy\.ReadWrite\.AuthenticationMethod, Policy\.Read\.All/,
    );
  });
});

describe("preflight permission rows for the reader identity", () => {
  const READ_ONLY = [
    "Policy.Read.All",
    "Group.Read.All",
    "DeviceManagementConfiguration.Read.All",
    "User.Read.All",
    "RoleManagement.Read.Directory",
  ];
  const withReferences = () =>
    settings({
      registrationPolicy: {
        displayName: "Require MFA to register security info",
        breakGlassUserIds: ["3f2b8c1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"],
        excludeRoleTemplateIds: ["62e90394-69f5-4237-9190-012177145e10"],
      },
    });

  it("passes a read-only grant: no write permission is asked for, none is a failure", () => {
    const rows = permissionRows(withReferences(), { roles: READ_ONLY }, "reader");
    assert.deepEqual(
      rows.filter((row) => row.status !== "pass"),
      [],
    );
    const subjects = rows.map((row) => row.subject);
    for (const subject of subjects) assert.ok(!isWritePermission(subject), subject);
    assert.ok(subjects.includes("DeviceManagementConfiguration.Read.All"), subjects.join());
    assert.match(
      rows.find((row) => row.subject === "GroupMember.Read.All")?.detail ?? "",
      /granted \(as Group\.Read\.All\): Autopilot group \(read, name guard\)/,
    );
  });

  it("fails a missing read the preview or preflight itself needs, naming what needs it", () => {
    const rows = permissionRows(
      withReferences(),
      { roles: ["Policy.Read.All", "Group.Read.All", "User.Read.All"] },
      "reader",
    );
    const failed = rows.filter((row) => row.status === "fail");
    assert.deepEqual(
      failed.map((row) => row.subject),
      ["DeviceManagementConfiguration.Read.All", "RoleManagement.Read.Directory"],
    );
    assert.match(
      failed[0].detail,
      /^missing: needed by Web sign-in profile \(read, name guard\); preflight: the Web sign-in setting definition; preflight: Autopilot deployment profiles \(PO-WSI-002\)$/,
    );
    assert.match(failed[1].detail, /^missing: needed by preflight: excluded directory roles$/);
  });

  it("warns about every write permission the reader holds, even one the deployer needs", () => {
    const rows = permissionRows(
      withReferences(),
      { roles: [...READ_ONLY, "Policy.ReadWrite.ConditionalAccess", "Directory.ReadWrite.All"] },
      "reader",
    );
    const warnings = rows.filter((row) => row.status === "warning");
    assert.deepEqual(
      warnings.map((row) => row.subject),
      ["Directory.ReadWrite.All", "Policy.ReadWrite.ConditionalAccess"],
    );
    for (const warning of warnings)
      assert.match(warning.detail, /a pull-request identity should not be able to write/);
    assert.equal(rows.filter((row) => row.status === "fail").length, 0);
  });

  it("the deployer mode fails the same read-only grant, naming the write permissions", () => {
    const rows = permissionRows(withReferences(), { roles: READ_ONLY });
    assert.deepEqual(rows, permissionRows(withReferences(), { roles: READ_ONLY }, "deployer"));
    assert.deepEqual(
      rows
        .filter((row) => row.status === "fail")
        .map((row) => row.subject)
        .sort(),
      [
        "DeviceManagementConfiguration.ReadWrite.All",
        "Group.ReadWrite.All",
        "Policy.ReadWrite.AuthenticationMethod",
        "Policy.ReadWrite.ConditionalAccess",
      ],
    );
  });

  it("names the reads it needs when the token's roles cannot be read", () => {
    const rows = permissionRows(settings(), rolesOf("not-a-jwt"), "reader");
    assert.equal(rows.length, 1);
    assert.equal(rows[0].status, "warning");
    assert.match(
      rows[0].detail,
      /needed: Policy\.Read\.All, DeviceManagementConfiguration\.Read\.All, GroupMember\.Read\.All, RoleManagement\.Read\.Directory$/,
    );
  });
});

describe("preflight token roles", () => {
  it("reads roles and oid without checking the signature", () => {
    assert.deepEqual(rolesOf(jwt({ roles: ["Policy.Read.All"], oid: "x" })), {
      roles: ["Policy.Read.All"],
      objectId: "x",
    });
    assert.deepEqual(rolesOf(jwt({ oid: "x" })), { roles: [], objectId: "x" });
    assert.match(rolesOf(jwt({ roles: "Policy.Read.All" })).problem ?? "", /not a list/);
  });
});

describe("preflight options", () => {
  const dirs = { cwd: "/work/here", projectDir: "/project" };
  it("defaults the JSON report next to the stack file", () => {
    assert.deepEqual(parseArguments(["--stack", "org/dev"], dirs), {
      help: false,
      stack: "org/dev",
      stackName: "dev",
      stackFile: "/project/Pulumi.dev.yaml",
      json: "/project/dev.preflight.json",
      markdown: undefined,
      identity: "deployer",
    });
    const given = parseArguments(["--stack", "dev", "--json", "out/p.json", "--markdown", "p.md"], dirs);
    assert.ok(!given.help && given.json === "/work/here/out/p.json" && given.markdown === "/work/here/p.md");
  });
  it("takes --identity reader or deployer", () => {
    for (const identity of ["reader", "deployer"]) {
      const parsed = parseArguments(["--identity", identity, "--stack", "dev"], dirs);
      assert.ok(!parsed.help && parsed.identity === identity);
    }
  });
  for (const [args, message] of [
    [[], /missing --stack/],
    [["--stack"], /--stack needs a value/],
    [["--stack", "dev", "--out", "x"], /unknown option --out/],
    [["--stack", "a/b/c/d"], /not a valid Pulumi stack name/],
    [["--stack", "dev", "--json", "x.md", "--markdown", "x.md"], /same file/],
    [["dev"], /unexpected argument/],
    [["--stack", "dev", "--identity"], /--identity needs a value/],
    [["--stack", "dev", "--identity", "writer"], /--identity must be reader or deployer, not "writer"/],
  ] as [string[], RegExp][]) {
    it(`refuses ${JSON.stringify(args)}`, () =>
      assert.throws(
        () => parseArguments(args, dirs),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      ));
  }
});

describe("preflight Autopilot deployment profiles", () => {
  it("reads them with DeviceManagementServiceConfig.Read.All, which any DeviceManagementConfiguration grant satisfies", () => {
    const path = "/beta/deviceManagement/windowsAutopilotDeploymentProfiles?$expand=assignments";
    assert.equal(requiredPermission("GET", path), "DeviceManagementServiceConfig.Read.All");
    assert.equal(
      requiredPermission("GET", "/beta/deviceManagement/configurationPolicies"),
      "DeviceManagementConfiguration.Read.All",
    );
    assert.deepEqual(satisfyingPermissions("DeviceManagementServiceConfig.Read.All"), [
      "DeviceManagementServiceConfig.Read.All",
      "DeviceManagementServiceConfig.ReadWrite.All",
      "DeviceManagementConfiguration.Read.All",
      "DeviceManagementConfiguration.ReadWrite.All",
    ]);
  });

  it("adds no permission row for the deployer's default grant", () => {
    const rows = permissionRows(settings(), { roles: [...DEFAULT_PERMISSIONS] });
    assert.equal(
      rows.find((row) => row.subject === "DeviceManagementServiceConfig.Read.All"),
      undefined,
    );
  });

  it("keeps the included groups of a profile, read from each assignment's target", () => {
    const fact = profileFact({
      "@odata.type": "#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile",
      id: "p1",
      displayName: "Hybrid",
      assignments: [
        { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g1" } },
        { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: "g2" } },
        { target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } },
      ],
    });
    assert.deepEqual(fact, {
      id: "p1",
      displayName: "Hybrid",
      "@odata.type": "#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile",
      assignedGroupIds: ["g1"],
    });
  });
});
