/**
 * Runs the program the way the Pulumi CLI's Node.js language host does, minus the Go host itself:
 * a fresh `node @pulumi/pulumi/cmd/run` (the SDK's real language runtime: its v8 hooks, its ts-node
 * registration from infra/tsconfig.json, the entry file, the root stack resource) with the
 * arguments and environment the host passes, against a resource monitor and an engine served
 * here over gRPC on 127.0.0.1.
 *
 * What the host passes comes from pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs (main.go,
 * `constructArguments` / `constructEnv`): `--monitor`, `--engine`, `--organization`, `--project`,
 * `--stack`, `--pwd <program directory>`, `--dry-run` for a preview, `--parallel`, then the entry
 * point (`.` when Pulumi.yaml's `main` is a directory, the file's name when it is a file, as
 * here: `infra/index.js` gives `index.js`); `PULUMI_CONFIG` (the stack config as JSON,
 * structured values as JSON text), `PULUMI_CONFIG_SECRET_KEYS`, and `PULUMI_NODEJS_TYPESCRIPT`
 * from the project's `runtime.options.typescript`.
 *
 * The monitor answers like the engine in a preview of a new stack: each registration gets its URN,
 * no id and its inputs back as outputs. It records when each registration arrived, which is what
 * the program-phase benchmark measures.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { startFakeEngine, type EngineLogEntry } from "./fakeEngine";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const RUN_SCRIPT = require.resolve("@pulumi/pulumi/cmd/run", { paths: [REPO_ROOT] });
/** The features the CLI's monitor (v3.248 engine) reports; `replaceWith` and `errorHooks` came later. */
const SUPPORTED_FEATURES = new Set([
  "secrets",
  "resourceReferences",
  "outputValues",
  "deletedWith",
  "aliasSpecs",
  "transforms",
  "invokeTransforms",
  "parameterization",
  "resourceHooks",
]);

export interface Registration {
  type: string;
  name: string;
  urn: string;
  custom: boolean;
  /** When the monitor received it (ms since the epoch, sub-millisecond). */
  at: number;
}

export interface LanguageRuntimeRun {
  exitCode: number | null;
  /** When the child was spawned (ms since the epoch). */
  spawnedAt: number;
  registrations: Registration[];
  /** When the runtime set the root stack resource, right before it ran the program (ms since the epoch). */
  programStartedAt: number | undefined;
  /** The engine's diagnostics (errors the runtime reports go here, not to stderr). */
  logs: EngineLogEntry[];
  stdout: string;
  stderr: string;
}

export interface LanguageRuntimeOptions {
  stack: string;
  /** The stack config as the CLI passes it: full keys, structured values as JSON text. */
  config: Record<string, string>;
  secretKeys?: string[];
  preview: boolean;
  /** Extra environment (for example PULUMI_NODEJS_TRANSPILE_ONLY). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** The program directory (`--pwd`); defaults to the project's infra/. */
  programDirectory?: string;
  /**
   * The entry point, relative to the program directory: `index.js` by default (the project's
   * Pulumi.yaml `main: infra/index.js`); `.` for a program whose Pulumi.yaml `main` is a directory.
   */
  entryPoint?: string;
}

const now = (): number => performance.timeOrigin + performance.now();

function urnOf(stack: string, project: string, parentUrn: string, type: string, name: string): string {
  const parentType = parentUrn ? parentUrn.split("::")[2] : "";
  return `urn:pulumi:${stack}::${project}::${parentType ? `${parentType}$${type}` : type}::${name}`;
}

