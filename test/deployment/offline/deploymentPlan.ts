/**
 * The step logic of one `up` or `preview`, per resource, as the Pulumi engine 3.248 applies it
 * (pkg/resource/deploy/step_generator.go, step.go):
 *
 * - Check(old inputs, program inputs) always runs; failures stop the run (also in preview).
 * - No state: Create. During a preview the engine calls Create only on providers that support
 *   preview (the azuread bridge does, the dynamic-provider host does not); otherwise the outputs
 *   are the checked inputs and the id is unknown.
 * - State: Diff(id, old outputs, checked inputs, old inputs). Replacement when it lists `replaces`
 *   (old deleted first when it asks for deleteBeforeReplace, or the resource option does; otherwise
 *   the old one is deleted at the end of the run), Update when it reports changes (DIFF_UNKNOWN:
 *   when the inputs differ), and always when the state records init errors; else Same, which keeps
 *   the old outputs (and the old `__provider`) with the new inputs.
 * - A partial failure (the provider created or changed the object, then failed) keeps the id and
 *   the properties the provider gave in state with `initErrors`; any other failure keeps the old
 *   state as it was. After the first failure no further step starts.
 * - When the program completed without failure, resources it no longer declares, and replaced
 *   ones, are deleted in reverse dependency order (`up` only; a preview lists them).
 */
import { isDeepStrictEqual } from "node:util";
import type { ChangeOp, ResourceChange } from "../driver";
import type { PropertyMap } from "../nativeProvider";
import { PartialFailure, StepFailure, type ResourcePlugin } from "./resourcePlugin";
import { deletionOrder, type ResourceRecord, type StackState } from "./stackState";

export interface Registration {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  custom: boolean;
  inputs: PropertyMap;
  dependencies: string[];
  deleteBeforeReplace: boolean;
}

export type PluginFor = (record: { urn: string; type: string; name: string }) => ResourcePlugin;

/**
 * Top-level inputs whose stored and new values differ, the engine's own `__provider` and
 * `__defaults` aside (what the CLI lists after `~`).
 */
export function changedInputs(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((key) => !key.startsWith("__") && !isDeepStrictEqual(olds[key], news[key])).sort();
}

