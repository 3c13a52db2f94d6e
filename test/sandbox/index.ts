/**
 * The Graph sandbox for tests: `const sandbox = await startSandbox(); ...; await sandbox.stop();`,
 * or several tenants behind one server: `const [contoso, fabrikam] = await startSandboxes(2);`.
 */
export { Sandbox, startSandbox, startSandboxes } from "./sandbox";
export type { SandboxEnvironment, SandboxOptions } from "./sandbox";
export type { FaultSpec, HttpMethod } from "./faults";
export type { RequestKind, RequestLogEntry } from "./requestLog";
export { DEFAULT_PERMISSIONS } from "./permissions";
export { ALL_DEVICES_ID, ALL_LICENSED_USERS_ID } from "./assignments";
export type { JsonObject } from "./bodies";
