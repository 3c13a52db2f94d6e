/**
 * Runs the real program (infra/index.ts, or another project's main module such as
 * examples/fleet/index.ts) in this process against an EngineMonitor, as `@pulumi/pulumi`'s cmd/run
 * does against the CLI's monitor: stack config set, the main module required, its exports taken
 * as the stack outputs, and every outstanding RPC awaited.
 *
 * The main module is loaded afresh each run, the modules it imports are kept (see loadProgram).
 * A test may run its own program instead: a function that declares resources with
 * `@pulumi/pulumi` and provider SDKs and returns the stack outputs, called once per run.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadProgram, toPulumiConfig } from "../../program/runProgram";
import type { EngineMonitor } from "./engineMonitor";
import { ROOT_PROJECT, type ProgramProject } from "./project";

interface RuntimeSettings {
  setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void;
  waitForRPCs(): Promise<void>;
}
interface RuntimeStore {
  getStore(): Record<string, unknown>;
}
const settings = require("@pulumi/pulumi/runtime/settings") as RuntimeSettings;
const runtimeState = require("@pulumi/pulumi/runtime/state") as RuntimeStore;
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises(): unknown };

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

/**
 * An export's value with every Output in it resolved, however deep (the fleet example exports an
 * object of Outputs per tenant), as the stack's registerOutputs serializes its exports
 * (@pulumi/pulumi runtime/stack.js, rpc.js serializeProperty).
 */
async function resolved(value: unknown): Promise<unknown> {
  if (!pulumi.Output.isInstance(value) && (typeof value !== "object" || value === null)) return value;
  return (pulumi.output(value) as unknown as { promise(): Promise<unknown> }).promise();
}

/** What the program runs with: the stack, its config and secret keys, and preview or update. */
interface ProgramRunOptions {
  stack: string;
  config: Record<string, unknown>;
  secretKeys: string[];
  preview: boolean;
  /** Runs this instead of the project's main module. */
  program?: ProgramFunction;
  /** The project (its name and main module); default this repository's. */
  project?: ProgramProject;
}

export async function runProgram(
  monitor: EngineMonitor,
  options: ProgramRunOptions & {
    /**
     * The CLI's environment beyond the test process's (the Graph identity). The engine starts the
     * language host, like every plugin, through `ExecPlugin` with the CLI's whole `os.Environ()`
     * (pulumi/pulumi sdk/go/common/resource/plugin/plugin.go:500-515 @ v3.248.0; see
     * pulumi-dynamic-host-facts.md §1.3), and the program inherits it, so the program's own Graph
     * calls (infra/native/programGraphClient.ts) sign in as the providers do. Set in
     * `process.env` for the run, then restored.
     */
    env?: Record<string, string>;
  },
): Promise<ProgramResult> {
  const restoreEnvironment = setEnvironment(options.env ?? {});
  try {
    return await runWithRuntime(monitor, options);
  } finally {
    restoreEnvironment();
  }
}

/** Sets `env` in `process.env`; returns what puts the previous values back. */
function setEnvironment(env: Record<string, string>): () => void {
  const previous = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

async function runWithRuntime(monitor: EngineMonitor, options: ProgramRunOptions): Promise<ProgramResult> {
  const project = options.project ?? ROOT_PROJECT;
  settings.setMockOptions(monitor, project.name, options.stack, options.preview);
  declareCapabilities();
  pulumi.runtime.setAllConfig(toPulumiConfig(options.config), options.secretKeys);
  const outputs: Record<string, unknown> = {};
  let error: Error | undefined;
  // The language host reports an unhandled rejection as the program's failure
  // (@pulumi/pulumi cmd/run/run.js:368-408) and exits once its event loop is empty, without waiting
  // for outputs that can no longer settle: the SDK never settles those of a resource whose
  // dependency failed to register (runtime/resource.js registerResource rethrows instead). The
  // program's first unhandled rejection therefore ends the wait for its exports here.
  let failProgram: (reason: Error) => void = () => undefined;
  const programFailed = new Promise<never>((_resolve, reject) => (failProgram = reject));
  programFailed.catch(() => undefined);
  const onUnhandledRejection = (reason: unknown) =>
    failProgram(reason instanceof Error ? reason : new Error(String(reason)));
  process.on("unhandledRejection", onUnhandledRejection);
  const errorClass = Error as { prepareStackTrace?: unknown };
  const mappedStackTraces = errorClass.prepareStackTrace;
  try {
    // The SDK reads a full stack trace for every resource it registers (its source position);
    // ts-node's source-map support maps each frame of it, which made up a fifth of a test
    // deployment's time. The engine monitor ignores source positions, so V8's own format serves.
    delete errorClass.prepareStackTrace;
    const exports = options.program ? options.program() : loadProgram(project.main);
    // The runtime waits for the stack's exports in a preview too (the root Stack resource's
    // registerOutputs serializes them, @pulumi/pulumi runtime/stack.js): a program that declares
    // its resources once an invoke has answered is only complete then.
    for (const [name, value] of Object.entries(exports)) {
      const output = await Promise.race([resolved(value), programFailed]);
      if (!options.preview) outputs[name] = output;
    }
  } catch (thrown) {
    error = thrown instanceof Error ? thrown : new Error(String(thrown));
  }
  try {
    // A failed program may leave RPCs that never end (a component's registerOutputs waiting for
    // outputs nothing will settle); the language host then exits once its event loop is empty,
    // which here is when the monitor has nothing left to answer.
    const rpcs = settings.waitForRPCs();
    await (error ? Promise.race([rpcs, monitor.quiescent()]) : rpcs);
  } catch (thrown) {
    error ??= thrown instanceof Error ? thrown : new Error(String(thrown));
  } finally {
    errorClass.prepareStackTrace = mappedStackTraces;
    process.off("unhandledRejection", onUnhandledRejection);
  }
  // A failed program leaves promises that never settle; the language host checks for leaked
  // promises only when the program did not fail (runtime/debuggable.js:87-101), so they are
  // dropped here rather than reported when the test process exits.
  if (error) debuggable.leakedPromises();
  return { outputs, error };
}
