/**
 * `npm run sandbox`: starts the Graph sandbox and prints one JSON line with graphEndpoint,
 * authorityHost, tenantId, clientId, clientSecret and caFile; serves until SIGINT or SIGTERM,
 * then stops cleanly and exits 0.
 *
 * Options: `--port <n>` (default: a random free port), `--group-replication-lag-ms <n>`.
 */
import { startSandbox, SandboxOptions } from "./sandbox";

function parseArguments(args: string[]): SandboxOptions {
  const options: SandboxOptions = {};
  for (let i = 0; i < args.length; i++) {
    const name = args[i];
    const value = args[i + 1];
    const number = Number(value);
    if (
      (name === "--port" || name === "--group-replication-lag-ms") &&
      value !== undefined &&
      Number.isFinite(number)
    ) {
      if (name === "--port") options.port = number;
      else options.groupReplicationLagMs = number;
      i++;
    } else {
      throw new Error(
        `unknown or incomplete argument ${JSON.stringify(name)}; expected --port <n> or --group-replication-lag-ms <n>`,
      );
    }
  }
  return options;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox(parseArguments(process.argv.slice(2)));
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
