/**
 * `npm run bench`: measures the program phase, provider serialization, Graph requests, latency
 * sensitivity and settings paging, prints the results as Markdown tables and writes them into
 * BENCHMARKS.md between its markers. See BENCHMARKS.md for what each figure means.
 *
 *   npm run bench                        all sections but `npm test` (about 2 minutes)
 *   npm run bench -- --npm-test          also times `npm test` and `npm run test:scenarios` (about 4 more minutes)
 *   npm run bench -- --only <s>[,<s>]    some sections only, printed, BENCHMARKS.md untouched:
 *                                        program-phase, serialization, requests, latency, settings, npm-test
 *   npm run bench -- --env-override      program phase also with PULUMI_NODEJS_TRANSPILE_ONLY=false
 *   npm run bench -- --runs <n>          program-phase runs per mode (default 5)
 *   npm run bench -- --no-write          print only
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as prettier from "prettier";
import { CA_DIR_ENV, writeKeyMaterial } from "../../test/sandbox/certificates";
import type { FirstUseFigures } from "./firstUse";
import type { FloorFigures, FloorInput, FloorTransport } from "./floor";
import { isShaped, type LifecycleInput, type LifecycleResult } from "./lifecycle";
import { renderSection, replaceBetweenMarkers, type Section } from "./markdown";
import { measureNpmTest, TEST_COMMANDS, type NpmTestResult } from "./npmTest";
import { readCommandLine, PROCESS_IO } from "../cli/commandLine";
import { BENCH_USAGE, parseArguments } from "./options";
import { cleanEnvironment, killOwnGroups, REPO_ROOT, runWorker } from "./processes";
import { ENV_OVERRIDE_FALSE, measureProgramPhase, PROJECT_SETTING, TYPE_CHECKED } from "./programPhase";
import {
  BENCH_COMMAND,
  latencySection,
  npmTestSection,
  programPhaseSection,
  requestsSection,
  serializationSection,
  settingsSection,
} from "./report";
import type { SerializationResult } from "./serialization";
import type { SettingsReadFigure } from "./settingsReads";

const WORKER_TIMEOUT_MS = 120_000;
const LATENCY_MS = 50;
const SETTINGS_COUNTS = [25, 100, 400];
const BENCHMARKS_FILE = path.join(REPO_ROOT, "BENCHMARKS.md");

const FLOOR_TRANSPORTS: readonly FloorTransport[] = ["fetch", "https"];

type MeasuredLifecycle = LifecycleResult & { floors?: FloorFigures[] };

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/**
 * Runs lifecycles in fresh workers that trust a throw-away sandbox CA (as test/run.ts sets it up);
 * a lifecycle that recorded a replay plan is followed by its floor (floor.ts) in another fresh worker.
 */
async function runLifecycles(inputs: readonly LifecycleInput[]): Promise<MeasuredLifecycle[]> {
  const caDir = mkdtempSync(path.join(os.tmpdir(), "bench-sandbox-ca-"));
  try {
    const material = writeKeyMaterial(caDir);
    const env = cleanEnvironment({ NODE_EXTRA_CA_CERTS: material.ca.certFile, [CA_DIR_ENV]: caDir });
    const results: MeasuredLifecycle[] = [];
    for (const input of inputs) {
      log(`lifecycle: ${JSON.stringify(input)}`);
      const result = await runWorker<LifecycleResult>("lifecycle", input, env, WORKER_TIMEOUT_MS, "host");
      if (result.replay === undefined) {
        results.push(result);
        continue;
      }
      const floors: FloorFigures[] = [];
      for (const transport of FLOOR_TRANSPORTS) {
        log(`floor: the same ${result.replay.requests.length} requests from a bare ${transport} client`);
        const input: FloorInput = { plan: result.replay, transport };
        const floor = await runWorker<FloorFigures>("floor", input, env, WORKER_TIMEOUT_MS, "host");
        if (floor.mismatches.length > 0)
          throw new Error(`${transport} floor replay diverged: ${floor.mismatches.join("; ")}`);
        floors.push(floor);
      }
      results.push({ ...result, floors });
    }
    return results;
  } finally {
    rmSync(caDir, { recursive: true, force: true });
  }
}

async function runSettings(): Promise<SettingsReadFigure[]> {
  const caDir = mkdtempSync(path.join(os.tmpdir(), "bench-sandbox-ca-"));
  try {
    const material = writeKeyMaterial(caDir);
    const env = cleanEnvironment({ NODE_EXTRA_CA_CERTS: material.ca.certFile, [CA_DIR_ENV]: caDir });
    return await runWorker<SettingsReadFigure[]>("settings", SETTINGS_COUNTS, env, WORKER_TIMEOUT_MS);
  } finally {
    rmSync(caDir, { recursive: true, force: true });
  }
}

