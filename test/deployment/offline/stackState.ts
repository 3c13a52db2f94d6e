/**
 * The stack state the offline deployment engine keeps between runs, in a JSON file, as the Pulumi
 * engine keeps a checkpoint: per resource its URN, type, name, parent, id, inputs, outputs,
 * dependencies and explicit provider reference, plus the stack outputs. A resource whose create or update failed after changing
 * the tenant keeps `initErrors` (the engine's "failed to initialize" state): the next `up` updates
 * it even when Diff reports no change.
 */
import * as fs from "node:fs";
import type { PropertyMap } from "../../engine/marshal";
import { parseProviderReference } from "./providerResources";

export interface ResourceRecord {
  urn: string;
  type: string;
  name: string;
  /** False for components (no provider, no id). */
  custom: boolean;
  parent?: string;
  id: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  /** URNs this resource depends on (dependsOn and input dependencies); deletes run before theirs. */
  dependencies: string[];
  /**
   * The explicit provider the resource was registered with, `<provider URN>::<provider id>`
   * (the engine's `provider` of a resource state); absent for the default provider, which the
   * offline engine does not keep as a resource. Deletes run before the provider's.
   */
  provider?: string;
  /** Reasons recorded from a partial failure; present until a later update succeeds. */
  initErrors?: string[];
  /** A replaced resource whose delete has not happened yet: the next successful `up` deletes it. */
  pendingDelete?: boolean;
  /**
   * The engine's `ImportID`: the `import` option the resource was last registered with. A later
   * registration with an `import` id equal to this (or, when absent, to `id`) is not an import
   * (pkg/resource/deploy/step_generator.go:992-1001 @ v3.248.0).
   */
  importId?: string;
}

export interface StackState {
  resources: ResourceRecord[];
  outputs: Record<string, unknown>;
}

export function emptyState(): StackState {
  return { resources: [], outputs: {} };
}

export function loadState(file: string): StackState {
  if (!fs.existsSync(file)) return emptyState();
  return JSON.parse(fs.readFileSync(file, "utf8")) as StackState;
}

export function saveState(file: string, state: StackState): void {
  fs.writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * The records in the order the engine deletes them: every resource after the resources that depend
 * on it, are its children or use it as their provider (reverse dependency order; the engine's
 * dependency graph counts a resource's provider among its dependencies: pkg/resource/graph/
 * dependency_graph.go:60-90 @ v3.248.0).
 */
export function deletionOrder(records: readonly ResourceRecord[]): ResourceRecord[] {
  const byUrn = new Map(records.map((record) => [record.urn, record]));
  const dependents = new Map<string, string[]>();
  for (const record of records) {
    const provider = record.provider ? [parseProviderReference(record.provider).urn] : [];
    for (const target of [...record.dependencies, ...(record.parent ? [record.parent] : []), ...provider]) {
      if (byUrn.has(target)) dependents.set(target, [...(dependents.get(target) ?? []), record.urn]);
    }
  }
  const ordered: ResourceRecord[] = [];
  const visited = new Set<string>();
  const visit = (urn: string): void => {
    if (visited.has(urn)) return;
    visited.add(urn);
    for (const dependent of dependents.get(urn) ?? []) visit(dependent);
    ordered.push(byUrn.get(urn) as ResourceRecord);
  };
  for (const record of [...records].reverse()) visit(record.urn);
  return ordered;
}
