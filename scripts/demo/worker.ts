/**
 * The demo's process (started by ./main.ts once the sandbox's CA is trusted): runs the steps, prints
 * them, and sets the exit code: 0 when every step did what it should, 1 otherwise (one line, no
 * stack trace for a step that failed its check).
 */
import { DemoFailure, runDemo } from "./demo";

const started = Date.now();
runDemo((line) => process.stdout.write(`${line}\n`)).then(
  () => {
    process.stdout.write(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    process.exitCode = 0;
  },
  (error: unknown) => {
    const message = error instanceof DemoFailure ? error.message : `unexpected error: ${String(error)}`;
    process.stderr.write(`demo: ${message}\n`);
    process.exitCode = 1;
  },
);
