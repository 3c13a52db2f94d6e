/**
 * A stand-in `pulumi` executable for driving the acceptance driver through the real
 * `@pulumi/pulumi/automation` code (argument building, process handling, CommandError, the
 * engine-event stream over gRPC) without the Pulumi CLI. It is a small Node script, put first on
 * PATH by the test; it never runs a program or reaches a tenant.
 *
 * It answers the commands the automation API sends for a local program: `version`, `stack select`,
 * `stack init`, `stack history`, `config --json`, `config set-all --json`, `config rm-all`,
 * `stack output --json`,
 * and `up` / `preview` / `refresh` / `destroy`, each of which plays the next run of a plan file
 * (events streamed to the `--event-log tcp://...` server, output, exit code). State lives in the
 * `file://` backend named by PULUMI_BACKEND_URL; the stack's config in `Pulumi.<stack>.yaml` in the
 * working directory, as YAML, like the real CLI. Any other command fails loudly. Every call is
 * appended to `calls.log` as a JSON line: its arguments, PULUMI_BACKEND_URL and working directory.
 */
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";

export interface FakeCliRun {
  command: "up" | "preview" | "refresh" | "destroy";
  events?: EngineEvent[];
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  /** Stack outputs after a successful up or refresh. */
  outputs?: Record<string, unknown>;
}

export interface FakeCli {
  /** The directory holding the `pulumi` script (put it first on PATH). */
  binDir: string;
  callsFile: string;
  /** Writes the runs the next operations play, in order. */
  plan(runs: FakeCliRun[]): void;
}

