/**
 * The acceptance driver: runs the deployment scenarios with `@pulumi/pulumi/automation` and the
 * real Pulumi CLI against a real test tenant, as Terraform providers' acceptance tests do with
 * TF_ACC (hashicorp/terraform-plugin-testing) and pulumi/providertest's `pulumitest` does.
 *
 * | Driver call          | Automation API (local program: the repository root, `main: infra/index.js`)   |
 * |----------------------|------------------------------------------------------------------------|
 * | every call, first    | `getAllConfig`, `removeAllConfig` (stale keys), `setAllConfigJson`      |
 * | `up`                 | `stack.up({ refresh, onEvent })`, outputs from its result              |
 * | `preview`            | `stack.preview({ refresh, onEvent })`, no outputs                      |
 * | `refresh`            | `stack.refresh({ onEvent })`, then `stack.outputs()`                   |
 * | `destroy`            | `stack.destroy({ onEvent })`, no outputs                               |
 * | `dispose`            | removes the throw-away backend and its stack file; never destroys      |
 *
 * A failed run resolves to `{ ok: false, error }`; it never rejects. The state backend is
 * `PULUMI_BACKEND_URL` when set, otherwise a fresh `file://` directory per driver with a generated
 * passphrase, so a run never touches a stack the maintainer uses.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import {
  LocalWorkspace,
  type DestroyOptions,
  type DestroyResult,
  type OutputMap,
  type PreviewOptions,
  type PreviewResult,
  type RefreshOptions,
  type RefreshResult,
  type UpOptions,
  type UpResult,
} from "@pulumi/pulumi/automation";
import { describeChanges, type DeploymentDriver, type RunResult, type StackConfig } from "../driver";
import { acceptanceProblem, type Environment } from "./acceptanceEnvironment";
import { ChangeRecorder } from "./engineEvents";
import { cleanCommandError, describeRunFailure } from "./runErrors";
import { writeStackConfig, type StackConfigTarget } from "./stackConfig";

/** Stack used when neither the caller nor PASSWORDLESS_ACCEPTANCE_STACK names one. */
export const DEFAULT_ACCEPTANCE_STACK = "acceptance";
export const STACK_VARIABLE = "PASSWORDLESS_ACCEPTANCE_STACK";
/** `PASSWORDLESS_ACCEPTANCE_VERBOSE=1` streams the CLI's own output while a run is in progress. */
export const VERBOSE_VARIABLE = "PASSWORDLESS_ACCEPTANCE_VERBOSE";
/** The stacks the deploy, preview and drift workflows manage; the acceptance driver never uses them. */
export const RESERVED_STACK_NAMES: readonly string[] = ["dev", "test", "prod"];
/** `pulumi config set-all --json` (structured values) arrived in this CLI release line. */
export const MINIMUM_CLI_VERSION = "3.214.0";

/** The repository root: Pulumi.yaml lives there, with `main: infra/index.js`. */
const REPOSITORY_ROOT = join(__dirname, "..", "..", "..");

/** The parts of an automation `Stack` the driver uses (a fake in the unit tests). */
export interface AcceptanceStack extends StackConfigTarget {
  readonly name: string;
  up(options?: UpOptions): Promise<UpResult>;
  preview(options?: PreviewOptions): Promise<PreviewResult>;
  refresh(options?: RefreshOptions): Promise<RefreshResult>;
  destroy(options?: DestroyOptions): Promise<DestroyResult>;
  outputs(): Promise<OutputMap>;
}

export interface AcceptanceDriverOptions {
  stack: AcceptanceStack;
  /** Called once by `dispose()`: removes what the driver created (not the stack's resources). */
  release?: () => Promise<void> | void;
  /** One line per run (operation, result, changes); default: standard error. */
  log?: (line: string) => void;
  /** Receives the CLI's output while it runs (see VERBOSE_VARIABLE); default: discarded. */
  onOutput?: (text: string) => void;
  /** For the log lines; default: Date.now. */
  now?: () => number;
}

type Operation = "up" | "up --refresh" | "preview" | "preview --refresh" | "refresh" | "destroy";

export class AcceptanceDriver implements DeploymentDriver {
  readonly name = "acceptance";
  private released = false;

  constructor(private readonly options: AcceptanceDriverOptions) {}

  get stackName(): string {
    return this.options.stack.name;
  }

  up(config: StackConfig, options: { refresh?: boolean } = {}): Promise<RunResult> {
    const refresh = options.refresh === true;
    return this.run(refresh ? "up --refresh" : "up", config, async (onEvent, onOutput) => {
      const result = await this.options.stack.up({ refresh, onEvent, onOutput });
      return unwrapOutputs(result.outputs);
    });
  }

  preview(config: StackConfig, options: { refresh?: boolean } = {}): Promise<RunResult> {
    const refresh = options.refresh === true;
    return this.run(refresh ? "preview --refresh" : "preview", config, async (onEvent, onOutput) => {
      await this.options.stack.preview({ refresh, onEvent, onOutput });
      return {};
    });
  }

