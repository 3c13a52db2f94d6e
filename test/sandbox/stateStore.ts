/**
 * A per-tenant store kept beside the shared SandboxState (which needs no field for it): created on
 * first use, and cleared in place, with the rest of the tenant, when resetTenant() calls
 * `state.reset()`. Holders of the store (routes made once) keep a valid reference across resets.
 */
import type { SandboxState } from "./state";

export function stateStore<T extends { clear(): void }>(
  stores: WeakMap<SandboxState, T>,
  state: SandboxState,
  create: () => T,
): T {
  const existing = stores.get(state);
  if (existing !== undefined) return existing;
  const created = create();
  stores.set(state, created);
  const reset = state.reset.bind(state);
  state.reset = () => {
    reset();
    created.clear();
  };
  return created;
}
