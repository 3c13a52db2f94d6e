/**
 * Dynamic-provider host processes still running that served a given Graph sandbox: their command
 * line runs `cmd/dynamic-provider/index.js` and their environment holds the sandbox's endpoint.
 * Matching on the endpoint keeps host processes of other tests running in parallel out of it.
 */
import { readdirSync, readFileSync } from "node:fs";

const HOST_ENTRY = "cmd/dynamic-provider/index.js";

function readProc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "latin1");
  } catch {
    return ""; // the process ended meanwhile, or is not ours to read
  }
}

export function hostProcessesFor(graphEndpoint: string): string[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => readProc(pid, "cmdline").includes(HOST_ENTRY))
    .filter((pid) => readProc(pid, "environ").split("\0").includes(`GRAPH_ENDPOINT=${graphEndpoint}`));
}
