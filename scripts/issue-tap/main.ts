/**
 * `npm run issue-tap -- --stack <name> --user <UPN or id> [--lifetime <minutes>] [--start <ISO time>]`
 * `npm run issue-tap -- --stack <name> --from <csv> [--out <file>]`
 *
 * Issues Temporary Access Passes to new joiners through Graph
 * (`POST /users/{id}/authentication/temporaryAccessPassMethods`), after checking for each user what
 * would make the pass fail or strand an Autopilot enrollment. Signs in as the program does (the
 * stack file's azuread: keys, then ARM_*). The pass value is printed once (one user) or written to
 * an owner-only file (a batch), and nowhere else.
 *
 * Exit codes: 0 every pass issued; 1 a user was skipped or failed, or the policy could not be read;
 * 2 bad command line or CSV, no stack file, or no Graph identity (nothing changed in the tenant).
 */
import { existsSync } from "node:fs";
import { createGraphClient } from "../../infra/graph/client";
import type { RetryOptions } from "../../infra/graph/types";
import {
  EXIT_FINDINGS,
  EXIT_OK,
  failureExitCode,
  oneLine,
  runAsProcess,
  type CommandIo,
} from "../cli/command";

import { openStack } from "../cli/stackIdentity";
import { StackFileError } from "../export/stackFile";
import { readBatch } from "./batchFile";
import { issueBatch, issueSingle } from "./issueRun";
import { parseArguments } from "./options";
import { passFileExists } from "./passFile";
import { readTapPolicy } from "./tapPolicy";
import { UsageError } from "./usageError";

export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../cli/command";

const USAGE =
  "usage: npm run issue-tap -- --stack <name> --user <UPN or object id> [--lifetime <minutes>] [--start <ISO time>]\n" +
  "                            [--usable-once --usable-once-not-for-autopilot] [--replace]\n" +
  "       npm run issue-tap -- --stack <name> --from <csv> [--out <file>]\n" +
  "                            [--usable-once --usable-once-not-for-autopilot] [--replace]";

export const HELP = `${USAGE}

Issues a Temporary Access Pass to each user for a first sign-in (Autopilot OOBE, Web sign-in).
Before anything is created it checks, for each user:
  - the tenant's TAP policy is enabled and does not force one-time passes;
  - the lifetime is within the policy's minimumLifetimeInMinutes..maximumLifetimeInMinutes;
  - the user exists, the account is enabled, and it is not an external guest;
  - the user is in the policy's scope: included (all_users, the user, or a group the user is in,
    through nested groups too) and not excluded;
  - the user holds no pass that still works (Graph would silently replace it): skipped unless --replace.
One user: the pass is printed once, here, and stored nowhere. A batch: a table of results
(issued / skipped and why / failed with Graph's code, message and request-id), and the passes
in a new file only you can read (mode 0600).

Options:
  --stack <name>        the Pulumi stack whose identity signs in (Pulumi.<name>.yaml azuread: keys, ARM_*)
  --user <UPN or id>    the user to issue a pass to
  --lifetime <minutes>  the pass's lifetime (default: the policy's defaultLifetimeInMinutes)
  --start <ISO time>    when the pass starts to work, with a zone, e.g. 2026-09-01T08:00:00+02:00
                        (default: at once)
  --from <csv>          a batch: a CSV with a header and the columns user, start, lifetime
                        (start and lifetime optional; an empty cell takes the default)
  --out <file>          where a batch writes its passes (default <csv name>.passes.csv beside the
                        CSV); never overwritten
  --replace             replace a pass the user already holds (the old one stops working)
  --usable-once         one-time passes; refused unless --usable-once-not-for-autopilot is given too
  --usable-once-not-for-autopilot
                        these passes are not for an Autopilot enrollment, so one-time passes are fine
                        (a one-time pass is used up by the first sign-in and a rebooting enrollment
                        strands); also needed when the tenant's policy makes every pass one-time
  --help                this text

Permissions: UserAuthenticationMethod.ReadWrite.All (create; reads the user's current pass too),
User.Read.All (the user), GroupMember.Read.All (scope, through checkMemberGroups) and
Policy.Read.All (the TAP policy); the deployer already holds the last two through
Group.ReadWrite.All and Policy.ReadWrite.AuthenticationMethod. Signed in as a person
(ARM_USE_CLI), you need the Authentication Administrator role (Privileged Authentication
Administrator for users who hold admin roles). See docs/issue-tap.md.

Exit codes: 0 every pass issued; 1 a user was skipped or failed, or the policy could not be read;
2 bad usage or CSV, no stack file, or no identity (nothing was changed).
`;

export function createRun(dependencies: { retry?: RetryOptions } = {}) {
  return async function run(args: readonly string[], io: CommandIo): Promise<number> {
    try {
      const options = parseArguments(args, { cwd: io.cwd, projectDir: io.projectDir, now: io.now() });
      if (options.help) {
        io.stdout(HELP);
        return EXIT_OK;
      }
      const { stackFile } = openStack(options.stackFile, io.env, (message) => new UsageError(message));
      const { mode } = options;
      const requests = mode.kind === "batch" ? readBatch(mode.from, io.now()) : [mode.request];
      if (mode.kind === "batch" && existsSync(mode.out)) throw passFileExists(mode.out);

      const client = createGraphClient({
        env: io.env,
        config: stackFile.azureadConfig,
        retry: dependencies.retry,
      });
      let policy;
      try {
        policy = await readTapPolicy(client);
      } catch (error) {
        io.stderr(`issue-tap: cannot read the tenant's Temporary Access Pass policy: ${oneLine(error)}\n`);
        return EXIT_FINDINGS;
      }
      if (mode.kind === "single") return await issueSingle(client, policy, options, mode.request, io);
      return await issueBatch(client, policy, options, mode.out, requests, io);
    } catch (error) {
      return failureExitCode("issue-tap", error, io, {
        usage: error instanceof UsageError,
        known: error instanceof StackFileError,
      });
    }
  };
}

export const run = createRun();

if (require.main === module) runAsProcess("issue-tap", run);
