/** Processes still running a given command from a given working directory (Linux /proc). */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback; // ended meanwhile, or not ours to read
  }
}

export function processesRunning(commandPart: string, cwd: string): string[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => safely(() => readFileSync(`/proc/${pid}/cmdline`, "latin1"), "").includes(commandPart))
    .filter((pid) => safely(() => readlinkSync(`/proc/${pid}/cwd`), "") === cwd);
}

/** Polls (every 50 ms, at most `timeoutMs`) until no such process is left; returns those left. */
export async function processesGone(commandPart: string, cwd: string, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let left = processesRunning(commandPart, cwd);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = processesRunning(commandPart, cwd);
  }
  return left;
}
