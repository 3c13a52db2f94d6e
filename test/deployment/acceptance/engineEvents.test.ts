import { strict as assert } from "node:assert";
import { DiffKind, type EngineEvent } from "@pulumi/pulumi/automation";
import { PASSWORDLESS_ONBOARDING_TYPE } from "../../../infra/onboarding";
import type { ResourceChange } from "../driver";
import {
  ChangeRecorder,
  isReportedType,
  logicalName,
  ONBOARDING_COMPONENT_TYPE,
  stripFormatting,
} from "./engineEvents";
import { EventLog, RESOURCES, SERIALIZED_PROVIDER, step, TAP_INPUTS } from "./recordedEvents";

const { stack, component, nodejsProvider, azureadProvider, tapPolicy, registrationPolicy } = RESOURCES;
const { autopilotGroup, webSignIn, assignment } = RESOURCES;

const CA_INPUTS = {
  displayName: "Require MFA to register security info",
  state: "enabledForReportingButNotEnforced",
  conditions: { clientAppTypes: ["all"], users: { includedUsers: ["All"] } },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
};
const GROUP_INPUTS = {
  displayName: "Autopilot devices (acceptance)",
  mailEnabled: false,
  securityEnabled: true,
  types: ["DynamicMembership"],
  dynamicMembership: { enabled: true, rule: '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))' },
};
const WEB_SIGN_IN_INPUTS = {
  __provider: SERIALIZED_PROVIDER,
  name: "Windows - Enable Web Sign-in (acceptance)",
  description: "Lets Autopilot devices accept a Temporary Access Pass.",
  platforms: "windows10",
  technologies: "mdm",
};
const ASSIGNMENT_INPUTS = {
  __provider: SERIALIZED_PROVIDER,
  policyId: "4e0c9a1b-7d2f-4b8e-a3c5-91f6d2e07b48",
  assignments: [{ target: "group", groupId: "a3d9f0e2-6c41-4b7a-9e15-2f8c0d7b6a19" }],
};

/** The five objects in the order the program declares them, with the inputs a first `up` sends. */
const DECLARED = [
  { resource: tapPolicy, inputs: TAP_INPUTS },
  { resource: registrationPolicy, inputs: CA_INPUTS },
  { resource: autopilotGroup, inputs: GROUP_INPUTS },
  { resource: webSignIn, inputs: WEB_SIGN_IN_INPUTS },
  { resource: assignment, inputs: ASSIGNMENT_INPUTS },
];

function record(events: EngineEvent[]): ChangeRecorder {
  const recorder = new ChangeRecorder();
  for (const event of events) recorder.onEvent(event);
  return recorder;
}

function changesOf(log: EventLog): ResourceChange[] {
  return record(log.events).changes();
}

function change(resource: { type: string; name: string }, op: ResourceChange["op"], diffs: string[] = []) {
  return { type: resource.type, name: resource.name, op, diffs };
}

/** The engine's steps for the stack, its providers and the component, which the driver leaves out. */
function plumbing(log: EventLog, op: "create" | "same" | "refresh", planning = false): EventLog {
  const states = op === "create" ? { new: {} } : { old: {}, new: {} };
  return log
    .pre(step(op, stack, states), planning)
    .both(step(op, nodejsProvider, states), planning)
    .pre(step(op, component, states), planning)
    .both(step(op, azureadProvider, states), planning);
}

