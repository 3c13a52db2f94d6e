/**
 * `npm run preflight -- --stack <name> [--identity reader|deployer] [--json <file>] [--markdown <file>]`
 *
 * Read-only checks to run before `pulumi preview`: the identity signs in and its token carries
 * every application permission this stack needs; every object the config refers to exists and is
 * the right kind (no placeholder ids); the tenant has Intune and the Web sign-in setting; and no
 * break-glass account or new joiner would be locked out of registering security info once the
 * stack's registration policy is in place.
 *
 * Exit codes: 0 every check passed (warnings allowed); 1 a check failed, or the identity could not
 * sign in; 2 bad command line, no stack file, or no Graph identity. Errors are one line on
 * standard error, never a stack trace.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import {
  EXIT_FINDINGS,
  EXIT_OK,
  failureExitCode,
  oneLine,
  runAsProcess,
  type CommandIo,
} from "../cli/command";
import { openStack, readStackSettings } from "../cli/stackIdentity";
import { tenantIdOf } from "../export/identity";
import { StackFileError } from "../export/stackFile";
import { parseArguments, UsageError, type PreflightOptions } from "./options";
import { renderJson, renderMarkdown, summary } from "./report";
import { failures, type CheckRow, type PreflightReport } from "./types";

export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../cli/command";

const USAGE =
  "usage: npm run preflight -- --stack <name> [--identity reader|deployer] [--json <file>] [--markdown <file>]";

export const HELP = `${USAGE}

Checks, without changing anything, that \`pulumi up\` of this stack can work and locks nobody out:
  - the identity signs in, and its token's roles carry every application permission this
    stack's config needs (missing ones fail; write permissions it does not need are warnings);
    with --identity reader: every read \`pulumi preview --refresh\` and preflight make (missing
    ones fail), no write permission is needed, and every write permission held is a warning;
  - every group, user, role and authentication strength the config names exists and is the
    right kind (names resolved as the program resolves them; placeholder ids such as
    00000000-0000-0000-0000-0000000000a1 fail);
  - Intune answers, and the settings catalog has the Enable Web Sign In setting; the Autopilot
    deployment profiles and their group assignments are read for the guardrails (PO-WSI-002:
    hybrid-join profiles on the Web sign-in group);
  - with the stack's registration policy in place of the live one, no break-glass account is
    blocked and a new joiner with a Temporary Access Pass can register security info (other
    personas are reported); break-glass users are cross-checked with Graph's What If.
Prints a Markdown table and writes a JSON report.

Options:
  --stack <name>      the Pulumi stack: Pulumi.<name>.yaml is read (config and azuread: keys)
  --identity <which>  deployer (default): the identity of \`pulumi up\` (deploy.yml);
                      reader: the read-only identity of pull-request previews (preview.yml)
  --json <file>       the JSON report (default <name>.preflight.json in the project directory)
  --markdown <file>   also write the Markdown table to this file
  --help              this text

Sign-in: as the program: azuread: keys of Pulumi.<stack>.yaml, then ARM_TENANT_ID, ARM_CLIENT_ID
and one of ARM_CLIENT_SECRET, ARM_USE_OIDC, ARM_USE_MSI, ARM_USE_CLI. Preflight reads only; beyond
the stack's own permissions it uses User.Read.All (break-glass users) and
RoleManagement.Read.Directory (excluded roles) when granted, reads the Autopilot deployment
profiles (DeviceManagementServiceConfig.Read.All, or any DeviceManagementConfiguration grant) for
PO-WSI-002, and says what it could not check
(with --identity reader they are required, as the reader runs preflight in pull requests).

Exit codes: 0 all checks passed (warnings allowed); 1 a check failed or sign-in failed;
2 bad usage, no stack file, or no identity.
`;

/** `cwd`: where relative --json / --markdown paths start; `projectDir`: where Pulumi.<stack>.yaml is read. */
export type PreflightIo = CommandIo;

function writeReports(options: PreflightOptions, report: PreflightReport, io: PreflightIo): void {
  const markdown = renderMarkdown(report);
  io.stdout(markdown);
  const files: [string, string][] = [[options.json, renderJson(report)]];
  if (options.markdown !== undefined) files.push([options.markdown, markdown]);
  for (const [file, text] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  io.stdout(
    `\npreflight: ${summary(report)}; wrote ${files.map(([file]) => basename(file)).join(" and ")}\n`,
  );
}

export async function run(args: readonly string[], io: PreflightIo): Promise<number> {
  try {
    const options = parseArguments(args, { cwd: io.cwd, projectDir: io.projectDir });
    if (options.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const { stackFile, connection } = openStack(
      options.stackFile,
      io.env,
      (message) => new UsageError(message),
    );

    // Loaded here, so --help and usage errors stay fast.
    const { createGraphClient } =
      require("../../infra/graph/client") as typeof import("../../infra/graph/client");
    const { runChecks } = require("./preflight") as typeof import("./preflight");
    const { signInAndReadRoles } = require("./token") as typeof import("./token");

    const report: PreflightReport = {
      stack: options.stack,
      tenantId: tenantIdOf(connection, io.env),
      graphEndpoint: connection.graphEndpoint,
      checkedAt: io.now().toISOString(),
      identity: options.identity,
      rows: [],
    };
    const { settings, problems } = readStackSettings(options.stackFile);
    if (problems.length > 0) {
      report.rows.push(
        ...problems.map((problem): CheckRow => ({
          area: "config",
          subject: basename(options.stackFile),
          status: "fail",
          detail: problem,
        })),
      );
      writeReports(options, report, io);
      return EXIT_FINDINGS;
    }
    let roles;
    try {
      roles = await signInAndReadRoles(connection);
    } catch (error) {
      report.rows.push({
        area: "permissions",
        subject: "sign-in",
        status: "fail",
        detail: `the identity could not sign in: ${oneLine(error)}`,
      });
      writeReports(options, report, io);
      return EXIT_FINDINGS;
    }
    report.rows.push({
      area: "permissions",
      subject: "sign-in",
      status: "pass",
      detail: `signed in${roles.objectId ? ` as service principal ${roles.objectId}` : ""}`,
    });
    const client = createGraphClient({ env: io.env, config: stackFile.azureadConfig });
    report.rows.push(...(await runChecks(client, settings, roles, options.identity)));
    writeReports(options, report, io);
    return failures(report).length === 0 ? EXIT_OK : EXIT_FINDINGS;
  } catch (error) {
    return failureExitCode("preflight", error, io, {
      usage: error instanceof UsageError,
      known: error instanceof StackFileError,
    });
  }
}

if (require.main === module) runAsProcess("preflight", run);