function machine(): string {
  const cpus = os.cpus();
  const memory = Math.round(os.totalmem() / 2 ** 30);
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${memory} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

async function formatMarkdown(text: string): Promise<string> {
  const config = (await prettier.resolveConfig(BENCHMARKS_FILE)) ?? {};
  return prettier.format(text, { ...config, filepath: BENCHMARKS_FILE });
}

export async function main(args: readonly string[]): Promise<void> {
  const commandLine = readCommandLine("bench", BENCH_USAGE, args, parseArguments, PROCESS_IO);
  if ("exitCode" in commandLine) {
    process.exitCode = commandLine.exitCode;
    return;
  }
  const options = commandLine.options;
  const started = new Date();
  const sections: Section[] = [];
  let npmTest: Section | undefined;

  if (options.sections.has("program-phase")) {
    const modes = [TYPE_CHECKED, PROJECT_SETTING, ...(options.envOverride ? [ENV_OVERRIDE_FALSE] : [])];
    log(`program phase: ${options.runs} runs × ${modes.map((m) => m.key).join(", ")}`);
    sections.push(programPhaseSection(await measureProgramPhase(modes, options.runs), options.runs));
  }
  if (options.sections.has("serialization")) {
    log("serialization");
    const result = await runWorker<SerializationResult>(
      "serialization",
      null,
      cleanEnvironment(),
      WORKER_TIMEOUT_MS,
    );
    sections.push(serializationSection(result));
  }
  const wantsRequests = options.sections.has("requests");
  const wantsLatency = options.sections.has("latency");
  if (wantsRequests || wantsLatency) {
    const inputs: LifecycleInput[] = [{ credential: "secret" }];
    if (wantsRequests) inputs.push({ credential: "oidc-token" }, { credential: "github-oidc" });
    if (wantsLatency) {
      inputs.push(
        { credential: "secret", latencyMs: LATENCY_MS },
        { credential: "secret", delayMs: LATENCY_MS },
      );
    }
    const results = await runLifecycles(inputs);
    if (wantsRequests) sections.push(requestsSection(results));
    if (wantsLatency) {
      const secret = results.filter((r) => r.input.credential === "secret");
      const undelayed = secret.find((r) => !isShaped(r.input))!;
      const withLatency = secret.find((r) => r.input.latencyMs === LATENCY_MS)!;
      const delayedFirst = secret.find((r) => r.input.delayMs === LATENCY_MS)!;
      log("first-use loads in a fresh worker");
      const firstUse = await runWorker<FirstUseFigures>(
        "first-use",
        null,
        cleanEnvironment(),
        WORKER_TIMEOUT_MS,
        "host",
      );
      sections.push(latencySection(withLatency, delayedFirst, undelayed, withLatency.floors ?? [], firstUse));
    }
  }
  if (options.sections.has("settings")) {
    log("settings reads");
    sections.push(settingsSection(await runSettings()));
  }
  if (options.sections.has("npm-test")) {
    const results: NpmTestResult[] = [];
    for (const command of TEST_COMMANDS) {
      log(`npm ${command.join(" ")} (about 2 minutes)`);
      const result = await measureNpmTest(command);
      if (result.exitCode !== 0)
        log(`npm ${command.join(" ")} failed (exit ${result.exitCode}):\n${result.tail}`);
      results.push(result);
    }
    npmTest = npmTestSection(results, `${started.toISOString().slice(0, 10)}, ${machine()}`);
  }

  const command = [BENCH_COMMAND, ...(args.length > 0 ? ["--", ...args] : [])].join(" ");
  const header =
    `Measured ${started.toISOString().replace(/\.\d+Z$/, "Z")} by \`${command}\` on ${machine()}. ` +
    "Every figure in these tables comes from that one run.";
  const results = [header, ...sections.map(renderSection)].join("\n\n");
  const printed = [results, ...(npmTest ? [renderSection(npmTest)] : [])].join("\n\n");
  process.stdout.write(`${await formatMarkdown(printed)}`);

  if (!options.write) return;
  if (options.partial) {
    log("--only: BENCHMARKS.md left as it is (it records a full run)");
    return;
  }
  let document = readFileSync(BENCHMARKS_FILE, "utf8");
  document = replaceBetweenMarkers(document, "results", results);
  if (npmTest) document = replaceBetweenMarkers(document, "npm-test", renderSection(npmTest));
  writeFileSync(BENCHMARKS_FILE, await formatMarkdown(document));
  log("BENCHMARKS.md updated");
}

if (require.main === module) {
  process.on("SIGINT", () => {
    killOwnGroups();
    process.exit(130);
  });
  main(process.argv.slice(2)).catch((error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
