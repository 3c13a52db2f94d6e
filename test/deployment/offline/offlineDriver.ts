/**
 * The offline deployment driver: runs `up`, `preview`, `preview --refresh`, `refresh` and
 * `destroy` the way the Pulumi CLI runs them, with no CLI:
 *
 * - the real program (infra/index.ts) under the real `@pulumi/pulumi` runtime, registering its
 *   resources with an EngineMonitor (program runs: `up`, `preview`);
 * - dynamic resources through `@pulumi/pulumi`'s own dynamic-provider host, started as the engine
 *   starts the `pulumi-nodejs` plugin: through the `pulumi-resource-pulumi-nodejs` shim, in the
 *   program's `main` directory (infra/), with the CLI's environment plus the variables the engine
 *   adds, one host per operation, configured with the whole stack config;
 * - @pulumi/azuread resources and functions (invokes such as `getGroup`) through the emulation in
 *   test/deployment/azuread/: the default provider's configured from the sandbox, an explicit
 *   `azuread.Provider`'s from its own inputs (providerRegistry.ts, explicitAzuread.ts);
 * - everything against the Graph sandbox, with the stack's state kept in a JSON file between runs.
 *
 * Instead of infra/index.ts a test can run another project's main module (`project`, e.g. the
 * fleet example, read with readProject) or its own program (`program`): a function that declares
 * resources, e.g. with the `import` option, and returns the stack outputs. The dynamic-provider
 * host of an operation is then started only when a dynamic resource needs it (as the engine
 * loads a provider plugin when the first resource of its package registers); for the real
 * program, which always has dynamic resources, it is taken when the operation starts, so its
 * start-up overlaps the program's.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Sandbox } from "../../sandbox";
import { resourceRef, type ProviderHost } from "../../engine/providerHost";
import { toPulumiConfig } from "../../program/runProgram";
import type * as azureadEmulation from "../azuread";
import type { DeploymentDriver, ResourceChange, RunResult, StackConfig } from "../driver";
import type { NativeProvider, PropertyMap } from "../nativeProvider";
import { changedInputs, DeploymentPlan, stepError, type PluginFor } from "./deploymentPlan";
import { EngineMonitor, ProviderInvokeError, type Invoker } from "./engineMonitor";
import { azureadPackage } from "./explicitAzuread";
import { HostPool } from "./hostPool";
import type { NativeFunction } from "./nativeFunction";
import { runProgram, type ProgramFunction } from "./programRun";
import { ROOT_PROJECT, type ProgramProject } from "./project";
import { ProviderRegistry } from "./providerRegistry";
import { isProviderType } from "./providerResources";
import { dynamicPlugin, nativePlugin, StepFailure, type ResourcePlugin } from "./resourcePlugin";
import { deletionOrder, loadState, saveState, type ResourceRecord, type StackState } from "./stackState";

const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";
/** Stack config keys Pulumi treats as secrets in these runs (their values never reach state). */
const SECRET_KEYS = ["azuread:clientSecret"];

export interface OfflineDriverOptions {
  sandbox: Sandbox;
  /** Stack name; default `offline`. */
  stack?: string;
  /** Where the state file lives; default a new temporary directory. */
  stateFile?: string;
  /** Multiplies the azuread provider's waits and polls (default 0.001: its 5 s polls take 5 ms). */
  timeScale?: number;
  /** Extra environment for the provider host, over the sandbox's connection settings. */
  hostEnv?: Record<string, string>;
  /** Provider host processes shared with other drivers on the same sandbox; default a pool of its own. */
  hosts?: HostPool;
  /** Providers run in-process, by type token; default the @pulumi/azuread emulation. */
  nativeProviders?: Map<string, NativeProvider>;
  /** Provider functions (invokes) run in-process, by token; default the @pulumi/azuread emulation's. */
  nativeFunctions?: Map<string, NativeFunction>;
  /** The program to run instead of the project's main module (see runProgram in programRun.ts). */
  program?: ProgramFunction;
  /**
   * The project run (default this repository's: infra/index.ts): its name goes into the URNs, its
   * main module is the program, its directory is where the provider hosts start. Give `hosts`
   * made for the same project.
   */
  project?: ProgramProject;
}

