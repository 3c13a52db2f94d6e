/**
 * The command line: `--stack <name>` and either `--user <UPN or id> [--lifetime <minutes>]
 * [--start <ISO time>]` or `--from <csv> [--out <file>]`, with `--usable-once`,
 * `--usable-once-not-for-autopilot` and `--replace`; `--help`. Bad usage throws a UsageError
 * (exit 2).
 */
import { basename, dirname, extname, join, resolve } from "node:path";
import { stackNameOf, UsageError as ExportUsageError } from "../export/options";
import { parseLifetime, parseStart, parseUser, type PassRequest } from "./passRequest";
import { UsageError } from "./usageError";

/** One user, printed once; or a batch from a CSV, written to an owner-only file. */
export type IssueMode =
  | { kind: "single"; request: PassRequest }
  /** `from`: the CSV, absolute; `out`: where the passes go (default `<csv name>.passes.csv` beside it). */
  | { kind: "batch"; from: string; out: string };

export interface IssueTapOptions {
  /** The stack name as given (may be qualified: `org/project/stack`). */
  stack: string;
  /** `Pulumi.<stack>.yaml` in the project directory: the identity's settings. */
  stackFile: string;
  mode: IssueMode;
  /** Ask for one-time passes (`--usable-once`). */
  usableOnce: boolean;
  /** The operator says these passes are not for an Autopilot enrollment, so one-time passes are fine. */
  notForAutopilot: boolean;
  /** Replace a pass the user already holds (`--replace`). */
  replace: boolean;
}

export type ParsedArguments = { help: true } | ({ help: false } & IssueTapOptions);

const VALUED = ["--stack", "--user", "--lifetime", "--start", "--from", "--out"] as const;
type ValuedFlag = (typeof VALUED)[number];
const SWITCHES = ["--usable-once", "--usable-once-not-for-autopilot", "--replace"] as const;

/** The switch that confirms a one-time pass is wanted: its name is the reason. */
export const NOT_FOR_AUTOPILOT_FLAG = "--usable-once-not-for-autopilot";

function readFlags(args: readonly string[]): { values: Map<ValuedFlag, string>; switches: Set<string> } {
  const values = new Map<ValuedFlag, string>();
  const switches = new Set<string>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if ((VALUED as readonly string[]).includes(arg)) {
      const value = args[index + 1];
      if (value === undefined || value === "" || value.startsWith("--"))
        throw new UsageError(`${arg} needs a value`);
      if (values.has(arg as ValuedFlag)) throw new UsageError(`${arg} is given twice`);
      values.set(arg as ValuedFlag, value);
      index += 1;
    } else if ((SWITCHES as readonly string[]).includes(arg)) {
      switches.add(arg);
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      throw new UsageError(
        `unexpected argument ${JSON.stringify(arg)} (the user is given with --user <UPN or id>)`,
      );
    }
  }
  return { values, switches };
}

function stackFileOf(stack: string, projectDir: string): string {
  try {
    return join(projectDir, `Pulumi.${stackNameOf(stack)}.yaml`);
  } catch (error) {
    if (error instanceof ExportUsageError) throw new UsageError(error.message);
    throw error;
  }
}

export function parseArguments(
  args: readonly string[],
  context: { cwd: string; projectDir: string; now: Date },
): ParsedArguments {
  if (args.includes("--help") || args.includes("-h")) return { help: true };
  const { values, switches } = readFlags(args);
  const stack = values.get("--stack");
  if (stack === undefined) throw new UsageError("missing --stack <name>");
  const user = values.get("--user");
  const from = values.get("--from");
  if ((user === undefined) === (from === undefined))
    throw new UsageError("give either --user <UPN or id> or --from <csv>, not both and not neither");
  const usableOnce = switches.has("--usable-once");
  const notForAutopilot = switches.has(NOT_FOR_AUTOPILOT_FLAG);
  if (usableOnce && !notForAutopilot)
    throw new UsageError(
      `--usable-once: a one-time pass is used up by the first sign-in, and an Autopilot enrollment that ` +
        `reboots needs a second one; if these passes are not for Autopilot, add ${NOT_FOR_AUTOPILOT_FLAG}`,
    );
  const common = {
    stack,
    stackFile: stackFileOf(stack, context.projectDir),
    usableOnce,
    notForAutopilot,
    replace: switches.has("--replace"),
  };
  if (from !== undefined) {
    for (const flag of ["--lifetime", "--start"] as const)
      if (values.has(flag))
        throw new UsageError(
          `${flag} cannot be used with --from: give it per user in the CSV's ${flag.slice(2)} column`,
        );
    const csv = resolve(context.cwd, from);
    const out = values.get("--out");
    const defaultOut = join(dirname(csv), `${basename(csv, extname(csv))}.passes.csv`);
    const outPath = out === undefined ? defaultOut : resolve(context.cwd, out);
    if (outPath === csv)
      throw new UsageError("--out names the --from file: the passes need a file of their own");
    return { help: false, ...common, mode: { kind: "batch", from: csv, out: outPath } };
  }
  if (values.has("--out"))
    throw new UsageError("--out is only for --from: a single pass is printed, never written to a file");
  const lifetime = values.get("--lifetime");
  const start = values.get("--start");
  const request: PassRequest = {
    source: "--user",
    user: parseUser(user ?? "", "--user"),
    ...(lifetime === undefined ? {} : { lifetimeInMinutes: parseLifetime(lifetime, "--lifetime") }),
    ...(start === undefined ? {} : { startDateTime: parseStart(start, "--start", context.now) }),
  };
  return { help: false, ...common, mode: { kind: "single", request } };
}
