/** 6. Wall time of `npm test` (type-check and the whole mocha suite), run only with --npm-test. */
import { cleanEnvironment, REPO_ROOT, runCommand } from "./processes";

const NPM_TEST_TIMEOUT_MS = 20 * 60_000;

export interface NpmTestResult {
  wallMs: number;
  exitCode: number | null;
  /** mocha's summary lines ("N passing", "N failing", "N pending"), when it printed them. */
  summary: string[];
  /** The end of the output, for a failed run. */
  tail: string;
}

export async function measureNpmTest(): Promise<NpmTestResult> {
  let start = 0;
  const result = await runCommand("npm", ["test"], {
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
  return { wallMs, exitCode: result.code, summary, tail: plain.trimEnd().split("\n").slice(-30).join("\n") };
}