describe("acceptance driver: engine events -> resource changes", () => {
  it("lists each object a first up creates, in the order the engine stepped, without stack, providers and component", () => {
    const log = plumbing(new EventLog().prelude(), "create");
    for (const { resource, inputs } of DECLARED) {
      log.both(step("create", resource, { new: { inputs, outputs: inputs } }));
    }
    log.outputs(step("create", component, { new: {} })).outputs(step("create", stack, { new: {} }));
    log.summary({ create: 8 });

    assert.deepEqual(
      changesOf(log),
      DECLARED.map(({ resource }) => change(resource, "create")),
    );
  });

  it("names the changed inputs of a dynamic resource (no provider diff), ignoring __provider", () => {
    const log = plumbing(new EventLog(), "same");
    const newTap = {
      ...TAP_INPUTS,
      __provider: `${SERIALIZED_PROVIDER}// new code`,
      maximumLifetimeInMinutes: 240,
    };
    log.both(step("update", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: newTap } }));
    log.both(
      step(
        "update",
        registrationPolicy,
        { old: { inputs: CA_INPUTS }, new: { inputs: { ...CA_INPUTS, state: "enabled" } } },
        { diffs: ["state"], detailedDiff: { state: { diffKind: DiffKind.update, inputDiff: false } } },
      ),
    );
    for (const { resource, inputs } of DECLARED.slice(2)) {
      log.both(step("same", resource, { old: { inputs }, new: { inputs } }));
    }

    assert.deepEqual(changesOf(log), [
      change(tapPolicy, "update", ["maximumLifetimeInMinutes"]),
      change(registrationPolicy, "update", ["state"]),
      change(autopilotGroup, "same"),
      change(webSignIn, "same"),
      change(assignment, "same"),
    ]);
  });

  it("takes the top-level properties of a detailed diff when the step lists no diffs", () => {
    const log = new EventLog().both(
      step(
        "update",
        registrationPolicy,
        { old: { inputs: CA_INPUTS }, new: { inputs: CA_INPUTS } },
        {
          detailedDiff: {
            "conditions.users.excludeUsers[1]": { diffKind: DiffKind.add, inputDiff: true },
            '["grantControls"].builtInControls[0]': { diffKind: DiffKind.update, inputDiff: true },
          },
        },
      ),
    );
    assert.deepEqual(changesOf(log), [change(registrationPolicy, "update", ["conditions", "grantControls"])]);
  });

  it("collapses create-replacement, replace and delete-replaced into one replace entry at its first step", () => {
    const renamed = { ...GROUP_INPUTS, displayName: "Autopilot devices (renamed)", mailNickname: "renamed" };
    const replacement = step(
      "create-replacement",
      autopilotGroup,
      { old: { id: "a3d9f0e2", inputs: GROUP_INPUTS }, new: { inputs: renamed } },
      { keys: ["mailNickname"], diffs: ["displayName", "mailNickname"] },
    );
    const log = plumbing(new EventLog(), "same")
      .both(step("same", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }))
      .both(step("same", registrationPolicy, { old: { inputs: CA_INPUTS }, new: { inputs: CA_INPUTS } }))
      .both(replacement)
      .both({ ...replacement, op: "replace", logical: true })
      .both(
        step("same", webSignIn, { old: { inputs: WEB_SIGN_IN_INPUTS }, new: { inputs: WEB_SIGN_IN_INPUTS } }),
      )
      .both(
        step("update", assignment, {
          old: { inputs: ASSIGNMENT_INPUTS },
          new: { inputs: { ...ASSIGNMENT_INPUTS, assignments: [{ target: "group", groupId: "b71e" }] } },
        }),
      )
      .both(step("delete-replaced", autopilotGroup, { old: { id: "a3d9f0e2", inputs: GROUP_INPUTS } }));

    assert.deepEqual(changesOf(log), [
      change(tapPolicy, "same"),
      change(registrationPolicy, "same"),
      change(autopilotGroup, "replace", ["displayName", "mailNickname"]),
      change(webSignIn, "same"),
      change(assignment, "update", ["assignments"]),
    ]);
  });

  it("compares inputs for a replacement whose steps list no diffs (delete before replace)", () => {
    const renamed = { ...WEB_SIGN_IN_INPUTS, name: "Another name" };
    const states = { old: { inputs: WEB_SIGN_IN_INPUTS }, new: { inputs: renamed } };
    const log = new EventLog()
      .both(step("delete-replaced", webSignIn, { old: { inputs: WEB_SIGN_IN_INPUTS } }))
      .both(step("replace", webSignIn, states, { logical: true }))
      .both(step("create-replacement", webSignIn, states));
    assert.deepEqual(changesOf(log), [change(webSignIn, "replace", ["name"])]);
  });

  it("reads a preview's planning steps the same way", () => {
    const log = plumbing(new EventLog(), "same", true)
      .both(step("same", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }), true)
      .both(
        step("same", registrationPolicy, { old: { inputs: CA_INPUTS }, new: { inputs: CA_INPUTS } }),
        true,
      )
      .both(
        step("same", autopilotGroup, { old: { inputs: GROUP_INPUTS }, new: { inputs: GROUP_INPUTS } }),
        true,
      )
      .both(
        step("update", webSignIn, {
          old: { inputs: WEB_SIGN_IN_INPUTS },
          new: { inputs: { ...WEB_SIGN_IN_INPUTS, description: "changed" } },
        }),
        true,
      )
      .both(
        step("same", assignment, { old: { inputs: ASSIGNMENT_INPUTS }, new: { inputs: ASSIGNMENT_INPUTS } }),
        true,
      )
      .summary({ same: 6, update: 1 });

    assert.deepEqual(changesOf(log), [
      change(tapPolicy, "same"),
      change(registrationPolicy, "same"),
      change(autopilotGroup, "same"),
      change(webSignIn, "update", ["description"]),
      change(assignment, "same"),
    ]);
  });

  describe("refresh", () => {
    /** A refresh as newer engines report it: pre-events with op refresh, outputs with the result op. */
    function refreshLog(
      results: Array<{ op: "same" | "update" | "delete"; metadata: ReturnType<typeof step> }>,
    ) {
      const log = plumbing(new EventLog(), "refresh");
      for (const { metadata } of results) log.pre({ ...metadata, op: "refresh" });
      for (const { op, metadata } of [...results].reverse()) log.outputs({ ...metadata, op });
      return log;
    }

    it("lists every object: refresh with the drifted properties (none if nothing changed), delete if gone", () => {
      const disabled = { ...TAP_INPUTS, state: "disabled" };
      const log = refreshLog([
        {
          op: "update",
          metadata: step("refresh", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: disabled } }),
        },
        {
          op: "update",
          metadata: step(
            "refresh",
            registrationPolicy,
            { old: { inputs: CA_INPUTS }, new: { inputs: { ...CA_INPUTS, conditions: {} } } },
            { diffs: ["conditions"] },
          ),
        },
        {
          op: "same",
          metadata: step("refresh", autopilotGroup, {
            old: { inputs: GROUP_INPUTS },
            new: { inputs: GROUP_INPUTS },
          }),
        },
        {
          op: "delete",
          metadata: step("refresh", webSignIn, { old: { inputs: WEB_SIGN_IN_INPUTS }, new: null }),
        },
        {
          op: "delete",
          metadata: step("refresh", assignment, { old: { inputs: ASSIGNMENT_INPUTS }, new: null }),
        },
      ]).summary({ same: 5, update: 2, delete: 2 });

      assert.deepEqual(changesOf(log), [
        change(tapPolicy, "refresh", ["state"]),
        change(registrationPolicy, "refresh", ["conditions"]),
        change(autopilotGroup, "refresh"),
        change(webSignIn, "delete"),
        change(assignment, "delete"),
      ]);
    });

    it("names changed outputs when the engine saw a change its inputs do not show", () => {
      const log = refreshLog([
        {
          op: "update",
          metadata: step("refresh", tapPolicy, {
            old: { inputs: TAP_INPUTS, outputs: { ...TAP_INPUTS, previous: { state: "disabled" } } },
            new: { inputs: TAP_INPUTS, outputs: { ...TAP_INPUTS, previous: { state: "enabled" } } },
          }),
        },
      ]);
      assert.deepEqual(changesOf(log), [change(tapPolicy, "refresh", ["previous"])]);
    });

    it("compares refreshed with stored inputs when the engine keeps op refresh on the outputs event", () => {
      const log = plumbing(new EventLog(), "refresh")
        .both(step("refresh", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }))
        .both(
          step("refresh", registrationPolicy, {
            old: { inputs: CA_INPUTS },
            new: { inputs: { ...CA_INPUTS, displayName: "Renamed in the portal" } },
          }),
        )
        .both(step("refresh", webSignIn, { old: { inputs: WEB_SIGN_IN_INPUTS }, new: null }));
      assert.deepEqual(changesOf(log), [
        change(tapPolicy, "refresh"),
        change(registrationPolicy, "refresh", ["displayName"]),
        change(webSignIn, "delete"),
      ]);
    });

    it("lists a refresh that never finished (the run failed) as refresh without properties", () => {
      const log = new EventLog()
        .pre(step("refresh", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }))
        .failed(step("refresh", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }));
      assert.deepEqual(changesOf(log), [change(tapPolicy, "refresh")]);
    });

    it("with preview --refresh lists what the refresh found, then what up would do about it", () => {
      const disabled = { ...TAP_INPUTS, state: "disabled" };
      const log = plumbing(new EventLog(), "refresh", true)
        .pre(step("refresh", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: TAP_INPUTS } }), true)
        .pre(
          step("refresh", webSignIn, {
            old: { inputs: WEB_SIGN_IN_INPUTS },
            new: { inputs: WEB_SIGN_IN_INPUTS },
          }),
          true,
        )
        .pre(
          step("refresh", assignment, {
            old: { inputs: ASSIGNMENT_INPUTS },
            new: { inputs: ASSIGNMENT_INPUTS },
          }),
          true,
        )
        .outputs(step("update", tapPolicy, { old: { inputs: TAP_INPUTS }, new: { inputs: disabled } }), true)
        .outputs(step("delete", webSignIn, { old: { inputs: WEB_SIGN_IN_INPUTS }, new: null }), true)
        .outputs(
          step("same", assignment, {
            old: { inputs: ASSIGNMENT_INPUTS },
            new: { inputs: ASSIGNMENT_INPUTS },
          }),
          true,
        )
        .pre(step("same", stack, { old: {}, new: {} }), true)
        .both(step("update", tapPolicy, { old: { inputs: disabled }, new: { inputs: TAP_INPUTS } }), true)
        .both(step("create", webSignIn, { new: { inputs: WEB_SIGN_IN_INPUTS } }), true)
        .both(
          step("same", assignment, {
            old: { inputs: ASSIGNMENT_INPUTS },
            new: { inputs: ASSIGNMENT_INPUTS },
          }),
          true,
        );

      assert.deepEqual(changesOf(log), [
        change(tapPolicy, "refresh", ["state"]),
        change(webSignIn, "delete"),
        change(tapPolicy, "update", ["state"]),
        change(webSignIn, "create"),
        change(assignment, "same"),
      ]);
    });
  });

  it("orders the plan's entries by their first plan step, after the refresh's", () => {
    const states = (inputs: Record<string, unknown>) => ({ old: { inputs }, new: { inputs } });
    const log = new EventLog()
      .both(step("refresh", tapPolicy, states(TAP_INPUTS)))
      .both(step("refresh", registrationPolicy, states(CA_INPUTS)))
      .both(step("create", autopilotGroup, { new: { inputs: GROUP_INPUTS } }))
      .both(step("same", registrationPolicy, states(CA_INPUTS)))
      .both(step("same", tapPolicy, states(TAP_INPUTS)));
    assert.deepEqual(
      changesOf(log).map((c) => `${c.op} ${c.name}`),
      [
        "create onboarding-autopilot-group",
        "same onboarding-registration-policy",
        "same onboarding-tap-policy",
      ],
    );
  });

  it("lists what destroy deletes, children first, as the engine steps", () => {
    const log = new EventLog();
    for (const { resource, inputs } of [...DECLARED].reverse()) {
      log.both(step("delete", resource, { old: { inputs } }));
    }
    log
      .both(step("delete", component, { old: {} }))
      .both(step("delete", azureadProvider, { old: {} }))
      .both(step("delete", nodejsProvider, { old: {} }))
      .both(step("delete", stack, { old: {} }))
      .summary({ delete: 9 });
    assert.deepEqual(
      changesOf(log),
      [...DECLARED].reverse().map(({ resource }) => change(resource, "delete")),
    );
  });

  it("keeps a read step as read and an import as the create it is", () => {
    const log = new EventLog()
      .both(step("read", autopilotGroup, { new: { inputs: GROUP_INPUTS } }))
      .both(step("import", webSignIn, { new: { inputs: WEB_SIGN_IN_INPUTS } }));
    assert.deepEqual(changesOf(log), [change(autopilotGroup, "read"), change(webSignIn, "create")]);
  });

  describe("error diagnostics", () => {
    it("keeps error messages without colour codes, named by resource, once each, without the generic 'update failed'", () => {
      const forbidden =
        "<{%reset%}>POST /beta/deviceManagement/configurationPolicies failed: 403 Forbidden: Application is not authorized " +
        "(request-id 6a1c). The app needs DeviceManagementConfiguration.ReadWrite.All.<{%reset%}>\n";
      const recorder = record(
        new EventLog()
          .diagnostic({ urn: webSignIn.urn, prefix: "error: ", message: forbidden, severity: "error" })
          .diagnostic({ urn: webSignIn.urn, prefix: "error: ", message: forbidden, severity: "error" })
          .diagnostic({ urn: tapPolicy.urn, message: "waiting for Graph\n", severity: "info" })
          .diagnostic({ urn: stack.urn, message: "\u001b[33ma warning\u001b[0m\n", severity: "warning" })
          .diagnostic({
            urn: stack.urn,
            prefix: "error: ",
            message:
              "<{%reset%}>Running program '/work/main/infra/' failed with an unhandled exception:\n" +
              "Error: Invalid stack configuration (1 problem):\n  - passwordless-onboarding:autopilot.groupTag is wrong<{%reset%}>\n",
            severity: "error",
          })
          .diagnostic({
            urn: stack.urn,
            prefix: "error: ",
            message: "<{%reset%}>update failed<{%reset%}>\n",
            severity: "error",
          }).events,
      );
      assert.deepEqual(recorder.errors(), [
        "onboarding-web-sign-in: POST /beta/deviceManagement/configurationPolicies failed: 403 Forbidden: Application is " +
          "not authorized (request-id 6a1c). The app needs DeviceManagementConfiguration.ReadWrite.All.",
        "Running program '/work/main/infra/' failed with an unhandled exception:\n" +
          "Error: Invalid stack configuration (1 problem):\n  - passwordless-onboarding:autopilot.groupTag is wrong",
      ]);
    });
  });

  describe("helpers", () => {
    it("leaves out the stack, every provider and the onboarding component, and nothing else", () => {
      assert.equal(ONBOARDING_COMPONENT_TYPE, PASSWORDLESS_ONBOARDING_TYPE);
      const left = Object.values(RESOURCES).filter((resource) => !isReportedType(resource.type));
      assert.deepEqual(
        left.map((resource) => resource.type),
        [stack.type, component.type, nodejsProvider.type, azureadProvider.type],
      );
      assert.equal(isReportedType("pulumi:providers:azure-native"), false);
    });

    it("takes the logical name from the last part of the URN", () => {
      assert.equal(logicalName(tapPolicy.urn), "onboarding-tap-policy");
      assert.equal(logicalName(stack.urn), "passwordless-onboarding-acceptance");
    });

    it("strips ANSI escapes, hyperlinks and the CLI's colour tags", () => {
      assert.equal(
        stripFormatting(
          "\u001b[31;1merror:\u001b[0m <{%fg 1%}>bad<{%reset%}>\r\n\u001b]8;;https://x\u0007link\u001b]8;;\u0007",
        ),
        "error: bad\nlink",
      );
    });
  });
});
