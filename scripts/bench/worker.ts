/**
 * Entry of the benchmark's worker processes (started by processes.ts with ts-node, transpile
 * only): `worker.ts <section> <input as JSON>` runs one measurement in this fresh process and
 * sends the result to the parent over IPC.
 */
import { measureFirstUse } from "./firstUse";
import { measureFloor, type FloorInput } from "./floor";
import { measureLifecycle, type LifecycleInput } from "./lifecycle";
import type { WorkerMessage } from "./processes";
import { measureSerialization } from "./serialization";
import { measureSettingsReads } from "./settingsReads";

const SECTIONS: Record<string, (input: unknown) => Promise<unknown>> = {
  serialization: () => measureSerialization(),
  lifecycle: (input) => measureLifecycle(input as LifecycleInput),
  floor: (input) => measureFloor(input as FloorInput),
  "first-use": () => Promise.resolve(measureFirstUse()),
  settings: (input) => measureSettingsReads(input as number[]),
};

function reply(message: WorkerMessage): void {
  if (process.send === undefined) {
    process.stdout.write(`${JSON.stringify(message)}\n`);
    process.exit(message.ok ? 0 : 1);
  }
  // Exit once the parent has the message: sockets or timers left open must not keep the worker alive.
  process.send(message, () => process.exit(message.ok ? 0 : 1));
}

async function main(): Promise<void> {
  const [section = "", input = "null"] = process.argv.slice(2);
  const run = SECTIONS[section];
  if (run === undefined) throw new Error(`unknown section ${JSON.stringify(section)}`);
  reply({ ok: true, result: await run(JSON.parse(input) as unknown) });
}

main().catch((error: unknown) => {
  reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
});
