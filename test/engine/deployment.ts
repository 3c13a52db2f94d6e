/**
 * Sequences provider calls for one resource the way the Pulumi engine does, and keeps the state
 * the engine would write to the stack (id, inputs, outputs):
 *
 * - `up`       Check(old inputs, new inputs), then Create when there is no state; otherwise
 *              Diff(id, old outputs, checked inputs) and Update when it reports changes, or
 *              replace (Create new + Delete old) when it lists replacement keys. A "same" keeps the
 *              old outputs (including the old `__provider`) and records the new inputs.
 * - `preview`  Check and Diff only (no Create/Update: the host does not support preview).
 * - `refresh`  Read(id, old outputs, old inputs); an empty id means the object is gone.
 * - `destroy`  Delete(id, old outputs, old inputs).
 */
import { isDeepStrictEqual } from "node:util";
import { type PropertyMap } from "./marshal";
import { type DiffResult, type ProviderHost, type ResourceRef } from "./providerHost";

export interface ResourceState {
  id: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
}

export type UpOperation = "create" | "same" | "update" | "replace";

export interface UpResult {
  operation: UpOperation;
  diff?: DiffResult;
}

export interface PreviewResult {
  operation: UpOperation;
  checkedInputs: PropertyMap;
  diff?: DiffResult;
  /**
   * Top-level inputs whose value differs between the state and the checked program inputs
   * (`__provider` aside): what the CLI lists for an update whose provider gives no detailed diff,
   * as the dynamic-provider host never does.
   */
  changedInputs: string[];
}

export class DeployedResource {
  /** The provider calls made so far, e.g. `["Check", "Create"]`; tests may clear it. */
  calls: string[] = [];
  private current: ResourceState | undefined;

  constructor(
    private readonly host: ProviderHost,
    readonly ref: ResourceRef,
    state?: ResourceState,
  ) {
    this.current = state && structuredClone(state);
  }

  /** A deep copy of the state the engine would hold, or undefined when none. */
  get state(): ResourceState | undefined {
    return this.current && structuredClone(this.current);
  }

  async preview(news: PropertyMap): Promise<PreviewResult> {
    const checked = await this.check(news);
    if (!this.current)
      return { operation: "create", checkedInputs: checked, changedInputs: Object.keys(checked) };
    const diff = await this.diff(checked);
    const oldInputs = this.current.inputs;
    return {
      operation: operationFor(diff, oldInputs, checked),
      checkedInputs: checked,
      diff,
      changedInputs: changedKeys(oldInputs, checked),
    };
  }

  async up(news: PropertyMap): Promise<UpResult> {
    const checked = await this.check(news);
    const previous = this.current;
    if (!previous) {
      this.current = await this.create(checked);
      return { operation: "create" };
    }
    const diff = await this.diff(checked);
    const operation = operationFor(diff, previous.inputs, checked);
    if (operation === "same") {
      this.current = { ...previous, inputs: checked };
    } else if (operation === "update") {
      this.calls.push("Update");
      const outputs = await this.host.update(
        this.ref,
        previous.id,
        previous.outputs,
        checked,
        previous.inputs,
      );
      this.current = { id: previous.id, inputs: checked, outputs };
    } else if (diff.deleteBeforeReplace) {
      await this.deleteState(previous);
      this.current = undefined;
      this.current = await this.create(checked);
    } else {
      this.current = await this.create(checked);
      await this.deleteState(previous);
    }
    return { operation, diff };
  }

  /** Returns false (and drops the state) when the provider reports the object gone. */
  async refresh(): Promise<boolean> {
    const state = this.require("refresh");
    this.calls.push("Read");
    const result = await this.host.read(this.ref, state.id, state.outputs, state.inputs);
    if (!result.id) {
      this.current = undefined;
      return false;
    }
    this.current = { id: result.id, outputs: result.properties, inputs: result.inputs ?? state.inputs };
    return true;
  }

  async destroy(): Promise<void> {
    await this.deleteState(this.require("destroy"));
    this.current = undefined;
  }

  private async check(news: PropertyMap): Promise<PropertyMap> {
    this.calls.push("Check");
    const result = await this.host.check(this.ref, this.current?.inputs ?? {}, news);
    if (result.failures.length > 0) {
      const reasons = result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
      throw new Error(`Check of ${this.ref.name} reported failures: ${reasons}`);
    }
    return result.inputs;
  }

  private diff(checked: PropertyMap): Promise<DiffResult> {
    const state = this.require("diff");
    this.calls.push("Diff");
    return this.host.diff(this.ref, state.id, state.outputs, checked, state.inputs);
  }

  private async create(checked: PropertyMap): Promise<ResourceState> {
    this.calls.push("Create");
    const created = await this.host.create(this.ref, checked);
    return { id: created.id, inputs: checked, outputs: created.properties };
  }

  private async deleteState(state: ResourceState): Promise<void> {
    this.calls.push("Delete");
    await this.host.delete(this.ref, state.id, state.outputs, state.inputs);
  }

  private require(step: string): ResourceState {
    if (!this.current) throw new Error(`cannot ${step} ${this.ref.name}: it has no state`);
    return this.current;
  }
}

function operationFor(diff: DiffResult, oldInputs: PropertyMap, newInputs: PropertyMap): UpOperation {
  if (diff.replaces.length > 0) return "replace";
  if (diff.changes === "unknown") {
    // A provider without diff: the engine compares old and new inputs itself.
    return isDeepStrictEqual(oldInputs, newInputs) ? "same" : "update";
  }
  return diff.changes === "none" ? "same" : "update";
}

function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete("__provider");
  return [...keys].filter((key) => !isDeepStrictEqual(olds[key], news[key])).sort();
}
