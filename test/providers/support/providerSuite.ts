/**
 * Mocha set-up shared by the provider suites that call a provider directly against the sandbox:
 * one sandbox per suite with its connection in process.env, and faults and request log cleared
 * before each test.
 */
import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import type { Sandbox } from "../../sandbox";
import { startSandboxInEnvironment } from "./sandboxEnvironment";

type Props = Record<string, unknown>;

/** Registers the suite's hooks; `onStart` receives the sandbox once it listens. */
export function useSandboxInEnvironment(onStart: (sandbox: Sandbox) => void): void {
  let sandbox: Sandbox | undefined;
  let stop: (() => Promise<void>) | undefined;

  before(async () => {
    ({ sandbox, stop } = await startSandboxInEnvironment());
    onStart(sandbox);
  });

  after(() => stop?.());

  beforeEach(() => {
    sandbox?.clearFaults();
    sandbox?.clearLog();
  });
}

/** The provider's `check` for inputs expected to be valid: fails the test on any failure. */
export function checkedBy(provider: pulumi.dynamic.ResourceProvider): (props: Props) => Promise<Props> {
  return async (props) => {
    const result = await provider.check!({}, props);
    assert.deepEqual(result.failures ?? [], []);
    return result.inputs as Props;
  };
}

/** The sandbox's Graph requests as `METHOD path status` lines, in order. */
export function requestLines(sandbox: Sandbox): string[] {
  return sandbox.graphRequests().map((r) => `${r.method} ${r.path} ${r.status}`);
}
