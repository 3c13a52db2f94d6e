/**
 * 6. Wall time of the two test commands, run only with --npm-test: `npm test` (type-check and
 * every test but the deployment scenarios) and `npm run test:scenarios`.
 */
import { cleanEnvironment, REPO_ROOT, runCommand } from "./processes";

const NPM_TEST_TIMEOUT_MS = 20 * 60_000;

/** The npm arguments of each timed command. */
export const TEST_COMMANDS: readonly (readonly string[])[] = [["test"], ["run", "test:scenarios"]];

export interface NpmTestResult {
  /** The npm arguments, e.g. ["run", "test:scenarios"]. */
  command: readonly string[];
  wallMs: number;
  exitCode: number | null;
  /** mocha's summary lines ("N passing", "N failing", "N pending"), when it printed them. */
  summary: string[];
  /** The end of the output, for a failed run. */
  tail: string;
}

export async function measureNpmTest(command: readonly string[]): Promise<NpmTestResult> {
  let start = 0;
  const result = await runCommand("npm", [...command], {
    cwd: REPO_ROOT,
    env: cleanEnvironment(),
    timeoutMs: NPM_TEST_TIMEOUT_MS,
    ownGroup: true,
    onSpawn: () => (start = performance.now()),
  });
  const wallMs = performance.now() - start;
  const output = `${result.stdout}\n${result.stderr}`;
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  const summary = plain
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^\d+ (passing|failing|pending)\b/.test(line));
  return {
    command,
    wallMs,
    exitCode: result.code,
    summary,
    tail: plain.trimEnd().split("\n").slice(-30).join("\n"),
  };
}
