/**
 * Runs `@pulumi/pulumi`'s own dynamic-provider host (cmd/dynamic-provider) as a child process and
 * drives it over gRPC with the generated ResourceProvider stubs, the way the Pulumi engine does
 * during `pulumi up`, `preview`, `refresh` and `destroy`. No Pulumi CLI is involved.
 *
 * The host is started from the project root (so `require` inside serialized providers resolves the
 * project's node_modules) with exactly the environment the caller passes, and the address of a
 * test engine as its only argument, as the CLI starts the `pulumi-nodejs` provider plugin.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { startFakeEngine, type FakeEngine } from "./fakeEngine";
import { fromStruct, secretValue, toStruct, type PropertyMap } from "./marshal";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");
const HOST_ENTRY = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js", { paths: [PROJECT_ROOT] });
/**
 * The `pulumi-resource-pulumi-nodejs` plugin the CLI runs for dynamic resources: a shell script that
 * resolves `@pulumi/pulumi/cmd/dynamic-provider` from its working directory with `node -e` and runs
 * it (pulumi/pulumi sdk/nodejs/dist/pulumi-resource-pulumi-nodejs, shipped in the npm package too).
 */
export const PLUGIN_SHIM = path.join(
  path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [PROJECT_ROOT] })),
  "pulumi-resource-pulumi-nodejs",
);

export interface ProviderHostOptions {
  /** The host process's entire environment (nothing is inherited from the test process). */
  env: Record<string, string>;
  /** Give up if the host has not printed its port after this long. Default 20 s. */
  startTimeoutMs?: number;
  /** Deadline of each gRPC call. Default 20 s. */
  callTimeoutMs?: number;
  /** The host's working directory. Default: the project root. */
  cwd?: string;
  /**
   * Start the host through the plugin shim (`sh pulumi-resource-pulumi-nodejs <engine>`), as the
   * CLI does, instead of running the host's entry point directly. The shim does not `exec`, so the
   * host is a grandchild: it runs in its own process group, which `stop()` signals as a whole.
   */
  viaShim?: boolean;
}

export interface ResourceRef {
  urn: string;
  type: string;
  name: string;
}

export interface CheckResult {
  inputs: PropertyMap;
  failures: { property: string; reason: string }[];
}

export type DiffChanges = "none" | "some" | "unknown";

export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface CreateResult {
  id: string;
  properties: PropertyMap;
}

export interface ReadResult {
  /** Empty when the provider reports the object gone. */
  id: string;
  properties: PropertyMap;
  /** Present when the provider returned inputs to use for later diffs. */
  inputs?: PropertyMap;
}

/**
 * What the host sends when a provider threw an error carrying `id` (and `properties`): the object
 * exists but failed to initialize. The engine records it in state with these properties as outputs.
 */
export interface InitFailure {
  id: string;
  properties: PropertyMap;
  reasons: string[];
}

/** A failed gRPC call to the host: carries the gRPC status code and the host's message. */
export class HostCallError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly details: string,
    /** Present when the host reported a partial failure (pulumirpc.ErrorResourceInitFailed). */
    readonly initFailure?: InitFailure,
  ) {
    super(`${method} failed (gRPC ${grpc.status[code] ?? code}): ${details}`);
    this.name = "HostCallError";
  }
}

/** Reads pulumirpc.ErrorResourceInitFailed from the `grpc-status-details-bin` trailer, as the engine does. */
function initFailureOf(error: grpc.ServiceError): InitFailure | undefined {
  const [raw] = error.metadata?.get("grpc-status-details-bin") ?? [];
  if (raw === undefined) return undefined;
  const status = statusproto.Status.deserializeBinary(typeof raw === "string" ? Buffer.from(raw) : raw);
  for (const detail of status.getDetailsList()) {
    if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
    const failed = provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
    return {
      id: failed.getId(),
      properties: fromStruct(failed.getProperties()),
      reasons: failed.getReasonsList(),
    };
  }
  return undefined;
}