/** The providers of one operation: the resource provider of each resource, the functions of each invoke. */
interface OperationProviders {
  pluginFor: PluginFor;
  functionFor(token: string, provider: string | undefined): NativeFunction | undefined;
}

export class OfflineDriver implements DeploymentDriver {
  readonly name = "offline";
  readonly stateFile: string;
  private readonly stack: string;
  private readonly ownedDir?: string;
  private readonly azuread: Map<string, NativeProvider>;
  private readonly functions: Map<string, NativeFunction>;
  private readonly program?: ProgramFunction;
  private readonly project: ProgramProject;
  private readonly timeScale: number;
  private readonly hosts: HostPool;
  private readonly ownsHosts: boolean;
  /** The Graph identity in the CLI's environment: the program runs with it, as the hosts do. */
  private readonly cliEnv: Record<string, string>;
  /** Every step of the last run, provider resources included. */
  private lastSteps: ResourceChange[] = [];

  constructor(options: OfflineDriverOptions) {
    this.stack = options.stack ?? "offline";
    if (options.stateFile) this.stateFile = options.stateFile;
    else {
      this.ownedDir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-stack-"));
      this.stateFile = path.join(this.ownedDir, `${this.stack}.json`);
    }
    const { sandbox } = options;
    this.cliEnv = { ...sandbox.env(), ...options.hostEnv };
    this.project = options.project ?? ROOT_PROJECT;
    this.timeScale = options.timeScale ?? 0.001;
    this.ownsHosts = options.hosts === undefined;
    this.hosts = options.hosts ?? new HostPool(this.cliEnv, this.project);
    const emulation =
      options.nativeProviders && options.nativeFunctions
        ? undefined
        : (require("../azuread") as typeof azureadEmulation).createAzureadProvider({
            graphEndpoint: sandbox.graphEndpoint,
            authorityHost: sandbox.authorityHost,
            tenantId: sandbox.tenantId,
            clientId: sandbox.clientId,
            clientSecret: sandbox.clientSecret,
            timeScale: this.timeScale,
          });
    this.azuread = options.nativeProviders ?? emulation?.resources ?? new Map<string, NativeProvider>();
    this.functions = options.nativeFunctions ?? emulation?.functions ?? new Map<string, NativeFunction>();
    this.program = options.program;
  }

  /** The state as the engine would have written it after the last run. */
  state(): StackState {
    return loadState(this.stateFile);
  }

  /**
   * Every step of the last run in the order the engine took them, explicit provider resources
   * included. A run's `changes` leave providers out, as the CLI's list of changes (and so the
   * acceptance driver) does.
   */
  steps(): ResourceChange[] {
    return structuredClone(this.lastSteps);
  }

  up(config: StackConfig, options: { refresh?: boolean } = {}): Promise<RunResult> {
    if (options.refresh) return this.refreshThenRun("up --refresh", config, false);
    return this.programRun("up", config, false);
  }

  preview(config: StackConfig, options: { refresh?: boolean } = {}): Promise<RunResult> {
    if (options.refresh) return this.refreshThenRun("preview --refresh", config, true);
    return this.programRun("preview", config, true);
  }

  refresh(config: StackConfig): Promise<RunResult> {
    return this.withHost(config, this.needsHostUpFront(), async ({ pluginFor }) => {
      const refreshed = await this.refreshAll(loadState(this.stateFile), pluginFor);
      saveState(this.stateFile, refreshed.state);
      return {
        operation: "refresh",
        ok: !refreshed.error,
        error: refreshed.error,
        changes: refreshed.changes,
        outputs: refreshed.state.outputs,
      };
    });
  }

  destroy(config: StackConfig): Promise<RunResult> {
    return this.withHost(config, this.needsHostUpFront(), async ({ pluginFor }) => {
      const state = loadState(this.stateFile);
      const remaining = [...state.resources];
      const changes: ResourceChange[] = [];
      let error: string | undefined;
      for (const record of deletionOrder(state.resources)) {
        if (record.custom) {
          changes.push({ type: record.type, name: record.name, op: "delete", diffs: [] });
          try {
            await pluginFor(record).delete(record.id, record.outputs, record.inputs);
          } catch (thrown) {
            error = stepError(record.type, record.name, thrown);
            break;
          }
        }
        remaining.splice(remaining.indexOf(record), 1);
      }
      saveState(this.stateFile, { resources: remaining, outputs: error ? state.outputs : {} });
      return { operation: "destroy", ok: !error, error, changes, outputs: {} };
    });
  }

