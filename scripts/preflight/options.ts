/**
 * The command line: `--stack <name> [--identity reader|deployer] [--json <file>] [--markdown <file>]`,
 * and `--help`. Bad usage throws a UsageError (exit 2).
 */
import { join, resolve } from "node:path";
import { stackNameOf, UsageError as ExportUsageError } from "../export/options";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Which identity signs in: the `deployer` (deploy.yml, `pulumi up`: needs the write permissions)
 * or the pull-request `reader` (preview.yml, `pulumi preview --refresh`: needs reads only, and
 * should hold no write permission).
 */
export type PreflightIdentity = "reader" | "deployer";

export const IDENTITIES: readonly PreflightIdentity[] = ["reader", "deployer"];

export interface PreflightOptions {
  /** The stack name as given (may be qualified: `org/project/stack`). */
  stack: string;
  stackName: string;
  /** `Pulumi.<stackName>.yaml` in the project directory. */
  stackFile: string;
  /** The JSON report (default `<stackName>.preflight.json` in the project directory). */
  json: string;
  /** Where to write the Markdown table besides standard output; undefined: standard output only. */
  markdown?: string;
  /** Whose permissions are checked (default `deployer`). */
  identity: PreflightIdentity;
}

export type ParsedArguments = { help: true } | ({ help: false } & PreflightOptions);

export function parseArguments(
  args: readonly string[],
  dirs: { cwd: string; projectDir: string },
): ParsedArguments {
  let stack: string | undefined;
  let json: string | undefined;
  let markdown: string | undefined;
  let identity: PreflightIdentity = "deployer";
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--help" || arg === "-h") return { help: true };
    if (arg === "--stack" || arg === "--json" || arg === "--markdown" || arg === "--identity") {
      const value = args[index + 1];
      if (value === undefined || value === "" || value.startsWith("--"))
        throw new UsageError(`${arg} needs a value`);
      index += 1;
      if (arg === "--stack") stack = value;
      else if (arg === "--identity") {
        if (!(IDENTITIES as readonly string[]).includes(value))
          throw new UsageError(`--identity must be reader or deployer, not ${JSON.stringify(value)}`);
        identity = value as PreflightIdentity;
      } else if (arg === "--json") json = value;
      else markdown = value;
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      throw new UsageError(
        `unexpected argument ${JSON.stringify(arg)} (the stack is given with --stack <name>)`,
      );
    }
  }
  if (stack === undefined) throw new UsageError("missing --stack <name>");
  let stackName: string;
  try {
    stackName = stackNameOf(stack);
  } catch (error) {
    if (error instanceof ExportUsageError) throw new UsageError(error.message);
    throw error;
  }
  const jsonPath =
    json === undefined ? join(dirs.projectDir, `${stackName}.preflight.json`) : resolve(dirs.cwd, json);
  const markdownPath = markdown === undefined ? undefined : resolve(dirs.cwd, markdown);
  if (markdownPath !== undefined && markdownPath === jsonPath)
    throw new UsageError("--json and --markdown name the same file");
  return {
    help: false,
    stack,
    stackName,
    stackFile: join(dirs.projectDir, `Pulumi.${stackName}.yaml`),
    json: jsonPath,
    markdown: markdownPath,
    identity,
  };
}