async function startMonitor(
  stack: string,
  project: string,
  registrations: Registration[],
): Promise<{ address: string; stop(): void }> {
  const server = new grpc.Server();
  const unimplemented =
    (name: string) =>
    (_call: unknown, callback: grpc.sendUnaryData<never>): void =>
      callback(
        { code: grpc.status.UNIMPLEMENTED, details: `${name} is not served by the test monitor` },
        null,
      );
  server.addService(resrpc.ResourceMonitorService, {
    supportsFeature(
      call: grpc.ServerUnaryCall<resproto.SupportsFeatureRequest, resproto.SupportsFeatureResponse>,
      callback: grpc.sendUnaryData<resproto.SupportsFeatureResponse>,
    ) {
      const response = new resproto.SupportsFeatureResponse();
      response.setHassupport(SUPPORTED_FEATURES.has(call.request.getId()));
      callback(null, response);
    },
    registerResource(
      call: grpc.ServerUnaryCall<resproto.RegisterResourceRequest, resproto.RegisterResourceResponse>,
      callback: grpc.sendUnaryData<resproto.RegisterResourceResponse>,
    ) {
      const request = call.request;
      const urn = urnOf(stack, project, request.getParent(), request.getType(), request.getName());
      registrations.push({
        type: request.getType(),
        name: request.getName(),
        urn,
        custom: request.getCustom(),
        at: now(),
      });
      const response = new resproto.RegisterResourceResponse();
      response.setUrn(urn);
      response.setId("");
      const inputs = request.getObject();
      if (inputs !== undefined) response.setObject(inputs);
      callback(null, response);
    },
    registerResourceOutputs(_call: unknown, callback: grpc.sendUnaryData<Empty>) {
      callback(null, new Empty());
    },
    signalAndWaitForShutdown(_call: unknown, callback: grpc.sendUnaryData<Empty>) {
      callback(null, new Empty());
    },
    getDeploymentInfo: unimplemented("GetDeploymentInfo"),
    invoke: unimplemented("Invoke"),
    streamInvoke: unimplemented("StreamInvoke"),
    call: unimplemented("Call"),
    readResource: unimplemented("ReadResource"),
    registerStackTransform: unimplemented("RegisterStackTransform"),
    registerStackInvokeTransform: unimplemented("RegisterStackInvokeTransform"),
    registerResourceHook: unimplemented("RegisterResourceHook"),
    registerErrorHook: unimplemented("RegisterErrorHook"),
    registerPackage: unimplemented("RegisterPackage"),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

/** One run of the program under the SDK's language runtime; resolves when the child exits. */
export async function runUnderLanguageRuntime(options: LanguageRuntimeOptions): Promise<LanguageRuntimeRun> {
  const project = "passwordless-onboarding";
  const registrations: Registration[] = [];
  const monitor = await startMonitor(options.stack, project, registrations);
  const engine = await startFakeEngine();
  try {
    const programDirectory = options.programDirectory ?? path.join(REPO_ROOT, "infra");
    const args = [
      RUN_SCRIPT,
      `--monitor=${monitor.address}`,
      `--engine=${engine.address}`,
      "--organization=organization",
      `--project=${project}`,
      `--stack=${options.stack}`,
      `--pwd=${programDirectory}`,
      ...(options.preview ? ["--dry-run"] : []),
      "--parallel=16",
      // Pulumi.yaml `main: infra/index.js`: the engine passes the file as the entry point
      // (pulumi-language-nodejs constructArguments: `req.Info.EntryPoint`), relative to --pwd.
      options.entryPoint ?? "index.js",
    ];
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PULUMI_CONFIG: JSON.stringify(options.config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys ?? []),
      PULUMI_NODEJS_TYPESCRIPT: "true",
      ...options.env,
    };
    const spawnedAt = now();
    const child = spawn(process.execPath, args, { cwd: programDirectory, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(
          new Error(
            `the language runtime did not exit within ${options.timeoutMs ?? 120_000} ms:\n${stderr}`,
          ),
        );
      }, options.timeoutMs ?? 120_000);
      child.on("error", reject);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    return {
      exitCode,
      spawnedAt,
      registrations,
      programStartedAt: engine.rootResourceSetAt(),
      logs: [...engine.logs],
      stdout,
      stderr,
    };
  } finally {
    monitor.stop();
    await engine.stop();
  }
}
