/**
 * The program's duplicate-name guards under Pulumi's mocks: one DisplayNameGuard per object the
 * stack may create, registered before any resource that writes to the tenant, and every such
 * resource depending on all of them (so a failing guard stops `up --skip-preview` before any write).
 */
import { strict as assert } from "node:assert";
import {
  CONDITIONAL_ACCESS_POLICY_TYPE,
  CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
  DISPLAY_NAME_GUARD_TYPE,
  GROUP_TYPE,
  SETTINGS_CATALOG_POLICY_TYPE,
  TAP_POLICY_TYPE,
} from "./providerMocks";
import { loadStackConfig, runProgram, type ProgramRun, type RecordedResource } from "./runProgram";

const WRITING_TYPES = [
  TAP_POLICY_TYPE,
  CONDITIONAL_ACCESS_POLICY_TYPE,
  GROUP_TYPE,
  SETTINGS_CATALOG_POLICY_TYPE,
  CONFIGURATION_POLICY_ASSIGNMENT_TYPE,
];
const POLICY_GUARD = { type: DISPLAY_NAME_GUARD_TYPE, name: "onboarding-registration-policy-guard" };
const GROUP_GUARD = { type: DISPLAY_NAME_GUARD_TYPE, name: "onboarding-autopilot-group-guard" };
const EXISTING_GROUP = "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01";

function guardInputs(resource: RecordedResource): Record<string, unknown> {
  const { objectType, displayName, adopt } = resource.inputs;
  return { objectType, displayName, adopt };
}

describe("the program's duplicate-name guards (Pulumi.dev.yaml)", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram(loadStackConfig("Pulumi.dev.yaml"));
  });

  it("declares a guard for the policy and one for the group, with the names they will be created with", () => {
    const guards = run.resources.filter((r) => r.type === DISPLAY_NAME_GUARD_TYPE);
    assert.deepEqual(
      guards.map((g) => ({ name: g.name, inputs: guardInputs(g), parent: g.parent })),
      [
        {
          name: POLICY_GUARD.name,
          inputs: {
            objectType: "conditionalAccessPolicy",
            displayName: "Require MFA to register security info",
            adopt: false,
          },
          parent: { type: "passwordless:onboarding:PasswordlessOnboarding", name: "onboarding" },
        },
        {
          name: GROUP_GUARD.name,
          inputs: { objectType: "group", displayName: "Autopilot devices (dev)", adopt: false },
          parent: { type: "passwordless:onboarding:PasswordlessOnboarding", name: "onboarding" },
        },
      ],
    );
  });

  it("registers the guards before every resource that writes to the tenant", () => {
    const order = run.resources.map((r) => r.name);
    const lastGuard = Math.max(order.indexOf(POLICY_GUARD.name), order.indexOf(GROUP_GUARD.name));
    const writers = run.resources.filter((r) => WRITING_TYPES.includes(r.type));
    assert.equal(writers.length, 5);
    for (const writer of writers) {
      assert.ok(
        order.indexOf(writer.name) > lastGuard,
        `${writer.name} registered before a guard: ${order.join(", ")}`,
      );
    }
  });

  it("makes every resource that writes to the tenant depend on both guards", () => {
    for (const writer of run.resources.filter((r) => WRITING_TYPES.includes(r.type))) {
      assert.ok(
        [POLICY_GUARD, GROUP_GUARD].every((guard) =>
          writer.dependsOn.some((d) => d.type === guard.type && d.name === guard.name),
        ),
        `${writer.name} depends on ${JSON.stringify(writer.dependsOn)}`,
      );
    }
  });

  it("gives the guards no dependency of their own, and imports nothing without adoptExisting", () => {
    for (const guard of run.resources.filter((r) => r.type === DISPLAY_NAME_GUARD_TYPE)) {
      assert.deepEqual(guard.dependsOn, []);
    }
    assert.deepEqual(
      run.resources.filter((r) => r.importId !== undefined),
      [],
    );
  });
});

describe("the program's guards with an existing Autopilot group", () => {
  it("guards only the policy: no group is created", async () => {
    const run = await runProgram({
      temporaryAccessPass: { includeGroupIds: [EXISTING_GROUP] },
      autopilot: { existingGroupId: EXISTING_GROUP },
    });
    const guards = run.resources.filter((r) => r.type === DISPLAY_NAME_GUARD_TYPE);
    assert.deepEqual(
      guards.map((g) => g.name),
      [POLICY_GUARD.name],
    );
    for (const writer of run.resources.filter((r) => WRITING_TYPES.includes(r.type))) {
      assert.ok(
        writer.dependsOn.some((d) => d.name === POLICY_GUARD.name),
        `${writer.name} depends on ${JSON.stringify(writer.dependsOn)}`,
      );
    }
  });
});
