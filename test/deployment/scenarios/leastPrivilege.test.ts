/**
 * "Deployer identities as code", end to end: the least-privilege permission sets the project
 * computes (infra/graph/permissions.ts `stackPermissions` / `stackReadPermissions`, from the config
 * as preflight reads it: scripts/preflight/permissions.ts `permissionInput`) are enough and each
 * of them is needed.
 *
 * - deployer: with the sandbox's grant set to exactly the computed set, a stack's whole life
 *   (`up`, empty `preview`, `up --refresh` after a portal edit, `destroy`) gets no 403, for the
 *   default config and for one with `autopilot.existingGroupId` (no Group.ReadWrite.All then);
 * - each deployer permission is needed: without it, the first `up` on a fresh tenant fails, and
 *   the error names the missing permission (the Graph layer's hint) or, where the request comes
 *   from the azuread provider, carries azuread's own text (which names no permission);
 * - reader: with exactly the computed read set, `preview --refresh` and `refresh` of a deployed
 *   stack get no 403 and write nothing; the set holds no write permission.
 *
 * Offline only: it sets the Graph sandbox's grant and reads its request log.
 */
import * as assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { parseSettings } from "../../../infra/config";
import {
  isWritePermission,
  alsoAcceptedPermissions,
  requiredPermission,
  satisfyingPermissions,
  stackPermissions,
  stackReadPermissions,
} from "../../../infra/graph/permissions";
import { permissionInput } from "../../../scripts/preflight/permissions";
import type { Sandbox } from "../../sandbox";
import type { StackConfig } from "../driver";
import {
  expectChanges,
  expectEmptyPreview,
  graphWrites,
  seedScenarioTenant,
  stackConfig,
  useScenario,
  type Scenario,
  type TenantIds,
} from "./scenario";
import { TAP, CA, GROUP, PROFILE, ASSIGNMENT, CA_GUARD, GROUP_GUARD } from "./resourceNames";

/**
 * What the first `up` prints without each deployer permission: the permission the Graph layer's
 * 403 hint names (the least one for the refused request, which the stack's grant may fold into the
 * removed one), undefined where the refused request is azuread's (its text names none), or that
 * the up succeeds.
 */
const WITHOUT: Record<string, { names?: string } | "up succeeds"> = {
  // The Conditional Access create (azuread): Graph needs Policy.ReadWrite.ConditionalAccess and Policy.Read.All.
  "Policy.Read.All": { names: undefined },
  "Policy.ReadWrite.ConditionalAccess": { names: undefined },
  "Policy.ReadWrite.AuthenticationMethod": { names: "Policy.ReadWrite.AuthenticationMethod" },
  // The profile's name lookup (a GET) fails first: its least permission is the read one.
  "DeviceManagementConfiguration.ReadWrite.All": { names: "DeviceManagementConfiguration.Read.All" },
  // The group name guard's GET fails first.
  "Group.ReadWrite.All": { names: "GroupMember.Read.All" },
  // autopilot.existingGroupId: up never reads the group unless Intune refuses it (assignPolicy.ts).
  "GroupMember.Read.All": "up succeeds",
};

interface Variant {
  name: string;
  config: (ids: TenantIds) => StackConfig;
  /** What the stack creates with this config. */
  resources: string[];
  /** Where this config's first refused request differs from WITHOUT's. */
  without?: typeof WITHOUT;
}

const VARIANTS: Variant[] = [
  {
    name: "default config",
    config: (ids) => stackConfig(ids),
    resources: [CA_GUARD, GROUP_GUARD, TAP, CA, GROUP, PROFILE, ASSIGNMENT],
  },
  {
    name: "autopilot.existingGroupId",
    config: (ids) =>
      stackConfig(ids, {
        autopilot: {
          groupDisplayName: "Autopilot devices (scenario)",
          existingGroupId: ids.existingDeviceGroupId,
        },
      }),
    resources: [CA_GUARD, TAP, CA, PROFILE, ASSIGNMENT],
  },
  {
    name: "TAP only (registrationPolicy and webSignIn not managed)",
    config: (ids) => {
      const { autopilot: _autopilot, ...config } = stackConfig(ids, {
        registrationPolicy: { manage: false },
        webSignIn: { manage: false },
      });
      return config;
    },
    resources: [TAP],
    // The TAP policy's read is the first request; Graph lets either permission make it.
    without: {
      "Policy.ReadWrite.AuthenticationMethod": {
        names: "Policy.Read.All or Policy.ReadWrite.AuthenticationMethod",
      },
    },
  },
];