const DIFF_CHANGES: Record<number, DiffChanges> = {
  [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
  [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
  [provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "unknown",
};

export function resourceRef(type: string, name: string, stack = "test"): ResourceRef {
  return { type, name, urn: `urn:pulumi:${stack}::passwordless-onboarding::${type}::${name}` };
}

export class ProviderHost {
  private stdoutText = "";
  private stderrText = "";
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: provrpc.ResourceProviderClient,
    private readonly engine: FakeEngine,
    private readonly callTimeoutMs: number,
    /** Milliseconds from spawn until the host printed its port. */
    readonly startupMs: number,
    output: { stdout: string; stderr: string },
  ) {
    this.stdoutText = output.stdout;
    this.stderrText = output.stderr;
    child.stdout?.on("data", (chunk: Buffer) => (this.stdoutText += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (this.stderrText += chunk.toString("utf8")));
    child.once("exit", () => (this.exited = true));
  }

  static async start(options: ProviderHostOptions): Promise<ProviderHost> {
    const engine = await startFakeEngine();
    const started = performance.now();
    const [command, args] = options.viaShim
      ? ["/bin/sh", [PLUGIN_SHIM, engine.address]]
      : [process.execPath, [HOST_ENTRY, engine.address]];
    const child = spawn(command, args, {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: options.viaShim === true,
    });
    const output = { stdout: "", stderr: "" };
    try {
      const port = await waitForPort(child, output, options.startTimeoutMs ?? 20_000);
      const startupMs = performance.now() - started;
      const client = new provrpc.ResourceProviderClient(
        `127.0.0.1:${port}`,
        grpc.credentials.createInsecure(),
      );
      return new ProviderHost(child, client, engine, options.callTimeoutMs ?? 20_000, startupMs, output);
    } catch (error) {
      signal(child, "SIGKILL");
      await engine.stop();
      throw error;
    }
  }

  /** Everything the host wrote to stderr (its own diagnostics and provider console.error). */
  get stderr(): string {
    return this.stderrText;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get engineLogs(): FakeEngine["logs"] {
    return this.engine.logs;
  }

  /**
   * Configure, as the engine sends it to the `pulumi-nodejs` provider: every stack config key with
   * its namespace (`azuread:clientSecret`), secret values in the secret envelope.
   */
  async configure(config: Record<string, string>, secretKeys: readonly string[] = []): Promise<void> {
    const args: PropertyMap = {};
    for (const [key, value] of Object.entries(config)) {
      args[key] = secretKeys.includes(key) ? secretValue(value) : value;
    }
    const request = new provproto.ConfigureRequest();
    request.setArgs(toStruct(args));
    request.setAcceptsecrets(true);
    request.setAcceptresources(true);
    await this.call("Configure", (cb) => this.client.configure(request, this.metadata(), this.options(), cb));
  }

  async check(ref: ResourceRef, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const request = addressed(new provproto.CheckRequest(), ref);
    request.setOlds(toStruct(olds));
    request.setNews(toStruct(news));
    const response = await this.call<provproto.CheckResponse>("Check", (cb) =>
      this.client.check(request, this.metadata(), this.options(), cb),
    );
    return {
      inputs: fromStruct(response.getInputs()),
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(
    ref: ResourceRef,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<DiffResult> {
    const request = withChange(addressed(new provproto.DiffRequest(), ref), id, olds, news, oldInputs);
    const response = await this.call<provproto.DiffResponse>("Diff", (cb) =>
      this.client.diff(request, this.metadata(), this.options(), cb),
    );
    return {
      changes: DIFF_CHANGES[response.getChanges()] ?? "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(ref: ResourceRef, properties: PropertyMap): Promise<CreateResult> {
    const request = addressed(new provproto.CreateRequest(), ref);
    request.setProperties(toStruct(properties));
    const response = await this.call<provproto.CreateResponse>("Create", (cb) =>
      this.client.create(request, this.metadata(), this.options(), cb),
    );
    return { id: response.getId(), properties: fromStruct(response.getProperties()) };
  }

  async read(
    ref: ResourceRef,
    id: string,
    properties: PropertyMap,
    inputs: PropertyMap,
  ): Promise<ReadResult> {
    const request = addressed(new provproto.ReadRequest(), ref);
    request.setId(id);
    request.setProperties(toStruct(properties));
    request.setInputs(toStruct(inputs));
    const response = await this.call<provproto.ReadResponse>("Read", (cb) =>
      this.client.read(request, this.metadata(), this.options(), cb),
    );
    return {
      id: response.getId(),
      properties: fromStruct(response.getProperties()),
      inputs: response.hasInputs() ? fromStruct(response.getInputs()) : undefined,
    };
  }

  async update(
    ref: ResourceRef,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<PropertyMap> {
    const request = withChange(addressed(new provproto.UpdateRequest(), ref), id, olds, news, oldInputs);
    const response = await this.call<provproto.UpdateResponse>("Update", (cb) =>
      this.client.update(request, this.metadata(), this.options(), cb),
    );
    return fromStruct(response.getProperties());
  }

  async delete(ref: ResourceRef, id: string, properties: PropertyMap, oldInputs: PropertyMap): Promise<void> {
    const request = addressed(new provproto.DeleteRequest(), ref);
    request.setId(id);
    request.setProperties(toStruct(properties));
    request.setOldInputs(toStruct(oldInputs));
    await this.call("Delete", (cb) => this.client.delete(request, this.metadata(), this.options(), cb));
  }

  /** Closes the connection and kills the host (SIGTERM, then SIGKILL after 2 s). */
  async stop(): Promise<void> {
    this.client.close();
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
      signal(this.child, "SIGTERM");
      const timer = setTimeout(() => signal(this.child, "SIGKILL"), 2000);
      await exited;
      clearTimeout(timer);
    }
    await this.engine.stop();
  }

  private metadata(): grpc.Metadata {
    return new grpc.Metadata();
  }

  private options(): grpc.CallOptions {
    return { deadline: Date.now() + this.callTimeoutMs };
  }

  private call<T>(
    method: string,
    invoke: (callback: (error: grpc.ServiceError | null, value?: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      invoke((error, value) => {
        if (error) reject(new HostCallError(method, error.code, error.details, initFailureOf(error)));
        else if (value === undefined)
          reject(new HostCallError(method, grpc.status.INTERNAL, "empty response"));
        else resolve(value);
      });
    });
  }
}

/** Signals the child's whole process group when it leads one (started detached), else the child. */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    if (child.spawnargs[0] === "/bin/sh") process.kill(-child.pid, name);
    else child.kill(name);
  } catch {
    // Already gone.
  }
}

function waitForPort(
  child: ChildProcess,
  output: { stdout: string; stderr: string },
  timeoutMs: number,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`provider host printed no port within ${timeoutMs} ms; stderr: ${output.stderr}`)),
      timeoutMs,
    );
    const onStdout = (chunk: Buffer): void => {
      output.stdout += chunk.toString("utf8");
      const newline = output.stdout.indexOf("\n");
      if (newline < 0) return;
      const firstLine = output.stdout.slice(0, newline).trim();
      const port = Number(firstLine);
      if (Number.isInteger(port) && port > 0) finish(port);
      else
        fail(new Error(`provider host printed "${firstLine}" instead of its port; stderr: ${output.stderr}`));
    };
    const onStderr = (chunk: Buffer): void => {
      output.stderr += chunk.toString("utf8");
    };
    const onExit = (code: number | null): void =>
      fail(
        new Error(
          `provider host exited with code ${code} before printing its port; stderr: ${output.stderr}`,
        ),
      );
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off("data", onStdout);
      child.stderr?.off("data", onStderr);
      child.off("exit", onExit);
    };
    const finish = (port: number): void => {
      cleanup();
      resolve(port);
    };
    const fail = (error: Error): void => {
      cleanup();
      reject(error);
    };
    child.stdout?.on("data", onStdout);
    child.stderr?.on("data", onStderr);
    child.once("exit", onExit);
  });
}

/** Sets the resource address every per-resource request carries. */
function addressed<
  T extends { setUrn(urn: string): unknown; setName(name: string): unknown; setType(type: string): unknown },
>(request: T, ref: ResourceRef): T {
  request.setUrn(ref.urn);
  request.setName(ref.name);
  request.setType(ref.type);
  return request;
}

/** Sets what Diff and Update share: the id, the stored outputs, the new inputs and the stored inputs. */
function withChange<
  T extends {
    setId(id: string): unknown;
    setOlds(olds: ReturnType<typeof toStruct>): unknown;
    setNews(news: ReturnType<typeof toStruct>): unknown;
    setOldInputs(oldInputs: ReturnType<typeof toStruct>): unknown;
  },
>(request: T, id: string, olds: PropertyMap, news: PropertyMap, oldInputs: PropertyMap): T {
  request.setId(id);
  request.setOlds(toStruct(olds));
  request.setNews(toStruct(news));
  request.setOldInputs(toStruct(oldInputs));
  return request;
}
