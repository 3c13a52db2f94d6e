/**
 * `npm run journey -- --stack <name> [--json <file>] [--markdown <file>]`
 *
 * Read-only: will a new joiner with a Temporary Access Pass get through Autopilot on this tenant?
 * For the Autopilot group the stack assigns the Web sign-in profile to, reads the tenant and
 * reports the journey step by step (docs/journey.md).
 *
 * Exit codes: 0 no step is blocked (at risk and not checked allowed); 1 a step is blocked, the stack
 * config is invalid, or the identity could not sign in; 2 bad command line, no stack file, or no
 * Graph identity. Errors are one line on standard error, never a stack trace.
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
import { parseArguments, UsageError, type JourneyOptions } from "./options";
import { renderJson, renderMarkdown, summary } from "./report";
import { blockedSteps, type JourneyReport } from "./types";

export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../cli/command";

const USAGE = "usage: npm run journey -- --stack <name> [--json <file>] [--markdown <file>]";

export const HELP = `${USAGE}

Checks, without changing anything, whether a new joiner with a Temporary Access Pass gets through
Windows Autopilot on the stack's tenant, for the Autopilot group the stack assigns the Web sign-in
profile to. Each step gets a verdict (ok, at risk, blocked, not checked) with the evidence read
and what to change:
  1. OOBE sign-in with a pass: the TAP policy is on, multi-use, and covers the joiners' groups;
     the Autopilot profile the group's devices get is user-driven Microsoft Entra join;
  2. after device setup: the Web sign-in profile enables Web sign-in and reaches every device of
     the group (exclusions, filters); the devices are Microsoft Entra joined (trustType);
  3. restarts during enrollment: update rings, baselines, Device Guard / VBS, AppLocker,
     restarting apps and quality updates on the group's devices, with the workaround;
  4. time: the pass outlasts the Enrollment Status Page timeout and Windows Hello setup;
  5. registration: the Conditional Access policies let a joiner with only a pass register
     Windows Hello, a FIDO2 key or Authenticator (preflight's what-if);
  6. Windows Hello for Business enrollment is not disabled for these devices.
Prints the Markdown report (for a pull-request comment or job summary).

Options:
  --stack <name>      the Pulumi stack: Pulumi.<name>.yaml is read (config and azuread: keys)
  --json <file>       also write the report as JSON
  --markdown <file>   also write the Markdown report to this file (e.g. $GITHUB_STEP_SUMMARY)
  --help              this text

Sign-in: as the program (azuread: keys of Pulumi.<stack>.yaml, then ARM_TENANT_ID, ARM_CLIENT_ID and
one of ARM_CLIENT_SECRET, ARM_USE_OIDC, ARM_USE_MSI, ARM_USE_CLI). Only GET requests, covered by
Policy.Read.All, GroupMember.Read.All, Device.Read.All, DeviceManagementConfiguration.Read.All (or
DeviceManagementServiceConfig.Read.All for the Autopilot profiles and enrollment configurations)
and DeviceManagementApps.Read.All; a step whose read is refused is reported "not checked", naming
the permission.

Exit codes: 0 no step blocked; 1 a step is blocked, the config is invalid or sign-in failed;
2 bad usage, no stack file, or no identity.
`;

function writeReports(options: JourneyOptions, report: JourneyReport, io: CommandIo): void {
  const markdown = renderMarkdown(report);
  io.stdout(markdown);
  const files: [string, string][] = [];
  if (options.json !== undefined) files.push([options.json, renderJson(report)]);
  if (options.markdown !== undefined) files.push([options.markdown, markdown]);
  for (const [file, text] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const wrote = files.length === 0 ? "" : `; wrote ${files.map(([file]) => basename(file)).join(" and ")}`;
  io.stdout(`\njourney: ${summary(report)}${wrote}\n`);
}

export async function run(args: readonly string[], io: CommandIo): Promise<number> {
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
    const { signInAndReadRoles } = require("../preflight/token") as typeof import("../preflight/token");
    const { judgeJourney, readJourneyFacts } = require("./journey") as typeof import("./journey");

    const { settings, problems } = readStackSettings(options.stackFile);
    if (problems.length > 0) {
      for (const problem of problems) io.stderr(`journey: ${problem}\n`);
      return EXIT_FINDINGS;
    }
    try {
      await signInAndReadRoles(connection);
    } catch (error) {
      io.stderr(`journey: the identity could not sign in: ${oneLine(error)}\n`);
      return EXIT_FINDINGS;
    }
    const client = createGraphClient({ env: io.env, config: stackFile.azureadConfig });
    const facts = await readJourneyFacts(client, settings);
    const report: JourneyReport = {
      stack: options.stack,
      tenantId: tenantIdOf(connection, io.env),
      graphEndpoint: connection.graphEndpoint,
      checkedAt: io.now().toISOString(),
      ...(facts.group.ok
        ? {
            group: {
              id: facts.group.value.id,
              displayName: facts.group.value.displayName,
              devices: facts.devices.ok ? facts.devices.value.length : undefined,
            },
          }
        : {}),
      steps: judgeJourney(facts),
    };
    writeReports(options, report, io);
    return blockedSteps(report).length === 0 ? EXIT_OK : EXIT_FINDINGS;
  } catch (error) {
    return failureExitCode("journey", error, io, {
      usage: error instanceof UsageError,
      known: error instanceof StackFileError,
    });
  }
}

if (require.main === module) runAsProcess("journey", run);
