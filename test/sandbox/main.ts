/**
 * `npm run sandbox`: starts the Graph sandbox and prints one JSON line with graphEndpoint,
 * authorityHost, tenantId, clientId, clientSecret and caFile; serves until SIGINT or SIGTERM,
 * then stops cleanly and exits 0.
 *
 * Options: `--port <n>` (default: a random free port), `--group-replication-lag-ms <n>`; `--help`.
 */
import { PROCESS_IO, readCommandLine, UsageError } from "../../scripts/cli/commandLine";
import { startSandbox, SandboxOptions } from "./sandbox";

const SANDBOX_USAGE = `usage: npm run --silent sandbox -- [--port <n>] [--group-replication-lag-ms <n>]

Starts the Graph sandbox on 127.0.0.1 and prints one JSON line: graphEndpoint, authorityHost,
tenantId, clientId, clientSecret and caFile. Serves until SIGINT or SIGTERM, then exits 0.

  --port <n>                      0-65535 (default: a random free port)
  --group-replication-lag-ms <n>  how long a new group stays invisible (default 0)

Exit codes: 0 stopped cleanly; 1 could not start or stop; 2 bad usage.`;

function parseArguments(args: readonly string[]): SandboxOptions {
  const options: SandboxOptions = {};
  for (let i = 0; i < args.length; i++) {
    const name = args[i];
    const value = args[i + 1];
    const number = Number(value);
    const valid =
      value !== undefined &&
      Number.isInteger(number) &&
      number >= 0 &&
      (name !== "--port" || number <= 65535);
    if ((name === "--port" || name === "--group-replication-lag-ms") && valid) {
      if (name === "--port") options.port = number;
      else options.groupReplicationLagMs = number;
      i++;
    } else {
      throw new UsageError(
        `unknown or incomplete argument ${JSON.stringify(name)}${value === undefined ? "" : ` ${JSON.stringify(value)}`}; expected --port <0-65535> or --group-replication-lag-ms <n>`,
      );
    }
  }
  return options;
}

async function main(): Promise<void> {
  const commandLine = readCommandLine(
    "sandbox",
    SANDBOX_USAGE,
    process.argv.slice(2),
    parseArguments,
    PROCESS_IO,
  );
  if ("exitCode" in commandLine) {
    process.exitCode = commandLine.exitCode;
    return;
  }
  const sandbox = await startSandbox(commandLine.options);
  const { graphEndpoint, authorityHost, tenantId, clientId, clientSecret, caFile } = sandbox;
  process.stdout.write(
    `${JSON.stringify({ graphEndpoint, authorityHost, tenantId, clientId, clientSecret, caFile })}\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `sandbox did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