/** The message the CLI prints for a failed resource step. */
export function stepError(type: string, name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${type} (${name}): error: ${message}`;
}

export class DeploymentPlan {
  readonly changes: ResourceChange[] = [];
  readonly errors: string[] = [];
  private readonly olds: Map<string, ResourceRecord>;
  private readonly news = new Map<string, ResourceRecord>();
  private readonly replaced: ResourceRecord[];

  constructor(
    old: StackState,
    private readonly pluginFor: PluginFor,
    private readonly preview: boolean,
  ) {
    this.olds = new Map(
      old.resources.filter((record) => !record.pendingDelete).map((record) => [record.urn, record]),
    );
    // Replaced resources whose delete failed in an earlier run are deleted at the end of this one.
    this.replaced = old.resources.filter((record) => record.pendingDelete === true);
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** Runs the resource's step; resolves with what the engine answers the program (id, outputs). */
  async register(registration: Registration): Promise<{ id: string; outputs: PropertyMap }> {
    const { urn, type, name, parent, custom, dependencies } = registration;
    const old = this.olds.get(urn);
    if (!custom) {
      this.news.set(urn, { urn, type, name, custom, parent, id: "", inputs: {}, outputs: {}, dependencies });
      return { id: "", outputs: {} };
    }
    if (this.failed) throw new StepFailure("the deployment stopped at an earlier failure");
    const plugin = this.pluginFor(registration);
    const change: ResourceChange = { type, name, op: old ? "same" : "create", diffs: [] };
    this.changes.push(change);
    try {
      const checked = await this.check(plugin, registration, old);
      if (!old) return await this.create(plugin, registration, checked, change);
      return await this.change(plugin, registration, checked, old, change);
    } catch (error) {
      this.errors.push(stepError(type, name, error));
      throw error;
    }
  }

  /** Deletes (or, in a preview, lists) what the program no longer declares, and replaced resources. */
  async finish(): Promise<void> {
    if (this.failed) return;
    const gone = [...this.olds.values()].filter((record) => !this.news.has(record.urn));
    const pending = [...gone, ...this.replaced];
    for (const record of deletionOrder(pending)) {
      const isReplaced = this.replaced.includes(record);
      if (!isReplaced && record.custom)
        this.changes.push({ type: record.type, name: record.name, op: "delete", diffs: [] });
      if (this.preview) continue;
      try {
        if (record.custom) await this.pluginFor(record).delete(record.id, record.outputs, record.inputs);
        if (isReplaced) this.replaced.splice(this.replaced.indexOf(record), 1);
        else this.olds.delete(record.urn);
      } catch (error) {
        this.errors.push(stepError(record.type, record.name, error));
        return;
      }
    }
  }

  /** The state the engine writes after the run: what the run recorded, then what it did not touch. */
  state(outputs: Record<string, unknown>): StackState {
    const resources = [...this.news.values()];
    for (const [urn, record] of this.olds) if (!this.news.has(urn)) resources.push(record);
    for (const record of this.replaced) resources.push({ ...record, pendingDelete: true });
    return { resources, outputs };
  }

  private async check(
    plugin: ResourcePlugin,
    registration: Registration,
    old: ResourceRecord | undefined,
  ): Promise<PropertyMap> {
    const result = await plugin.check(old?.inputs ?? {}, registration.inputs);
    if (result.failures.length > 0) {
      const reasons = result.failures.map((f) => `property ${f.property} has a problem: ${f.reason}`);
      throw new StepFailure(reasons.join("; "));
    }
    return result.inputs;
  }

  private async create(
    plugin: ResourcePlugin,
    registration: Registration,
    checked: PropertyMap,
    change: ResourceChange,
    recordOp: ChangeOp = "create",
  ): Promise<{ id: string; outputs: PropertyMap }> {
    change.op = recordOp;
    change.diffs = recordOp === "create" ? [] : change.diffs;
    if (this.preview) {
      const planned = plugin.supportsPreview
        ? await plugin.create(checked, true)
        : { id: "", outputs: checked };
      this.record(registration, planned.id, checked, planned.outputs);
      return planned;
    }
    try {
      const created = await plugin.create(checked, false);
      this.record(registration, created.id, checked, created.outputs);
      return created;
    } catch (error) {
      if (error instanceof PartialFailure)
        this.record(registration, error.id, checked, error.outputs, error.reasons);
      throw error;
    }
  }

  private async change(
    plugin: ResourcePlugin,
    registration: Registration,
    checked: PropertyMap,
    old: ResourceRecord,
    change: ResourceChange,
  ): Promise<{ id: string; outputs: PropertyMap }> {
    const diff = await plugin.diff(old.id, old.outputs, checked, old.inputs);
    change.diffs = diff.diffs?.length ? [...diff.diffs].sort() : changedInputs(old.inputs, checked);
    if (diff.replaces.length > 0)
      return this.replace(plugin, registration, checked, old, change, diff.deleteBeforeReplace);
    const changed =
      diff.changes === "some" ||
      (diff.changes === "unknown" && !isDeepStrictEqual(old.inputs, checked)) ||
      (old.initErrors?.length ?? 0) > 0;
    if (!changed) {
      this.news.set(old.urn, {
        ...old,
        inputs: checked,
        dependencies: registration.dependencies,
        parent: registration.parent,
      });
      return { id: old.id, outputs: old.outputs };
    }
    change.op = "update";
    if (this.preview) {
      const outputs = plugin.supportsPreview
        ? await plugin.update(old.id, old.outputs, checked, old.inputs, true)
        : checked;
      this.record(registration, old.id, checked, outputs);
      return { id: old.id, outputs };
    }
    try {
      const outputs = await plugin.update(old.id, old.outputs, checked, old.inputs, false);
      this.record(registration, old.id, checked, outputs);
      return { id: old.id, outputs };
    } catch (error) {
      if (error instanceof PartialFailure)
        this.record(registration, error.id, checked, error.outputs, error.reasons);
      else this.news.set(old.urn, old);
      throw error;
    }
  }

  private async replace(
    plugin: ResourcePlugin,
    registration: Registration,
    checked: PropertyMap,
    old: ResourceRecord,
    change: ResourceChange,
    providerDeleteFirst: boolean,
  ): Promise<{ id: string; outputs: PropertyMap }> {
    change.op = "replace";
    const deleteFirst = providerDeleteFirst || registration.deleteBeforeReplace;
    if (this.preview) return this.create(plugin, registration, checked, change, "replace");
    if (!deleteFirst) {
      try {
        const created = await this.create(plugin, registration, checked, change, "replace");
        this.replaced.push(old);
        return created;
      } catch (error) {
        // A replacement that exists (partially) makes the old object a pending delete.
        if (error instanceof PartialFailure) this.replaced.push(old);
        throw error;
      }
    }
    const dependents = [...this.olds.values()].filter((record) => record.dependencies.includes(old.urn));
    if (dependents.length > 0)
      throw new StepFailure(
        `the offline engine does not model replacing dependents of a delete-before-replace resource (${dependents
          .map((d) => d.name)
          .join(", ")})`,
      );
    await plugin.delete(old.id, old.outputs, old.inputs);
    this.olds.delete(old.urn);
    return this.create(plugin, registration, checked, change, "replace");
  }

  private record(
    registration: Registration,
    id: string,
    inputs: PropertyMap,
    outputs: PropertyMap,
    initErrors?: string[],
  ): void {
    const { urn, type, name, parent, dependencies } = registration;
    const record: ResourceRecord = {
      urn,
      type,
      name,
      custom: true,
      parent,
      id,
      inputs,
      outputs,
      dependencies,
    };
    if (initErrors && initErrors.length > 0) record.initErrors = initErrors;
    this.news.set(urn, record);
  }
}
