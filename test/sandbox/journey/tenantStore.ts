/**
 * Where the journey routes keep their part of a sandbox tenant (devices, enrollment
 * configurations, device configurations, compliance policies, apps): beside the shared
 * SandboxState, which needs no change, and cleared with the rest of the tenant by resetTenant().
 * Seeding helpers also record which Sandbox owns a state, so a route can ask for the permissions
 * granted right now (the group-members route answers "limited information" without a device read
 * permission, and Graph answers that with 200, not 403).
 */
import type { Sandbox } from "../sandbox";
import type { SandboxState } from "../state";
import { stateStore } from "../stateStore";

const stores = new WeakMap<SandboxState, Map<string, unknown>>();
const owners = new WeakMap<SandboxState, Sandbox>();

/** The tenant's store called `name`, created by `create` on first use and again after a reset. */
export function tenantStore<T>(state: SandboxState, name: string, create: () => T): T {
  const named = stateStore(stores, state, () => new Map<string, unknown>());
  if (!named.has(name)) named.set(name, create());
  return named.get(name) as T;
}

/** The sandbox's tenant state (SandboxTenant keeps it protected; seeds and routes must share it). */
export function stateOf(sandbox: Sandbox): SandboxState {
  const state = (sandbox as unknown as { state: SandboxState }).state;
  owners.set(state, sandbox);
  return state;
}

/** The application permissions granted now, for a tenant some seed helper has touched. */
export function grantedNow(state: SandboxState): ReadonlySet<string> {
  return new Set(owners.get(state)?.permissions() ?? []);
}
