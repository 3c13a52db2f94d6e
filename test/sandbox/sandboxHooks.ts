/**
 * Mocha hooks that start and stop a sandbox around a suite or around each test. Each takes a
 * callback that receives the started sandbox, so a suite keeps its own `let sandbox` variable.
 */
import { startSandbox, startSandboxes, type Sandbox } from "./sandbox";
import { accessToken, graphCaller, type GraphCaller } from "./testClient";

/** One sandbox for the whole suite; faults and request log cleared before each test unless `clearEachTest` is false. */
export function useSandboxPerSuite(
  onStart: (sandbox: Sandbox) => void,
  options: { clearEachTest?: boolean } = {},
): void {
  let sandbox: Sandbox | undefined;
  before(async () => {
    sandbox = await startSandbox();
    onStart(sandbox);
  });
  after(async () => {
    await sandbox?.stop();
  });
  if (options.clearEachTest === false) return;
  beforeEach(() => {
    sandbox?.clearFaults();
    sandbox?.clearLog();
  });
}

/** A fresh sandbox for every test, stopped after it. */
export function useSandboxPerTest(onStart: (sandbox: Sandbox) => void | Promise<void>): void {
  let sandbox: Sandbox | undefined;
  beforeEach(async () => {
    sandbox = await startSandbox();
    await onStart(sandbox);
  });
  afterEach(async () => {
    await sandbox?.stop();
  });
}

/** A fresh sandbox for every test with a Graph caller that already holds a token. */
export function useSandboxAndCallerPerTest(onStart: (sandbox: Sandbox, graph: GraphCaller) => void): void {
  useSandboxPerTest(async (sandbox) => {
    onStart(sandbox, graphCaller(sandbox, await accessToken(sandbox)));
  });
}

/** A fresh sandbox of `count` tenants (one server) for every test, stopped after it. */
export function useSandboxesPerTest(count: number, onStart: (tenants: Sandbox[]) => void): void {
  let tenants: Sandbox[] = [];
  beforeEach(async () => {
    tenants = await startSandboxes(count);
    onStart(tenants);
  });
  afterEach(async () => {
    await tenants[0]?.stop();
  });
}