  refresh(config: StackConfig): Promise<RunResult> {
    return this.run("refresh", config, async (onEvent, onOutput) => {
      await this.options.stack.refresh({ onEvent, onOutput });
      return unwrapOutputs(await this.options.stack.outputs());
    });
  }

  destroy(config: StackConfig): Promise<RunResult> {
    return this.run("destroy", config, async (onEvent, onOutput) => {
      await this.options.stack.destroy({ onEvent, onOutput });
      return {};
    });
  }

  async dispose(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.options.release?.();
  }

  private async run(
    operation: Operation,
    config: StackConfig,
    execute: (
      onEvent: ChangeRecorder["onEvent"],
      onOutput: ((text: string) => void) | undefined,
    ) => Promise<Record<string, unknown>>,
  ): Promise<RunResult> {
    if (this.released) throw new Error("The acceptance driver was disposed; create a new one.");
    const now = this.options.now ?? Date.now;
    const started = now();
    const recorder = new ChangeRecorder();
    let result: RunResult;
    try {
      await writeStackConfig(this.options.stack, config);
    } catch (error) {
      result = failed(operation, `could not write the stack config: ${describeRunFailure(error, [])}`, []);
      this.logRun(result, now() - started);
      return result;
    }
    try {
      const outputs = await execute(recorder.onEvent, this.options.onOutput);
      result = { operation, ok: true, changes: recorder.changes(), outputs };
    } catch (error) {
      const keepsOutputs = operation === "up" || operation === "up --refresh" || operation === "refresh";
      const outputs = keepsOutputs ? await this.outputsAfterFailure() : {};
      result = {
        ...failed(operation, describeRunFailure(error, recorder.errors()), recorder.changes()),
        outputs,
      };
    }
    this.logRun(result, now() - started);
    return result;
  }

  /** The stack's outputs as the failed run left them; none when they cannot be read. */
  private async outputsAfterFailure(): Promise<Record<string, unknown>> {
    try {
      return unwrapOutputs(await this.options.stack.outputs());
    } catch {
      return {};
    }
  }

  private logRun(result: RunResult, elapsedMs: number): void {
    const log = this.options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const seconds = Math.round(elapsedMs / 1000);
    // A refresh that found nothing is not news.
    const news = result.changes.filter((change) => change.op !== "refresh" || change.diffs.length > 0);
    const changes = describeChanges({ ...result, changes: news });
    const summary = changes.length === 0 ? "no changes" : changes.join("; ");
    const verdict = result.ok ? "ok" : "FAILED";
    log(`      [acceptance ${this.stackName}] ${result.operation}: ${verdict} in ${seconds} s; ${summary}`);
    if (!result.ok && result.error) {
      log(result.error.replace(/^/gm, "        "));
    }
  }
}

function failed(operation: Operation, error: string, changes: RunResult["changes"]): RunResult {
  return { operation, ok: false, error, changes, outputs: {} };
}

/** `{ name: { value, secret } }` -> `{ name: value }`. */
export function unwrapOutputs(outputs: OutputMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
}

/** Where the driver keeps state and which environment the CLI gets. */
export interface AcceptanceWorkspacePlan {
  stackName: string;
  workDir: string;
  /** Added to the CLI's environment (which otherwise inherits this process's). */
  envVars: Record<string, string>;
  /** The throw-away backend directory this driver owns; undefined with PULUMI_BACKEND_URL. */
  temporaryBackendDir?: string;
  /** `Pulumi.<stack>.yaml` in workDir, where the CLI keeps the stack's config. */
  stackConfigFile: string;
  /** Whether the driver creates the stack file (and so removes it with a throw-away backend). */
  createsStackConfigFile: boolean;
}

export interface PlanOptions {
  stackName?: string;
  env?: Environment;
  workDir?: string;
  makeTemporaryDir?: () => string;
  makePassphrase?: () => string;
}

