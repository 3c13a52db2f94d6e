/**
 * 1. Program phase of a `preview`, under the SDK's real language runtime (`@pulumi/pulumi/cmd/run`,
 * started as the CLI's Node.js language host starts it; test/engine/languageRuntime.ts) against a
 * resource monitor and engine on 127.0.0.1. Per run it records three instants: the spawn, the
 * runtime setting the root stack resource (the SDK runs the program right after), and the
 * program's last resource registration. Median of `runs` runs per mode, modes interleaved; the
 * same figures for a one-resource program that only imports `@pulumi/pulumi` say what any
 * TypeScript program pays.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { runUnderLanguageRuntime, type LanguageRuntimeRun } from "../../test/engine/languageRuntime";
import { loadStackConfig, toPulumiConfig } from "../../test/program/runProgram";
import { REPO_ROOT } from "./processes";
import { median } from "./stats";

export interface ProgramPhaseMode {
  key: string;
  /** What the mode is, for the table. */
  label: string;
  /** tsconfig the runtime reads: the project's (infra/tsconfig.json) or one without `noCheck`. */
  tsconfig: "project" | "without-noCheck";
  /** PULUMI_NODEJS_TRANSPILE_ONLY, when set. */
  transpileOnlyEnv?: "true" | "false";
}

export const TYPE_CHECKED: ProgramPhaseMode = {
  key: "typecheck",
  label: "type-checked: a tsconfig without `noCheck` (how Pulumi ran before infra/tsconfig.json set it)",
  tsconfig: "without-noCheck",
};

export const PROJECT_SETTING: ProgramPhaseMode = {
  key: "project",
  label: "the project's setting: `noCheck: true` in infra/tsconfig.json → ts-node transpileOnly",
  tsconfig: "project",
};

export const ENV_OVERRIDE_FALSE: ProgramPhaseMode = {
  key: "env-false",
  label: "PULUMI_NODEJS_TRANSPILE_ONLY=false with the project's tsconfig (`noCheck` still passed to ts-node)",
  tsconfig: "project",
  transpileOnlyEnv: "false",
};

export interface PhaseFigures {
  /** Spawn → last registration. */
  wholeMs: number;
  /** Spawn → root stack resource set: the runtime's own start, before the program. */
  runtimeStartMs: number;
  /** Root stack resource set → last registration: the program phase. */
  programMs: number;
}

export interface ProgramPhaseResult {
  mode: ProgramPhaseMode;
  runs: PhaseFigures[];
  median: PhaseFigures;
  /** The same mode with a program that registers one component and imports only `@pulumi/pulumi`. */
  minimal: PhaseFigures;
  /** `type::name` of every resource the program registered (the same in every run). */
  registered: string[];
  /** Whether a program with a type error (TS2322) fails in this mode. */
  reportsTypeErrors: boolean;
}

const MINIMAL_PROGRAM =
  'import * as pulumi from "@pulumi/pulumi";\nnew pulumi.ComponentResource("bench:index:Minimal", "minimal");\n';
const TYPE_ERROR_PROGRAM = 'const wrong: number = "not a number";\nexport = wrong;\n';

/** The command a reader runs to re-measure, for the table. */
export function modeCommand(mode: ProgramPhaseMode): string {
  return `npm run bench -- --only program-phase${mode.key === "env-false" ? " --env-override" : ""}`;
}

/** A throw-away program directory: package.json, the project's tsconfig (extends made absolute), node_modules linked. */
function programDirectory(root: string, name: string, source: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, main: "index.ts" }));
  const infraConfigPath = path.join(REPO_ROOT, "infra", "tsconfig.json");
  const parsed = ts.parseConfigFileTextToJson(infraConfigPath, readFileSync(infraConfigPath, "utf8"));
  if (parsed.error !== undefined) throw new Error(`cannot read ${infraConfigPath}`);
  const config = parsed.config as { extends?: string };
  if (config.extends !== undefined) config.extends = path.resolve(REPO_ROOT, "infra", config.extends);
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config, null, 2));
  writeFileSync(path.join(dir, "index.ts"), source);
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

