/** The command line of `npm run bench` (see main.ts). */
import { UsageError } from "../cli/commandLine";

export const SECTIONS = [
  "program-phase",
  "serialization",
  "requests",
  "latency",
  "settings",
  "npm-test",
] as const;
export type SectionName = (typeof SECTIONS)[number];

export interface BenchOptions {
  sections: Set<SectionName>;
  /** Whether --only was given (then BENCHMARKS.md is left alone). */
  partial: boolean;
  envOverride: boolean;
  runs: number;
  write: boolean;
}

export function parseArguments(args: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    sections: new Set(SECTIONS.filter((s) => s !== "npm-test")),
    partial: false,
    envOverride: false,
    runs: 5,
    write: true,
  };
  let npmTest = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--npm-test") npmTest = true;
    else if (arg === "--env-override") options.envOverride = true;
    else if (arg === "--no-write") options.write = false;
    else if (arg === "--runs" && /^[1-9]\d?$/.test(args[i + 1] ?? "")) options.runs = Number(args[++i]);
    else if (arg === "--only" && args[i + 1] !== undefined) {
      const names = args[++i].split(",");
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (unknown.length > 0)
        throw new UsageError(`unknown section(s) ${unknown.join(", ")}; expected ${SECTIONS.join(", ")}`);
      options.sections = new Set(names as SectionName[]);
      options.partial = true;
    } else {
      throw new UsageError(
        `unknown or incomplete argument ${JSON.stringify(arg)}; expected --npm-test, --only <sections>, ` +
          "--env-override, --runs <1-99> or --no-write",
      );
    }
  }
  if (npmTest) options.sections.add("npm-test");
  return options;
}

export const BENCH_USAGE = `usage: npm run bench -- [--only <sections>] [--npm-test] [--runs <1-99>] [--env-override] [--no-write]

Measures the program phase, the providers' serialization, Graph and token requests per operation,
the lifecycle under 50 ms latency and paged settings reads, and writes the tables into
BENCHMARKS.md (a full run only).

  --only <sections>  comma-separated, of ${SECTIONS.join(", ")}; leaves BENCHMARKS.md alone
  --npm-test         also time npm test and npm run test:scenarios (about 4 minutes)
  --runs <1-99>      program-phase runs per mode (default 5; medians are reported)
  --env-override     also measure PULUMI_NODEJS_TRANSPILE_ONLY=false
  --no-write         print the tables only

Exit codes: 0 measured; 1 a measurement failed; 2 bad usage.`;