/** Decides stack, backend and environment; creates the throw-away backend directory if one is needed. */
export function planAcceptanceWorkspace(options: PlanOptions = {}): AcceptanceWorkspacePlan {
  const env = options.env ?? process.env;
  const workDir = options.workDir ?? REPOSITORY_ROOT;
  const stackName = options.stackName ?? nonEmpty(env[STACK_VARIABLE]) ?? DEFAULT_ACCEPTANCE_STACK;
  const segments = stackName.split("/"); // `stack`, or `org/project/stack`
  const shortName = segments[segments.length - 1];
  const fileSafe =
    segments.length <= 3 && segments.every((part) => /^[\w.-]+$/.test(part) && !/^\.\.?$/.test(part));
  if (!fileSafe || RESERVED_STACK_NAMES.includes(shortName)) {
    throw new Error(
      `Acceptance stack name ${JSON.stringify(stackName)} is not allowed: use letters, digits, "-", "_" or ".", ` +
        `and not ${RESERVED_STACK_NAMES.join(", ")} (the stacks the deploy workflows manage). ` +
        `Set ${STACK_VARIABLE} to another name.`,
    );
  }
  const stackConfigFile = join(workDir, `Pulumi.${shortName}.yaml`);
  const createsStackConfigFile = !existsSync(stackConfigFile);
  const envVars: Record<string, string> = { PULUMI_SKIP_UPDATE_CHECK: "true" };

  const userBackend = nonEmpty(env.PULUMI_BACKEND_URL);
  if (userBackend !== undefined) {
    envVars.PULUMI_BACKEND_URL = userBackend;
    return { stackName, workDir, envVars, stackConfigFile, createsStackConfigFile };
  }
  if (!createsStackConfigFile) {
    throw new Error(
      `${stackConfigFile} already exists. With a throw-away backend the acceptance driver writes a new ` +
        `Pulumi.${shortName}.yaml and removes it afterwards; it will not overwrite one it did not create. ` +
        `Delete it if an interrupted acceptance run left it behind, or set ${STACK_VARIABLE} to another name.`,
    );
  }
  const temporaryBackendDir = (
    options.makeTemporaryDir ?? (() => mkdtempSync(join(tmpdir(), "passwordless-acceptance-")))
  )();
  envVars.PULUMI_BACKEND_URL = `file://${temporaryBackendDir.split(sep).join("/")}`;
  if (
    nonEmpty(env.PULUMI_CONFIG_PASSPHRASE) === undefined &&
    nonEmpty(env.PULUMI_CONFIG_PASSPHRASE_FILE) === undefined
  ) {
    envVars.PULUMI_CONFIG_PASSPHRASE = (options.makePassphrase ?? (() => randomBytes(24).toString("hex")))();
  }
  return { stackName, workDir, envVars, temporaryBackendDir, stackConfigFile, createsStackConfigFile };
}

/** Removes what the plan created: the throw-away backend and the stack file written for it. */
export function releaseWorkspace(plan: AcceptanceWorkspacePlan): void {
  if (plan.temporaryBackendDir === undefined) return; // the maintainer's backend: keep everything
  rmSync(plan.temporaryBackendDir, { recursive: true, force: true });
  if (plan.createsStackConfigFile) rmSync(plan.stackConfigFile, { force: true });
}

export interface CreateAcceptanceDriverOptions {
  stackName?: string;
  /** For the checks and the plan; the CLI itself inherits this process's environment. */
  env?: Environment;
  /** The project directory; default: the repository root. */
  workDir?: string;
  log?: (line: string) => void;
}

/**
 * Creates (or selects) the acceptance stack with the real CLI and returns its driver. Refuses to
 * start, naming what is missing, when no complete identity or no CLI is available.
 */
export async function createAcceptanceDriver(
  options: CreateAcceptanceDriverOptions = {},
): Promise<AcceptanceDriver> {
  const env = options.env ?? process.env;
  const problem = acceptanceProblem(env);
  if (problem !== undefined) {
    throw new Error(`The acceptance tests cannot run: ${problem}.`);
  }
  const plan = planAcceptanceWorkspace({ stackName: options.stackName, env, workDir: options.workDir });
  let stack: Awaited<ReturnType<typeof LocalWorkspace.createOrSelectStack>>;
  try {
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: plan.stackName, workDir: plan.workDir },
      { envVars: plan.envVars },
    );
  } catch (error) {
    releaseWorkspace(plan);
    throw new Error(`Could not create or select the stack ${plan.stackName}: ${cleanCommandError(error)}`, {
      cause: error,
    });
  }
  const version = cliVersion(stack);
  if (!atLeast(version, MINIMUM_CLI_VERSION)) {
    releaseWorkspace(plan);
    throw new Error(
      `The acceptance driver needs Pulumi CLI ${MINIMUM_CLI_VERSION} or later (for structured stack config); found ${version}.`,
    );
  }
  const verbose = env[VERBOSE_VARIABLE] === "1";
  return new AcceptanceDriver({
    stack,
    release: () => releaseWorkspace(plan),
    log: options.log,
    onOutput: verbose ? (text) => process.stdout.write(text) : undefined,
  });
}

function cliVersion(stack: { workspace: { pulumiVersion: string } }): string {
  try {
    return stack.workspace.pulumiVersion;
  } catch {
    return "unknown";
  }
}

/** Whether `version` (e.g. `v3.265.0`, `3.265.0-alpha.1`) is at least `minimum` (`x.y.z`). */
export function atLeast(version: string, minimum: string): boolean {
  const parse = (text: string): number[] =>
    (/(\d+)\.(\d+)\.(\d+)/.exec(text) ?? ["", "0", "0", "0"]).slice(1, 4).map(Number);
  const [a, b] = [parse(version), parse(minimum)];
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] > b[i];
  }
  return true;
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
