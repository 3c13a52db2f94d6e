/**
 * The commands that take only options (`npm run bench`, `demo`, `sandbox`) as processes: `--help`
 * prints the usage and exits 0; a bad argument is one line on standard error, exit 2, no stack
 * trace, and nothing started.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runEntry(entry: string, args: string[]): Promise<Finished> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", join(ROOT, entry), ...args],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const COMMANDS: { name: string; entry: string; usage: RegExp; bad: string[]; refusal: string }[] = [
  {
    name: "bench",
    entry: "scripts/bench/main.ts",
    usage:
      /^usage: npm run bench -- \[--only <sections>\][^\n]*\n[\s\S]*Exit codes: 0 measured; 1 a measurement failed; 2 bad usage\.\n$/,
    bad: ["--only", "speed"],
    refusal:
      "bench: unknown section(s) speed; expected program-phase, serialization, requests, latency, settings, npm-test (see --help)\n",
  },
  {
    name: "demo",
    entry: "scripts/demo/main.ts",
    usage: /^usage: npm run demo\n[\s\S]*Takes no options\.\n[\s\S]*2 bad usage\.\n$/,
    bad: ["--fast"],
    refusal: 'demo: takes no arguments, found "--fast" (see --help)\n',
  },
  {
    name: "sandbox",
    entry: "test/sandbox/main.ts",
    usage: /^usage: npm run --silent sandbox -- \[--port <n>\][\s\S]*2 bad usage\.\n$/,
    bad: ["--port", "70000"],
    refusal:
      'sandbox: unknown or incomplete argument "--port" "70000"; expected --port <0-65535> or --group-replication-lag-ms <n> (see --help)\n',
  },
];

describe("option-only commands: --help and bad usage", function () {
  this.timeout(30000);
  let results: Map<string, readonly [Finished, Finished]>;
  before(async () => {
    const runs = await Promise.all(
      COMMANDS.map(async (command) => {
        const [help, bad] = await Promise.all([
          runEntry(command.entry, ["--help"]),
          runEntry(command.entry, command.bad),
        ]);
        return [command.name, [help, bad]] as const;
      }),
    );
    results = new Map(runs);
  });

  for (const command of COMMANDS) {
    it(`${command.name} --help prints the usage and exits 0`, () => {
      const [help] = results.get(command.name) as readonly [Finished, Finished];
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, command.usage);
      assert.equal(help.stderr, "");
    });

    it(`${command.name} ${command.bad.join(" ")}: one line, exit 2, nothing started`, () => {
      const [, bad] = results.get(command.name) as readonly [Finished, Finished];
      assert.deepEqual([bad.code, bad.stderr, bad.stdout], [2, command.refusal, ""]);
    });
  }
});
