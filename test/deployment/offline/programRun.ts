/**
 * Runs the real program (infra/index.ts) in this process against an EngineMonitor, as
 * `@pulumi/pulumi`'s cmd/run does against the CLI's monitor: stack config set, the main module
 * required, its exports taken as the stack outputs, and every outstanding RPC awaited.
 *
 * The main module is loaded afresh each run, the modules it imports are kept (see loadProgram).
 * A test may run its own program instead: a function that declares resources with
 * `@pulumi/pulumi` and provider SDKs and returns the stack outputs, called once per run.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadProgram, PROJECT_NAME, toPulumiConfig } from "../../program/runProgram";
import type { EngineMonitor } from "./engineMonitor";

interface RuntimeSettings {
  setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void;
  waitForRPCs(): Promise<void>;
}
interface RuntimeStore {
  getStore(): Record<string, unknown>;
}
const settings = require("@pulumi/pulumi/runtime/settings") as RuntimeSettings;
const runtimeState = require("@pulumi/pulumi/runtime/state") as RuntimeStore;

/** A program as a function: declares resources when called, returns the stack outputs. */
export type ProgramFunction = () => Record<string, unknown>;

export interface ProgramResult {
  /** The program's exports, resolved (empty for a preview, where they may be unknown). */
  outputs: Record<string, unknown>;
  /** The program's own failure (config validation, guardrails, an unhandled exception), if any. */
  error?: Error;
}

/** The same runtime capabilities `pulumi.runtime.setMocks` declares, so the SDK serializes as it does there. */
function declareCapabilities(): void {
  Object.assign(runtimeState.getStore(), {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsAliasSpecs: true,
    supportsTransforms: false,
  });
}

async function resolved(value: unknown): Promise<unknown> {
  if (!pulumi.Output.isInstance(value)) return value;
  return (value as unknown as { promise(): Promise<unknown> }).promise();
}

export async function runProgram(
  monitor: EngineMonitor,
  options: {
    stack: string;
    config: Record<string, unknown>;
    secretKeys: string[];
    preview: boolean;
    /** Runs this instead of infra/index.ts. */
    program?: ProgramFunction;
  },
): Promise<ProgramResult> {
  settings.setMockOptions(monitor, PROJECT_NAME, options.stack, options.preview);
  declareCapabilities();
  pulumi.runtime.setAllConfig(toPulumiConfig(options.config), options.secretKeys);
  const outputs: Record<string, unknown> = {};
  let error: Error | undefined;
  const errorClass = Error as { prepareStackTrace?: unknown };
  const mappedStackTraces = errorClass.prepareStackTrace;
  try {
    // The SDK reads a full stack trace for every resource it registers (its source position);
    // ts-node's source-map support maps each frame of it, which made up a fifth of a test
    // deployment's time. The engine monitor ignores source positions, so V8's own format serves.
    delete errorClass.prepareStackTrace;
    const exports = options.program ? options.program() : loadProgram();
    // The runtime waits for the stack's exports in a preview too (the root Stack resource's
    // registerOutputs serializes them, @pulumi/pulumi runtime/stack.js): a program that declares
    // its resources once an invoke has answered is only complete then.
    for (const [name, value] of Object.entries(exports)) {
      const output = await resolved(value);
      if (!options.preview) outputs[name] = output;
    }
  } catch (thrown) {
    error = thrown instanceof Error ? thrown : new Error(String(thrown));
  }
  try {
    await settings.waitForRPCs();
  } catch (thrown) {
    error ??= thrown instanceof Error ? thrown : new Error(String(thrown));
  } finally {
    errorClass.prepareStackTrace = mappedStackTraces;
  }
  return { outputs, error };
}