function modeEnvironment(mode: ProgramPhaseMode, withoutNoCheck: string): Record<string, string> {
  const env: Record<string, string> = {};
  if (mode.tsconfig === "without-noCheck") env.PULUMI_NODEJS_TSCONFIG_PATH = withoutNoCheck;
  if (mode.transpileOnlyEnv !== undefined) env.PULUMI_NODEJS_TRANSPILE_ONLY = mode.transpileOnlyEnv;
  return env;
}

function figures(run: LanguageRuntimeRun, what: string): PhaseFigures {
  const last = run.registrations.at(-1)?.at;
  if (run.exitCode !== 0 || last === undefined || run.programStartedAt === undefined) {
    const errors = run.logs.filter((entry) => entry.severity >= 3).map((entry) => entry.message);
    throw new Error(`${what} failed (exit ${run.exitCode}):\n${errors.join("\n")}${run.stderr}`);
  }
  return {
    wholeMs: last - run.spawnedAt,
    runtimeStartMs: run.programStartedAt - run.spawnedAt,
    programMs: last - run.programStartedAt,
  };
}

function medianFigures(runs: readonly PhaseFigures[]): PhaseFigures {
  return {
    wholeMs: median(runs.map((run) => run.wholeMs)),
    runtimeStartMs: median(runs.map((run) => run.runtimeStartMs)),
    programMs: median(runs.map((run) => run.programMs)),
  };
}

export async function measureProgramPhase(
  modes: readonly ProgramPhaseMode[],
  runs: number,
): Promise<ProgramPhaseResult[]> {
  const config = toPulumiConfig(loadStackConfig("Pulumi.dev.yaml"));
  const root = mkdtempSync(path.join(os.tmpdir(), "bench-program-phase-"));
  try {
    const withoutNoCheck = path.join(root, "tsconfig.without-noCheck.json");
    writeFileSync(withoutNoCheck, JSON.stringify({ extends: path.join(REPO_ROOT, "tsconfig.json") }));
    const minimal = programDirectory(root, "minimal", MINIMAL_PROGRAM);
    const typeError = programDirectory(root, "type-error", TYPE_ERROR_PROGRAM);
    const project = new Map(modes.map((mode) => [mode.key, [] as LanguageRuntimeRun[]]));
    const minimalRuns = new Map(modes.map((mode) => [mode.key, [] as PhaseFigures[]]));
    for (let run = 0; run < runs; run++) {
      for (const mode of modes) {
        const env = modeEnvironment(mode, withoutNoCheck);
        project
          .get(mode.key)!
          .push(await runUnderLanguageRuntime({ stack: "dev", config, preview: true, env }));
        const bare = await runUnderLanguageRuntime({
          stack: "dev",
          config: {},
          preview: true,
          env,
          programDirectory: minimal,
          entryPoint: ".",
        });
        minimalRuns.get(mode.key)!.push(figures(bare, `the minimal program (${mode.key})`));
      }
    }
    const results: ProgramPhaseResult[] = [];
    for (const mode of modes) {
      const all = project.get(mode.key)!;
      const perRun = all.map((run) => figures(run, `the program (${mode.key})`));
      const registered = all[0].registrations.map((r) => `${r.type}::${r.name}`).sort();
      for (const run of all) {
        const names = run.registrations.map((r) => `${r.type}::${r.name}`).sort();
        if (JSON.stringify(names) !== JSON.stringify(registered)) {
          throw new Error(`the program registered different resources in two ${mode.key} runs`);
        }
      }
      const probe = await runUnderLanguageRuntime({
        stack: "dev",
        config: {},
        preview: true,
        env: modeEnvironment(mode, withoutNoCheck),
        programDirectory: typeError,
        entryPoint: ".",
      });
      results.push({
        mode,
        runs: perRun,
        median: medianFigures(perRun),
        minimal: medianFigures(minimalRuns.get(mode.key)!),
        registered,
        reportsTypeErrors:
          probe.exitCode !== 0 && probe.logs.some((entry) => entry.message.includes("TS2322")),
      });
    }
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
