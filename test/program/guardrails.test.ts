import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { parseSettings } from "../../infra/config";
import { resolveReferences } from "../../infra/references/resolveReferences";
import { evaluateGuardrails } from "../../policies/guardrails";
import {
  PROJECT_NAME,
  loadStackConfig,
  runProgram,
  type ProgramRun,
  type RecordedResource,
} from "./runProgram";

const NEW_JOINERS_GROUP_ID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
const BREAK_GLASS_USER_ID = "1f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7b";

interface RuntimeSettings {
  waitForRPCs(): Promise<void>;
}
const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as RuntimeSettings;

/**
 * Without an engine (as under mocks) pulumi.log.info/warn print `info: [runtime] …` /
 * `warning: [runtime] …` to the console; capture the guardrail lines while the program runs.
 */
async function capturingGuardrailLog<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const original = { log: console.log, warn: console.warn };
  const capture =
    (passThrough: (...args: unknown[]) => void) =>
    (...args: unknown[]): void => {
      const text = args.map(String).join(" ");
      if (/^(info|warning): \[runtime\] Guardrail /.test(text)) lines.push(text);
      else passThrough(...args);
    };
  console.log = capture(original.log);
  console.warn = capture(original.warn);
  try {
    return { result: await run(), lines };
  } finally {
    console.log = original.log;
    console.warn = original.warn;
  }
}

/** Full-key stack config without namespaces, as parseSettings takes it. */
function namespaceKeys(config: Record<string, unknown>): Record<string, unknown> {
  const prefix = `${PROJECT_NAME}:`;
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

const oneTimePassConfig = {
  temporaryAccessPass: { isUsableOnce: true, includeGroupIds: [NEW_JOINERS_GROUP_ID] },
  registrationPolicy: { state: "enabled", breakGlassUserIds: [BREAK_GLASS_USER_ID] },
};

describe("program guardrails", () => {
  it("stops the program on an error guardrail before any resource is registered", async () => {
    const declared: RecordedResource[] = [];
    const failure = await runProgram(oneTimePassConfig, {
      onResource: (resource) => declared.push(resource),
    }).then(
      () => assert.fail("the program should have been stopped by PO-TAP-001"),
      (error: unknown) => error,
    );
    // Registration is asynchronous: let anything the program started reach the mock monitor.
    await runtimeSettings.waitForRPCs();

    assert.ok(failure instanceof pulumi.RunError, `expected a RunError, got ${String(failure)}`);
    const lines = failure.message.split("\n");
    assert.equal(
      lines[0],
      "Guardrails stopped the program before any resource was declared (1 blocking finding):",
    );
    assert.match(lines[1], /^PO-TAP-001 \(error\): The Temporary Access Pass is limited to one use/);
    assert.match(lines[2], /^ {2}why: /);
    assert.match(lines[3], /^ {2}found: temporaryAccessPass\.isUsableOnce is true/);
    assert.deepEqual(
      declared.map((resource) => `${resource.type} ${resource.name}`),
      [],
    );
  });

  it("stops the program when a suppression names an unknown rule", async () => {
    await assert.rejects(
      runProgram({
        ...oneTimePassConfig,
        temporaryAccessPass: { includeGroupIds: [NEW_JOINERS_GROUP_ID] },
        guardrails: { suppress: { "PO-TAP-042": "typo" } },
      }),
      /guardrail configuration: guardrails\.suppress\.PO-TAP-042: suppressing an unknown guardrail rule id/,
    );
  });

  it("lets a suppressed error through, declares the resources and reports the reason as info", async () => {
    const reason = "Shared kiosk pilot: IT enrolls the devices with a pass it issues per sign-in.";
    const { result, lines } = await capturingGuardrailLog(() =>
      runProgram({ ...oneTimePassConfig, guardrails: { suppress: { "PO-TAP-001": reason } } }),
    );
    const tapPolicy = result.resources.find(
      (resource) => resource.type === "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy",
    );
    assert.equal(
      tapPolicy?.inputs.isUsableOnce,
      true,
      "the TAP policy is declared with the suppressed setting",
    );
    assert.equal(lines.length, 1, lines.join("\n---\n"));
    assert.match(lines[0], /^info: \[runtime\] Guardrail PO-TAP-001 \(error, suppressed\): /);
    assert.ok(lines[0].endsWith(`\n  reason: ${reason}`), lines[0]);
  });

  it("reports warnings with pulumi.log.warn and still declares the resources", async () => {
    const { result, lines } = await capturingGuardrailLog(() =>
      runProgram({ temporaryAccessPass: { includeGroupIds: ["all_users"] } }),
    );
    assert.ok(result.resources.length > 0);
    assert.deepEqual(
      lines.map((line) => line.split("\n")[0]),
      [
        "warning: [runtime] Guardrail PO-TAP-004 (warning): Any user in the tenant can be issued a Temporary Access Pass.",
      ],
    );
  });

  describe("the example dev stack (Pulumi.dev.yaml)", () => {
    const devConfig = loadStackConfig("Pulumi.dev.yaml");

    it("passes every guardrail without suppressing any", async () => {
      // The example names every group and user by object id: nothing to look up.
      const noLookups = {
        group: () => assert.fail("no group lookup"),
        user: () => assert.fail("no user lookup"),
      };
      const settings = await resolveReferences(parseSettings(namespaceKeys(devConfig)), noLookups);
      assert.deepEqual(settings.guardrails.suppress, {});
      assert.deepEqual(evaluateGuardrails(settings), {
        errors: [],
        warnings: [],
        suppressed: [],
        problems: [],
      });
    });

    it("runs without any guardrail output", async () => {
      const { result, lines }: { result: ProgramRun; lines: string[] } = await capturingGuardrailLog(() =>
        runProgram(devConfig),
      );
      assert.deepEqual(lines, []);
      assert.ok(result.resources.length > 0);
    });
  });
});