const SCRIPT = String.raw`#!/usr/bin/env node
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require(__YAML__);
const BIN = __dirname;
const args = process.argv.slice(2).filter((arg) => arg !== "--non-interactive");
fs.appendFileSync(
  path.join(BIN, "calls.log"),
  JSON.stringify({ args, backend: process.env.PULUMI_BACKEND_URL || null, cwd: process.cwd() }) + "\n",
);

function fail(message, code = 255) {
  process.stderr.write(message + "\n");
  process.exit(code);
}
function flag(name) {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}
if (args[0] === "version") {
  process.stdout.write((process.env.FAKE_PULUMI_VERSION || "v3.265.0") + "\n");
  process.exit(0);
}

const backend = process.env.PULUMI_BACKEND_URL || "";
if (!backend.startsWith("file://")) fail("fake pulumi: expected a file:// PULUMI_BACKEND_URL, got " + JSON.stringify(backend), 99);
const stateDir = backend.slice("file://".length);
if (!fs.existsSync(stateDir)) fail("error: could not open backend " + backend + ": directory does not exist");
if (!process.env.PULUMI_CONFIG_PASSPHRASE && !process.env.PULUMI_CONFIG_PASSPHRASE_FILE) {
  fail("error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables");
}
const stateFile = path.join(stateDir, "fake-state.json");
const state = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, "utf8")) : { stacks: {} };
const save = () => fs.writeFileSync(stateFile, JSON.stringify(state));
const stackName = args[0] === "stack" && args[1] === "init" ? args[2] : flag("--stack");
if (!stackName) fail("fake pulumi: no stack in " + JSON.stringify(args), 99);
const stackFile = path.join(process.cwd(), "Pulumi." + stackName + ".yaml");
const readStackFile = () => (fs.existsSync(stackFile) ? yaml.parse(fs.readFileSync(stackFile, "utf8")) || {} : {});
const writeStackFile = (document) => fs.writeFileSync(stackFile, yaml.stringify(document));
const command = args.slice(0, 2).join(" ");

if (command === "stack init") {
  if (process.env.FAKE_PULUMI_FAIL_INIT) fail("\u001b[31merror:\u001b[0m " + process.env.FAKE_PULUMI_FAIL_INIT);
  if (state.stacks[stackName]) fail("error: stack '" + stackName + "' already exists");
  state.stacks[stackName] = { outputs: {} };
  save();
  const document = readStackFile();
  writeStackFile({ encryptionsalt: "v1:fake-salt", ...document });
  process.exit(0);
}
if (!state.stacks[stackName]) fail("error: no stack named '" + stackName + "' found");
const stack = state.stacks[stackName];

if (command === "stack select") process.exit(0);
if (command === "stack history") {
  process.stdout.write("[]");
  process.exit(0);
}
if (command === "stack output") {
  process.stdout.write(JSON.stringify(stack.outputs));
  process.exit(0);
}
if (args[0] === "config" && args.includes("--json") && !args.includes("set-all")) {
  const config = readStackFile().config || {};
  const result = {};
  for (const [key, value] of Object.entries(config)) {
    result[key] =
      typeof value === "string"
        ? { value, secret: false }
        : { value: JSON.stringify(value), objectValue: value, secret: false };
  }
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}
if (command === "config set-all") {
  const given = JSON.parse(flag("--json"));
  const document = readStackFile();
  document.config = document.config || {};
  for (const [key, entry] of Object.entries(given)) {
    if (!/^[^:]+:[^:]+$/.test(key)) fail("error: invalid configuration key " + JSON.stringify(key));
    document.config[key] = entry.objectValue !== undefined ? entry.objectValue : entry.value;
  }
  writeStackFile(document);
  process.exit(0);
}
if (command === "config rm-all") {
  const document = readStackFile();
  const keys = args.slice(2).filter((arg, i, all) => arg !== "--stack" && all[i - 1] !== "--stack");
  for (const key of keys) delete (document.config || {})[key];
  writeStackFile(document);
  process.exit(0);
}
if (!["up", "preview", "refresh", "destroy"].includes(args[0])) fail("fake pulumi: unexpected command " + JSON.stringify(args), 99);

const planFile = path.join(BIN, "plan.json");
const plan = JSON.parse(fs.readFileSync(planFile, "utf8"));
const run = plan.shift();
fs.writeFileSync(planFile, JSON.stringify(plan));
if (!run || run.command !== args[0]) fail("fake pulumi: " + args[0] + " was not planned (next: " + (run ? run.command : "nothing") + ")", 99);

function finish() {
  if (run.stdout) process.stdout.write(run.stdout);
  if (run.stderr) process.stderr.write(run.stderr);
  const code = run.exitCode || 0;
  if (code === 0 && (args[0] === "up" || args[0] === "refresh")) stack.outputs = run.outputs || stack.outputs;
  if (code === 0 && args[0] === "destroy") stack.outputs = {};
  save();
  process.exit(code);
}
const eventLog = flag("--event-log") || "";
if (!eventLog.startsWith("tcp://")) fail("fake pulumi: expected --event-log tcp://..., got " + JSON.stringify(eventLog), 99);
const grpc = require(__GRPC__);
const services = require(__EVENTS_GRPC__);
const messages = require(__EVENTS_PB__);
const client = new services.EventsClient(eventLog.slice("tcp://".length), grpc.credentials.createInsecure());
const call = client.streamEvents((error) => {
  if (error) fail("fake pulumi: event stream failed: " + error.message, 99);
  client.close();
  finish();
});
for (const event of run.events || []) {
  const request = new messages.EventRequest();
  request.setEvent(JSON.stringify(event));
  call.write(request);
}
call.end();
`;

/** Writes the stand-in CLI into a fresh directory. */
export function installFakeCli(): FakeCli {
  const binDir = mkdtempSync(join(tmpdir(), "fake-pulumi-cli-"));
  const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
  const script = SCRIPT.replace("__YAML__", JSON.stringify(require.resolve("yaml")))
    .replace("__GRPC__", JSON.stringify(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })))
    .replace("__EVENTS_GRPC__", JSON.stringify(join(pulumiDir, "proto", "events_grpc_pb.js")))
    .replace("__EVENTS_PB__", JSON.stringify(join(pulumiDir, "proto", "events_pb.js")));
  const executable = join(binDir, "pulumi");
  writeFileSync(executable, script);
  chmodSync(executable, 0o755);
  writeFileSync(join(binDir, "plan.json"), "[]");
  return {
    binDir,
    callsFile: join(binDir, "calls.log"),
    plan: (runs) => writeFileSync(join(binDir, "plan.json"), JSON.stringify(runs)),
  };
}
