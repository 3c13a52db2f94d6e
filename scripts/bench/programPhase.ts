/**
 * 1. Program phase of a `preview`: wall time from spawning a fresh `node` (programChild.js, which
 * registers ts-node as Pulumi's run.js does, with cwd infra/) to the program's last resource
 * registration under Pulumi's mocks, per ts-node mode; median of `runs` runs, modes interleaved.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { loadStackConfig, toPulumiConfig } from "../../test/program/runProgram";
import { cleanEnvironment, REPO_ROOT, runCommand } from "./processes";
import { epochMs, median } from "./stats";

const CHILD = path.join(__dirname, "programChild.js");
const CHILD_TIMEOUT_MS = 120_000;

export interface ProgramPhaseMode {
  key: string;
  /** What the mode is, for the table. */
  label: string;
  /** Environment the child gets on top of the stack config. */
  env: Record<string, string>;
}

export const TYPE_CHECKED: ProgramPhaseMode = {
  key: "typecheck",
  label:
    "type-checked: transpileOnly false, no `noCheck` (how Pulumi ran before infra/tsconfig.json set `noCheck`)",
  env: { BENCH_TYPECHECK: "1" },
};

export const PROJECT_SETTING: ProgramPhaseMode = {
  key: "project",
  label: "the project's setting: `noCheck: true` in infra/tsconfig.json → transpileOnly true",
  env: {},
};

export const ENV_OVERRIDE_FALSE: ProgramPhaseMode = {
  key: "env-false",
  label: "PULUMI_NODEJS_TRANSPILE_ONLY=false with the project's tsconfig (`noCheck` still passed to ts-node)",
  env: { PULUMI_NODEJS_TRANSPILE_ONLY: "false" },
};

export interface ProgramPhaseResult {
  mode: ProgramPhaseMode;
  runsMs: number[];
  medianMs: number;
  /** What the child registered ts-node with. */
  transpileOnly: boolean;
  noCheck: boolean;
  /** `type::name` of every resource the program registered (the same in every run). */
  registered: string[];
  /** Whether ts-node, registered this way, rejected a file with a type error (TS2322). */
  reportsTypeErrors: boolean;
}

export interface ChildReport {
  lastRegistration: number;
  registered: string[];
  transpileOnly: boolean;
  noCheck: boolean;
}

/** The child's command line, for the table. */
export function childCommand(mode: ProgramPhaseMode): string {
  const env = Object.entries(mode.env).map(([name, value]) => `${name}=${value} `);
  return `cd infra && ${env.join("")}BENCH_PULUMI_CONFIG='<Pulumi.dev.yaml config>' node ../scripts/bench/programChild.js`;
}

export async function runOnce(
  mode: ProgramPhaseMode,
  config: Record<string, string>,
): Promise<ChildReport & { ms: number }> {
  const env = cleanEnvironment({
    ...mode.env,
    BENCH_PULUMI_CONFIG: JSON.stringify(config),
    BENCH_STACK: "dev",
  });
  let spawnedAt = 0;
  const result = await runCommand(process.execPath, [CHILD], {
    cwd: path.join(REPO_ROOT, "infra"),
    env,
    timeoutMs: CHILD_TIMEOUT_MS,
    onSpawn: () => (spawnedAt = epochMs()),
  });
  const line = result.stdout
    .split("\n")
    .reverse()
    .find((text) => text.startsWith("{"));
  if (result.code !== 0 || line === undefined) {
    throw new Error(
      `programChild.js (${mode.key}) failed with ${result.code}:\n${result.stderr}${result.stdout}`,
    );
  }
  const report = JSON.parse(line) as ChildReport;
  return { ...report, ms: report.lastRegistration - spawnedAt };
}

/**
 * Whether the mode's registration reports type errors: the child loads a one-line file with a
 * type error, next to a copy of infra/tsconfig.json (its `extends` made absolute), instead of the
 * program. The probe lives outside the checkout, so no other `tsc` run ever sees it.
 */
async function reportsTypeErrors(mode: ProgramPhaseMode): Promise<boolean> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-type-probe-"));
  try {
    const infraConfigPath = path.join(REPO_ROOT, "infra", "tsconfig.json");
    const parsed = ts.parseConfigFileTextToJson(infraConfigPath, readFileSync(infraConfigPath, "utf8"));
    if (parsed.error !== undefined) throw new Error(`cannot read ${infraConfigPath}`);
    const config = parsed.config as { extends?: string };
    if (config.extends !== undefined) config.extends = path.resolve(REPO_ROOT, "infra", config.extends);
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config, null, 2));
    const probe = path.join(dir, "probe.ts");
    writeFileSync(probe, 'const wrong: number = "not a number";\nexport = wrong;\n');
    const result = await runCommand(process.execPath, [CHILD], {
      cwd: dir,
      env: cleanEnvironment({ ...mode.env, BENCH_PROGRAM: probe }),
      timeoutMs: CHILD_TIMEOUT_MS,
    });
    const line = result.stdout.split("\n").find((text) => text.startsWith("{"));
    if (result.code !== 0 || line === undefined) {
      throw new Error(`type-error probe (${mode.key}) failed with ${result.code}:\n${result.stderr}`);
    }
    return ((JSON.parse(line) as { diagnosticCodes: number[] }).diagnosticCodes ?? []).includes(2322);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureProgramPhase(
  modes: readonly ProgramPhaseMode[],
  runs: number,
): Promise<ProgramPhaseResult[]> {
  const config = toPulumiConfig(loadStackConfig("Pulumi.dev.yaml"));
  const reports = new Map<string, (ChildReport & { ms: number })[]>(modes.map((mode) => [mode.key, []]));
  for (let run = 0; run < runs; run++) {
    for (const mode of modes) reports.get(mode.key)!.push(await runOnce(mode, config));
  }
  const typeErrors = new Map<string, boolean>();
  for (const mode of modes) typeErrors.set(mode.key, await reportsTypeErrors(mode));
  return modes.map((mode) => {
    const all = reports.get(mode.key)!;
    const registered = [...all[0].registered].sort();
    for (const report of all) {
      if (JSON.stringify([...report.registered].sort()) !== JSON.stringify(registered)) {
        throw new Error(`the program registered different resources in two ${mode.key} runs`);
      }
    }
    return {
      mode,
      runsMs: all.map((report) => report.ms),
      medianMs: median(all.map((report) => report.ms)),
      transpileOnly: all[0].transpileOnly,
      noCheck: all[0].noCheck,
      registered,
      reportsTypeErrors: typeErrors.get(mode.key)!,
    };
  });
}
