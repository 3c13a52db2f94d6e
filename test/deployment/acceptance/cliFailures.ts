/**
 * CommandErrors as `@pulumi/pulumi/automation` builds them, for the driver's unit tests. The SDK's
 * CommandResult and createCommandError are internal, so they are reached through require.
 */
import type { CommandError } from "@pulumi/pulumi/automation";

type CommandResultClass = new (stdout: string, stderr: string, code: number, err?: Error) => object;
const { CommandResult } = require("@pulumi/pulumi/automation/cmd") as { CommandResult: CommandResultClass };
const { createCommandError } = require("@pulumi/pulumi/automation/errors") as {
  createCommandError: (result: object) => CommandError;
};

/**
 * The CLI exited non-zero: the SDK's process library (execa) rejects with an error holding stdout,
 * stderr and the exit code, and the SDK wraps it as `new CommandResult("", error.message, -2, error)`
 * (automation/cmd.js).
 */
export function failedRun(stdout: string, stderr: string, exitCode = 255): CommandError {
  const command =
    "pulumi up --yes --skip-preview --exec-kind auto.local --stack acceptance --non-interactive";
  const shortMessage = `Command failed with exit code ${exitCode}: ${command}`;
  const execaError = Object.assign(new Error([shortMessage, stderr, stdout].filter(Boolean).join("\n")), {
    shortMessage,
    command,
    exitCode,
    stdout,
    stderr,
    failed: true,
  });
  return createCommandError(new CommandResult("", execaError.message, -2, execaError));
}

/** A CommandError whose result holds the output itself (the SDK's branch for a non-zero exit without a rejection). */
export function commandError(stdout: string, stderr: string, code = 255, err?: Error): CommandError {
  return createCommandError(new CommandResult(stdout, stderr, code, err));
}