function withoutFor(variant: Variant, permission: string): (typeof WITHOUT)[string] {
  return variant.without?.[permission] ?? WITHOUT[permission];
}

function deployerSet(config: StackConfig): string[] {
  return stackPermissions(permissionInput(parseSettings(config))).map((need) => need.permission);
}

function readerSet(config: StackConfig): string[] {
  return stackReadPermissions(permissionInput(parseSettings(config))).map((need) => need.permission);
}

/** Requests the sandbox refused with 403 since its log was last cleared, as `METHOD path`. */
function refused(sandbox: Sandbox): string[] {
  return sandbox
    .graphRequests()
    .filter((request) => request.status === 403)
    .map((request) => `${request.method} ${request.path}`);
}

function expectNoRefusal(sandbox: Sandbox, step: string): void {
  assert.deepEqual(refused(sandbox), [], `${step}: Graph refused requests for lack of a permission`);
}

/** A fresh tenant (the sandbox reset, its seed objects made again) and a fresh (empty) stack state. */
function freshTenant(s: Scenario, sandbox: Sandbox): TenantIds {
  rmSync(s.offline?.stateFile as string, { force: true });
  return seedScenarioTenant(sandbox);
}

describe("whole deployment: the computed least-privilege permission sets", function () {
  const scenario = useScenario(this, { offlineOnly: "sets the Graph sandbox's grant and reads its log" });
  let grantBefore: string[] = [];
  const sandboxOf = (s: Scenario): Sandbox => s.sandbox as Sandbox;

  before(function () {
    grantBefore = sandboxOf(scenario()).permissions();
  });
  after(function () {
    // The sandbox is shared with the other scenarios of this process: give the grant back.
    scenario().sandbox?.setPermissions(...grantBefore);
  });

  it("the sets: Group.ReadWrite.All only when the stack makes the group, the TAP policy's alone for TAP only; the reader holds no write", () => {
    const ids = scenario().ids;
    const [plain, existing, tapOnly] = VARIANTS.map((variant) => variant.config(ids));
    assert.deepEqual(deployerSet(plain), [
      "Policy.ReadWrite.AuthenticationMethod",
      "Policy.Read.All",
      "Policy.ReadWrite.ConditionalAccess",
      "DeviceManagementConfiguration.ReadWrite.All",
      "Group.ReadWrite.All",
    ]);
    assert.deepEqual(deployerSet(existing), [
      "Policy.ReadWrite.AuthenticationMethod",
      "Policy.Read.All",
      "Policy.ReadWrite.ConditionalAccess",
      "DeviceManagementConfiguration.ReadWrite.All",
      "GroupMember.Read.All",
    ]);
    assert.deepEqual(readerSet(plain), [
      "Policy.Read.All",
      "DeviceManagementConfiguration.Read.All",
      "GroupMember.Read.All",
    ]);
    assert.deepEqual(readerSet(existing), readerSet(plain));
    assert.deepEqual(deployerSet(tapOnly), ["Policy.ReadWrite.AuthenticationMethod"]);
    assert.deepEqual(readerSet(tapOnly), ["Policy.Read.All"]);
    for (const config of [plain, existing, tapOnly])
      assert.deepEqual(
        readerSet(config).filter(isWritePermission),
        [],
        "the reader holds a write permission",
      );
  });

  for (const variant of VARIANTS) {
    it(`deployer, ${variant.name}: up, preview, up --refresh after a portal edit, destroy with exactly the computed set and no 403`, async () => {
      const s = scenario();
      const sandbox = sandboxOf(s);
      const ids = freshTenant(s, sandbox);
      const config = variant.config(ids);
      sandbox.setPermissions(...deployerSet(config));

      expectChanges(
        await s.driver.up(config),
        variant.resources.map((name) => ({ op: "create" as const, name })),
      );
      expectNoRefusal(sandbox, "up");
      await expectEmptyPreview(s, config);
      expectNoRefusal(sandbox, "preview");

      // A portal edit (made outside Graph's permission check, as another admin would).
      sandbox.setTap({ maximumLifetimeInMinutes: 720 });
      sandbox.clearLog();
      expectChanges(await s.driver.up(config, { refresh: true }), [
        { op: "update", name: TAP, diffs: ["maximumLifetimeInMinutes"] },
      ]);
      expectNoRefusal(sandbox, "up --refresh");
      assert.equal(sandbox.tap().maximumLifetimeInMinutes, 480);

      sandbox.clearLog();
      expectChanges(
        await s.driver.destroy(config),
        variant.resources.map((name) => ({ op: "delete" as const, name })),
      );
      expectNoRefusal(sandbox, "destroy");
    });
  }

  /** Each permission of each variant's set, removed alone (a permission both sets hold is tried once). */
  const cases: { variant: Variant; permission: string }[] = [];
  {
    const probe: TenantIds = {
      newHiresGroupId: randomUUID(),
      existingDeviceGroupId: randomUUID(),
      breakGlassUserIds: [randomUUID(), randomUUID()],
    };
    const tried = new Set<string>();
    for (const variant of VARIANTS) {
      for (const permission of deployerSet(variant.config(probe))) {
        const key = `${permission} ${JSON.stringify(withoutFor(variant, permission))}`;
        if (tried.has(key)) continue;
        tried.add(key);
        cases.push({ variant, permission });
      }
    }
  }

  for (const { variant, permission } of cases) {
    const expected = withoutFor(variant, permission);
    it(`deployer, ${variant.name}, without ${permission}: ${expected === "up succeeds" ? "the up still succeeds (finding)" : "the first up fails on a 403 and the error shows what to grant"}`, async () => {
      const s = scenario();
      const sandbox = sandboxOf(s);
      const ids = freshTenant(s, sandbox);
      const config = variant.config(ids);
      sandbox.setPermissions(...deployerSet(config).filter((p) => p !== permission));

      const result = await s.driver.up(config);
      if (expected === "up succeeds") {
        // The only read of the existing group is assignPolicy's diagnostic after Intune refuses it.
        assert.equal(result.error, undefined);
        assert.deepEqual(refused(sandbox), []);
        return;
      }
      assert.equal(result.ok, false, `up succeeded without ${permission}`);
      const denied = sandbox.graphRequests().filter((request) => request.status === 403);
      assert.ok(denied.length > 0, `the up failed, but not on a 403: ${result.error}`);
      // The permission table gives each refused request a permission the removed one satisfies.
      for (const request of denied) {
        const hint = requiredPermission(request.method, request.path) ?? "";
        const accepted = [
          ...hint.split(" and ").flatMap((part) => satisfyingPermissions(part.trim())),
          ...alsoAcceptedPermissions(request.method, request.path),
        ];
        assert.ok(
          accepted.includes(permission),
          `${request.method} ${request.path}: the table says ${hint || "nothing"}, not ${permission}`,
        );
      }
      const error = String(result.error);
      const line = errorLine(error);
      console.log(`      without ${permission}: ${line}`);
      if (expected.names === undefined) {
        // azuread's own text (terraform-provider-azuread + go-azure-sdk): it names no permission.
        assert.match(error, /^azuread:index\//);
        assert.match(
          error,
          /unexpected status 403 \(403 Forbidden\) with error: Authorization_RequestDenied/,
        );
      } else {
        assert.ok(
          error.includes(`The app needs ${expected.names}.`),
          `the error does not name ${expected.names}:\n${error}`,
        );
        assert.ok(
          expected.names.split(" or ").some((name) => satisfyingPermissions(name).includes(permission)),
        );
      }
    });
  }

  it("reader: exactly the computed read set runs preview --refresh and refresh of a deployed stack, no 403, no write", async () => {
    const s = scenario();
    const sandbox = sandboxOf(s);
    const ids = freshTenant(s, sandbox);
    const config = VARIANTS[0].config(ids);
    sandbox.setPermissions(...deployerSet(config));
    expectChanges(
      await s.driver.up(config),
      VARIANTS[0].resources.map((name) => ({ op: "create" as const, name })),
    );

    const reader = readerSet(config);
    assert.deepEqual(reader.filter(isWritePermission), []);
    sandbox.setPermissions(...reader);
    assert.deepEqual(
      sandbox.permissions().filter(isWritePermission),
      [],
      "the reader holds a write permission",
    );

    sandbox.clearLog();
    expectChanges(await s.driver.preview(config, { refresh: true }), []);
    expectNoRefusal(sandbox, "preview --refresh");
    assert.deepEqual(graphWrites(s), [], "preview --refresh wrote to Graph");

    sandbox.clearLog();
    expectChanges(await s.driver.refresh(config), []);
    expectNoRefusal(sandbox, "refresh");
    assert.deepEqual(graphWrites(s), [], "refresh wrote to Graph");
  });
});

/** A (multi-line) error on one line. */
function errorLine(error: string): string {
  return error
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
}
