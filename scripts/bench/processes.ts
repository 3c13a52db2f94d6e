/** Child processes of the benchmark: TypeScript workers over IPC and plain commands, each with a deadline. */
import { fork, spawn } from "node:child_process";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const WORKER = path.join(__dirname, "worker.ts");

/** What a worker sends back over IPC. */
export type WorkerMessage = { ok: true; result: unknown } | { ok: false; error: string };

/** Variables that would point a child at a real tenant or change how it compiles TypeScript. */
const DROPPED_PREFIXES = ["ARM_", "AZURE_", "ACTIONS_ID_TOKEN_", "TS_NODE_", "GRAPH_", "PULUMI_"];

/** This process's environment without Graph credentials, ts-node or Pulumi settings. */
export function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (DROPPED_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    if (name === "NODE_EXTRA_CA_CERTS" || name === "NODE_OPTIONS") continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * How a worker loads TypeScript: ts-node (transpile only), or the transpile cache as the
 * dynamic-provider host does (scripts/transpileCache.js), for the sections that time provider operations.
 */
export type WorkerLoader = "ts-node" | "host";

const LOADERS: Record<WorkerLoader, string> = {
  "ts-node": require.resolve("ts-node/register/transpile-only"),
  host: path.join(REPO_ROOT, "scripts", "transpileCache.js"),
};

/**
 * Runs one section of worker.ts in a fresh Node process and returns what it sends back. The
 * worker is killed when it does not answer within `timeoutMs`.
 */
export function runWorker<T>(
  section: string,
  input: unknown,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  loader: WorkerLoader = "ts-node",
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(WORKER, [section, JSON.stringify(input ?? null)], {
      cwd: REPO_ROOT,
      env,
      execArgv: ["-r", LOADERS[loader]],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let message: WorkerMessage | undefined;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`bench worker "${section}" did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("message", (received) => {
      message = received as WorkerMessage;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (message?.ok === true) resolve(message.result as T);
      else if (message?.ok === false) reject(new Error(`bench worker "${section}" failed: ${message.error}`));
      else reject(new Error(`bench worker "${section}" exited (${signal ?? code}) without a result`));
    });
  });
}

/** Process groups of commands started with `ownGroup` that are still running. */
const ownGroups = new Set<number>();

/** Ends the process groups this module started (on Ctrl-C): each by its own id. */
export function killOwnGroups(): void {
  for (const group of ownGroups) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  ownGroups.clear();
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, collecting its output; kills it after `timeoutMs`. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    timeoutMs: number;
    /** Called just before the process is spawned (start of a wall-time measurement). */
    onSpawn?: () => void;
    /** Run in its own process group, so that a deadline or Ctrl-C ends everything it started. */
    ownGroup?: boolean;
  },
): Promise<CommandResult> {
  return new Promise<CommandResult>((resolve, reject) => {
    options.onSpawn?.();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: options.ownGroup === true,
    });
    const group = options.ownGroup === true ? child.pid : undefined;
    if (group !== undefined) ownGroups.add(group);
    const stop = () => {
      if (group !== undefined) process.kill(-group, "SIGKILL");
      else child.kill("SIGKILL");
    };
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${command} ${args.join(" ")} did not finish within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (group !== undefined) ownGroups.delete(group);
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}
