/**
 * Mocha set-up shared by the serialized-provider suites: a sandbox for the suite and the
 * provider's text as the resource class stores it in `__provider` (infra/providers/thinProvider.ts),
 * made while the sandbox's secret is in this process's environment.
 */
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../sandbox";

/** Provider options that keep retries and replication-lag waits in milliseconds. */
export const FAST_SERIALIZED_OPTIONS = {
  retry: { baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 200, initialDelayMs: 10, maxDelayMs: 50 },
};

/**
 * Registers the suite's hooks; `onReady` receives the sandbox and the serialized provider text.
 * With `maxBytes`, also registers a test that the text holds no client secret and stays under it.
 */
export function useSerializedProvider(
  makeText: () => string,
  onReady: (ready: { sandbox: Sandbox; text: string }) => void,
  options: { maxBytes?: number } = {},
): void {
  let sandbox: Sandbox | undefined;
  let text = "";

  before(async () => {
    sandbox = await startSandbox();
    // Made while the secret is in this process's environment: it must still not be captured.
    const savedEnv = { ...process.env };
    Object.assign(process.env, sandbox.env());
    try {
      text = makeText();
    } finally {
      process.env = savedEnv;
    }
    onReady({ sandbox, text });
  });

  after(async () => {
    await sandbox?.stop();
  });

  const { maxBytes } = options;
  if (maxBytes === undefined) return;
  it("contains neither the client secret nor a captured credential", () => {
    assert.ok(sandbox, "the sandbox did not start");
    assert.ok(!text.includes(sandbox.clientSecret));
    assert.ok(Buffer.byteLength(text) < maxBytes, `serialized size ${Buffer.byteLength(text)} bytes`);
  });
}