  async dispose(): Promise<void> {
    if (this.ownsHosts) await this.hosts.dispose();
    if (this.ownedDir) fs.rmSync(this.ownedDir, { recursive: true, force: true });
  }

  /**
   * `--refresh`: every resource is read first and the program runs against what was read; the
   * run lists what the refresh found changed or gone, then its own steps. A preview keeps nothing.
   */
  private refreshThenRun(operation: string, config: StackConfig, preview: boolean): Promise<RunResult> {
    return this.withHost(config, this.needsHostUpFront(), async (providers) => {
      const refreshed = await this.refreshAll(loadState(this.stateFile), providers.pluginFor);
      const found = refreshed.changes.filter((c) => c.diffs.length > 0 || c.op === "delete");
      if (refreshed.error)
        return { operation, ok: false, error: refreshed.error, changes: found, outputs: {} };
      const result = await this.runPlan(refreshed.state, config, preview, providers);
      return { ...result, operation, changes: [...found, ...result.changes] };
    });
  }

  private programRun(operation: string, config: StackConfig, preview: boolean): Promise<RunResult> {
    return this.withHost(config, this.needsHostUpFront(), async (providers) => {
      const result = await this.runPlan(loadState(this.stateFile), config, preview, providers);
      return { ...result, operation };
    });
  }

  private async runPlan(
    state: StackState,
    config: StackConfig,
    preview: boolean,
    providers: OperationProviders,
  ): Promise<Omit<RunResult, "operation">> {
    const plan = new DeploymentPlan(state, providers.pluginFor, preview);
    const monitor = new EngineMonitor(plan, this.stack, this.project.name, this.invoker(preview, providers));
    const program = await runProgram(monitor, {
      stack: this.stack,
      config,
      secretKeys: SECRET_KEYS,
      preview,
      program: this.program,
      project: this.project,
      env: this.cliEnv,
    });
    if (!program.error) await plan.finish();
    const errors = [...plan.errors];
    // A program error caused by a failed step is that step's error, already listed.
    if (program.error && plan.errors.length === 0) errors.push(`program failed: ${program.error.message}`);
    const ok = errors.length === 0;
    if (!preview) saveState(this.stateFile, plan.state(ok ? program.outputs : state.outputs));
    return {
      ok,
      error: ok ? undefined : errors.join("\n"),
      changes: plan.changes,
      outputs: preview ? {} : program.outputs,
      warnings: [...plan.warnings],
    };
  }

  /**
   * The engine's Invoke for this run: the function's provider runs it (also in a preview: the
   * engine passes `preview` and the azuread bridge reads anyway); a provider failure is wrapped by
   * the monitor as the engine wraps it.
   */
  private invoker(preview: boolean, providers: OperationProviders): Invoker {
    return async (token, args, provider) => {
      const fn = providers.functionFor(token, provider);
      if (!fn)
        throw new Error(
          `the offline engine does not implement the invoke ${token}; add the function to its provider's emulation`,
        );
      try {
        return await fn.invoke(args, preview);
      } catch (error) {
        throw new ProviderInvokeError(error instanceof Error ? error.message : String(error));
      }
    };
  }

  /** Whether an operation takes its provider host when it starts (see the file comment). */
  private needsHostUpFront(): boolean {
    return !this.program || this.state().resources.some((record) => record.type.startsWith(DYNAMIC_PREFIX));
  }

