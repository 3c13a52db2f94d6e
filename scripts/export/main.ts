/**
 * `npm run export -- --stack <name> [--out <file>] [--ids] [--report <file>] [--force]`
 *
 * Reads a tenant's TAP policy, the Conditional Access policies for security-info registration,
 * the settings-catalog profiles with Web sign-in (settings and assignments) and the Autopilot
 * groups, and writes the stack config that describes them, with what is needed to adopt each
 * existing object on the next `pulumi up`, plus a Markdown report of everything found and
 * everything the config cannot express. Read-only: it sends no write request to Graph.
 *
 * Exit codes: 0 written, and everything maps onto the config; 1 written with points to review
 * (something not expressible, a read that failed, a config-reader problem or a guardrail error),
 * or the tenant could not be read (nothing written); 2 bad command line, no Graph identity, or an
 * output file that exists without --force. Errors are one line on standard error, never a stack trace.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { createGraphClient } from "../../infra/graph/client";
import { EXIT_FINDINGS, EXIT_OK, failureExitCode, runAsProcess, type CommandIo } from "../cli/command";
import { checkExport, namespaceValues } from "./checks";
import { exportTenant } from "./exportTenant";
import { resolveIdentity, tenantIdOf } from "./identity";
import { parseArguments, UsageError, type ExportOptions } from "./options";
import { READ_PERMISSIONS } from "./read/permissions";
import { isTenantUnreadableError } from "./read/tenant";
import { renderReport, reviewCount, verdict } from "./report";
import { readStackFile, StackFileError } from "./stackFile";
import { renderStackFile } from "./yaml/stackDocument";

export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../cli/command";

const USAGE = "usage: npm run export -- --stack <name> [--out <file>] [--ids] [--report <file>] [--force]";

export const HELP = `${USAGE}

Exports a tenant's passwordless-onboarding objects into a stack config, so that \`pulumi up\`
adopts them instead of creating new ones.

Reads (and never changes):
  - the Temporary Access Pass policy;
  - the Conditional Access policies that target "Register security information";
  - the settings-catalog profiles with Enable Web Sign In, their settings and assignments;
  - the groups, to find Autopilot groups ([ZTDId] / [OrderID] rules) and name references.
Writes Pulumi.<stack>.yaml (or --out) with the five passwordless-onboarding keys, and a Markdown
report (default <stack>.export.md next to it): each object found, its id, how it maps to the
config, and everything the config cannot express. Then runs the written config through the
program's config reader and guardrails and prints their findings.

Options:
  --stack <name>    the Pulumi stack (names the output file; its azuread: keys are used to sign in)
  --out <file>      the YAML to write (default Pulumi.<stack>.yaml)
  --report <file>   the Markdown report (default <stack>.export.md next to the YAML)
  --ids             reference groups and users by object id (default: by displayName /
                    userPrincipalName, so the config applies to another tenant with the same names)
  --force           overwrite existing output files (entries of a stack file outside
                    passwordless-onboarding, such as azuread: keys and secrets, are kept)
  --help            this text

Sign-in: the program's settings: azuread: keys of Pulumi.<stack>.yaml, then ARM_TENANT_ID,
ARM_CLIENT_ID and one of ARM_CLIENT_SECRET, ARM_USE_OIDC, ARM_USE_MSI, ARM_USE_CLI (ARM_ENVIRONMENT,
GRAPH_ENDPOINT as for the program). Read-only application permissions suffice:
${READ_PERMISSIONS.map((entry) => `  ${entry.permission.padEnd(40)} ${entry.objects}`).join("\n")}
  (GroupMember.Read.All may be Group.Read.All; User.Read.All is not needed with --ids.)

Exit codes: 0 written, nothing to review; 1 written with points to review (see the report), or the
tenant could not be read; 2 bad usage, no identity, or an output file exists without --force.
`;

/** `cwd`: where relative --out / --report paths start; `projectDir`: where Pulumi.<stack>.yaml is read and (by default) written. */
export type ExportIo = CommandIo;

function refuseExisting(options: ExportOptions): void {
  if (options.force) return;
  for (const [file, option] of [
    [options.out, "--out"],
    [options.report, "--report"],
  ] as const) {
    if (existsSync(file)) {
      throw new UsageError(
        `${basename(file)} exists: add --force to overwrite it (entries outside passwordless-onboarding are kept), ` +
          `or write elsewhere with ${option} <file>`,
      );
    }
  }
}

