/**
 * Runs a serialized dynamic provider in a fresh Node process, the way Pulumi's dynamic-provider
 * host loads it (`Module._compile` of the `__provider` text, then `handler()`), and calls its
 * methods in order. The child starts in the project root, so `require` inside the provider
 * resolves the project's node_modules, and sees only the environment it is given (+ PATH): any
 * credential or client the provider captured instead of creating at run time shows up as a failure.
 *
 * Generic: works for any `pulumi.dynamic.ResourceProvider`.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");

export type ProviderMethod = "configure" | "check" | "diff" | "create" | "read" | "update" | "delete";

/** In a step's args, stands for the result of an earlier step (optionally one property of it). */
export interface EarlierResult {
  $step: number;
  /** Property path into that result, e.g. ["outs"]. */
  path?: string[];
}

export interface ProviderStep {
  method: ProviderMethod;
  /**
   * Arguments, as JSON. For `configure`, pass one object of stack config keys
   * (e.g. `{"azuread:tenantId": "..."}`); the child wraps it in a `{ config: { get, require } }` request.
   */
  args: unknown[];
}

export type StepResult =
  | { ok: true; value: unknown }
  | { ok: false; error: { message: string; id?: unknown; properties?: unknown } };

export interface RunSerializedProviderOptions {
  /** The serialized provider module text (what `pulumi.dynamic.Resource` stores as `__provider`). */
  text: string;
  /** The child's entire environment besides PATH. */
  env: Record<string, string>;
  steps: ProviderStep[];
  /** Kill the child after this long. Default 20 s. */
  timeoutMs?: number;
}

const RESULT_MARKER = "SERIALIZED_PROVIDER_RESULTS ";

/** The child's program: plain JavaScript, no TypeScript loader, no project code. */
const CHILD_SCRIPT = `
const Module = require("node:module");
const path = require("node:path");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const { text, steps } = JSON.parse(input);
  const filename = path.join(process.cwd(), "__provider.js");
  const loaded = new Module(filename);
  loaded.filename = filename;
  loaded.paths = Module._nodeModulePaths(process.cwd());
  loaded._compile(text, filename);
  const provider = loaded.exports.handler();
  const results = [];
  const resolve = (value) => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === "object") {
      if (typeof value.$step === "number") {
        let found = results[value.$step] && results[value.$step].value;
        for (const key of value.path || []) found = found === undefined ? undefined : found[key];
        return found;
      }
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    }
    return value;
  };
  for (const step of steps) {
    let args = resolve(step.args);
    if (step.method === "configure") {
      const values = args[0] || {};
      args = [{ config: {
        get: (key) => values[key],
        require: (key) => { if (values[key] === undefined) throw new Error("missing " + key); return values[key]; },
      } }];
    }
    try {
      const value = await provider[step.method](...args);
      results.push({ ok: true, value: value === undefined ? null : value });
    } catch (error) {
      results.push({ ok: false, error: { message: String(error && error.message), id: error && error.id, properties: error && error.properties } });
    }
  }
  process.stdout.write(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(results) + "\\n");
});
`;

/** Runs the steps in one child process; resolves with one result per step, or rejects with the child's output. */
export function runSerializedProvider(options: RunSerializedProviderOptions): Promise<StepResult[]> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", CHILD_SCRIPT], {
      cwd: PROJECT_ROOT,
      env: { ...options.env, PATH: process.env.PATH ?? "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
      if (line === undefined) {
        reject(
          new Error(
            `serialized provider process ended (code ${String(code)}, signal ${String(signal)}) without results\n` +
              `stdout:\n${stdout}\nstderr:\n${stderr}`,
          ),
        );
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as StepResult[]);
    });
    child.stdin.end(JSON.stringify({ text: options.text, steps: options.steps }));
  });
}