  /** Reads every resource in state (Pulumi's refresh): gone ones are dropped, the rest take what was read. */
  private async refreshAll(
    state: StackState,
    pluginFor: PluginFor,
  ): Promise<{ state: StackState; changes: ResourceChange[]; error?: string }> {
    const resources: ResourceRecord[] = [];
    const changes: ResourceChange[] = [];
    for (const record of state.resources) {
      if (!record.custom) {
        resources.push(record);
        continue;
      }
      // Provider resources never change with a refresh (step.go:1501-1502 @ v3.248.0).
      if (isProviderType(record.type)) {
        changes.push({ type: record.type, name: record.name, op: "refresh", diffs: [] });
        resources.push(record);
        continue;
      }
      try {
        const plugin = pluginFor(record);
        const read = await plugin.read(record.id, record.outputs, record.inputs);
        if (!read.id) {
          changes.push({ type: record.type, name: record.name, op: "delete", diffs: [] });
          continue;
        }
        const inputs = read.inputs ?? record.inputs;
        const diffs = await refreshDiff(plugin, record, read);
        changes.push({ type: record.type, name: record.name, op: "refresh", diffs });
        // The engine's RefreshStep keeps only the read's own init errors (pkg/resource/deploy/step.go)
        // and takes the id the read returned.
        const { initErrors: _initErrors, ...kept } = record;
        resources.push({ ...kept, id: read.id, outputs: read.outputs, inputs });
      } catch (thrown) {
        return { state, changes, error: stepError(record.type, record.name, thrown) };
      }
    }
    return { state: { resources, outputs: state.outputs }, changes };
  }

  /**
   * Runs `operation` with a provider host for the operation (taken at once when `upFront`, else
   * when a dynamic resource first needs it), stopped afterwards, and with the operation's provider
   * registry: explicit providers are configured anew in every operation, as the engine loads
   * them. The result lists no provider resource; `steps()` keeps them.
   */
  private async withHost(
    config: StackConfig,
    upFront: boolean,
    operation: (providers: OperationProviders) => Promise<RunResult>,
  ): Promise<RunResult> {
    let started: Promise<ProviderHost> | undefined = upFront ? this.takeHost(config) : undefined;
    const host = (): Promise<ProviderHost> => (started ??= this.takeHost(config));
    const registry = new ProviderRegistry(
      loadState(this.stateFile).resources,
      new Map([["azuread", azureadPackage(this.cliEnv, this.timeScale)]]),
    );
    const pluginFor: PluginFor = (record) => {
      if (isProviderType(record.type)) return registry.plugin(record);
      if (record.type.startsWith(DYNAMIC_PREFIX))
        return dynamicPlugin(host, { ...resourceRef(record.type, record.name, this.stack), urn: record.urn });
      const resources = record.provider ? registry.instanceFor(record.provider).resources : this.azuread;
      const native = resources.get(record.type);
      if (!native) throw new StepFailure(`the offline engine has no provider for ${record.type}`);
      return nativePlugin(native, record.urn);
    };
    const functionFor = (token: string, provider: string | undefined) =>
      (provider ? registry.instanceFor(provider).functions : this.functions).get(token);
    try {
      const result = await operation({ pluginFor, functionFor });
      this.lastSteps = result.changes;
      return { ...result, changes: result.changes.filter((change) => !isProviderType(change.type)) };
    } finally {
      if (started) await (await started.catch(() => undefined))?.stop();
    }
  }

  /** A fresh host process for this operation, configured with its stack config, as the engine does. */
  private takeHost(config: StackConfig): Promise<ProviderHost> {
    const configured = this.hosts.take().then(async (host) => {
      await host.configure(toPulumiConfig(config), SECRET_KEYS);
      return host;
    });
    configured.catch(() => undefined);
    return configured;
  }
}

/**
 * What a refresh found changed, as the engine (3.248, non-legacy refresh) decides it: the
 * provider's Diff of the refreshed outputs against the program's last inputs (step.go
 * RefreshStep). The properties named are the provider's own list, or, when it gives none (the
 * dynamic-provider host never does), the inputs whose refreshed values differ.
 */
async function refreshDiff(
  plugin: ResourcePlugin,
  record: ResourceRecord,
  read: { id: string; outputs: PropertyMap; inputs?: PropertyMap },
): Promise<string[]> {
  const diff = await plugin.diff(read.id, read.outputs, record.inputs, record.inputs);
  if (diff.changes === "none") return [];
  if (diff.diffs && diff.diffs.length > 0) return [...diff.diffs].sort();
  return read.inputs
    ? changedInputs(record.inputs, read.inputs)
    : changedInputs(record.outputs, read.outputs);
}