function header(
  options: ExportOptions,
  tenantId: string,
  graphEndpoint: string,
  exportedAt: string,
): string[] {
  return [
    `Exported by \`npm run export -- --stack ${options.stack}${options.ids ? " --ids" : ""}\` on ${exportedAt}`,
    `from Microsoft Entra tenant ${tenantId} (Microsoft Graph ${graphEndpoint}).`,
    `What was found, how it maps and what this config cannot express: ${basename(options.report)}.`,
    options.ids
      ? "Groups and users are referenced by object id (--ids); their names are comments."
      : "Groups are referenced by displayName and users by userPrincipalName (--ids writes object ids).",
    "Existing objects are adopted on the next `pulumi up` (adoptExisting: true) instead of created again;",
    "the Temporary Access Pass policy is a tenant singleton and always adopted. Review the report, then",
    "run `pulumi preview`: it should show no change to the objects found.",
  ];
}

/** Guards against an emitter bug: the YAML must read back as exactly the exported settings. */
function assertReadsBack(yamlText: string, expected: unknown): void {
  const actual = JSON.stringify(namespaceValues(yamlText));
  const wanted = JSON.stringify(
    Object.fromEntries(
      Object.entries(expected as Record<string, unknown>).filter(([, value]) => value !== undefined),
    ),
  );
  if (actual !== wanted)
    throw new Error(`the written YAML does not read back as the exported settings: ${actual}`);
}

export async function run(args: readonly string[], io: ExportIo): Promise<number> {
  try {
    const options = parseArguments(args, { cwd: io.cwd, projectDir: io.projectDir });
    if (options.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    refuseExisting(options);
    const stackFile = readStackFile(options.stackFile);
    const connection = resolveIdentity(io.env, stackFile, basename(options.stackFile));
    const client = createGraphClient({ env: io.env, config: stackFile.azureadConfig });
    const mode = options.ids ? "ids" : "names";
    const model = await exportTenant(client, mode);

    const tenantId = tenantIdOf(connection, io.env);
    const exportedAt = io.now().toISOString();
    const preserved = existsSync(options.out) ? readStackFile(options.out).preserved : undefined;
    const yamlText = renderStackFile(
      header(options, tenantId, connection.graphEndpoint, exportedAt),
      model,
      preserved,
    );
    assertReadsBack(yamlText, model.config);
    const notRead = model.sections
      .filter((section) => section.status === "notRead")
      .map((section) => section.key);
    const checks = checkExport(yamlText, model.settingsWithIds, notRead);
    const report = renderReport(model, checks, {
      stack: options.stack,
      tenantId,
      exportedAt,
      yamlFile: options.out,
      mode,
    });
    for (const file of [options.out, options.report]) mkdirSync(dirname(file), { recursive: true });
    writeFileSync(options.out, yamlText);
    writeFileSync(options.report, report);

    for (const failure of model.failures) io.stderr(`export: ${failure.line}\n`);
    io.stdout(`export: wrote ${options.out} and ${options.report} (tenant ${tenantId})\n`);
    for (const problem of checks.readerProblems) io.stdout(`export: config reader: ${problem}\n`);
    for (const problem of checks.guardrails.problems)
      io.stdout(`export: guardrail configuration: ${problem}\n`);
    for (const finding of [...checks.guardrails.errors, ...checks.guardrails.warnings]) {
      io.stdout(
        `export: guardrail ${finding.ruleId} (${finding.severity}): ${finding.what} Found: ${finding.detail}\n`,
      );
    }
    const count = reviewCount(model, checks);
    const summary = verdict(model, checks);
    io.stdout(
      `export: ${count === 0 ? summary : `${summary.slice(0, -1)}: see ${basename(options.report)}.`}\n`,
    );
    return count === 0 ? EXIT_OK : EXIT_FINDINGS;
  } catch (error) {
    return failureExitCode("export", error, io, {
      usage: error instanceof UsageError,
      known: error instanceof StackFileError || isTenantUnreadableError(error),
    });
  }
}

if (require.main === module) runAsProcess("export", run);
