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
 * - Explicit provider resources (`pulumi:providers:<pkg>`) step like any other custom resource, their
 *   resource provider being the engine's provider registry (providerRegistry.ts); a resource's state
 *   keeps the provider reference it was registered with. A resource whose reference changed is
 *   diffed as usual: the engine replaces it only when the new provider's DiffConfig asks for a
 *   replacement (step_generator.go:2611-2692 `providerChanged`), which azuread's never does.
 *
 * The `import` resource option, as the engine applies it since Pulumi 3.174 (PR #19339, commit
 * 961156bb; read here at v3.248.0):
 *
 * - It is an import when the resource is custom, the option is set and there is no state for the
 *   URN or the state's ImportID (its id when it has none) differs from the option
 *   (step_generator.go:992-1001 `isImport`). Anything else flows on to the normal steps.
 * - The ImportStep only Reads, with the import id and no inputs or state, in `up` and `preview`
 *   alike (step.go:1805-1911 `ImportStep.Apply`): a read that finds nothing fails with
 *   `resource '<id>' does not exist`, one without inputs with `provider does not support
 *   importing resources; please try updating the '<package>' plugin`; a read error is the step's
 *   error.
 * - The read becomes the old state and normal step generation follows
 *   (step_generator.go:1131 `continueStepsFromImport`): Check(read inputs, program inputs), Diff,
 *   then Update or Replace in the same run, reported after the "import" entry. When nothing
 *   differs no Same step follows: the registration resolves with the imported state, which is
 *   what the state keeps (step_generator.go:1520-1528).
 * - The state records the import id as ImportID (step_generator.go:745); after an import followed
 *   by an update it records none (the step generator's fresh state, step_generator.go:1040-1072),
 *   so later runs compare the id.
 * - A diff that needs a replacement while the program still gives an `import` id (imported now or
 *   earlier): a preview warns ``previously-imported resources that still specify an ID may not be
 *   replaced; please remove the `import` declaration from your program;\n<key>: <old> => <new>``
 *   (one line per replaced property, old and new inputs printed as Go prints a PropertyValue) and
 *   goes on planning the replacement; an `up` fails with that message before any step
 *   (step_generator.go:1856-1880).
 * - The imported state is kept when a later step of the resource fails (the ImportStep's result
 *   was already saved).
 * - Not modelled: an import id that differs from the id of a resource already in state (the
 *   engine's ImportReplacementStep): the run fails saying so.
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
  /** The `import` resource option (RegisterResourceRequest.importId), when given. */
  importId?: string;
  /** The explicit provider's reference (RegisterResourceRequest.provider), when given. */
  provider?: string;
}

/** The resource provider of a resource (its explicit provider's, when it names one). */
export type PluginFor = (record: {
  urn: string;
  type: string;
  name: string;
  provider?: string;
}) => ResourcePlugin;

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

/** A warning the CLI prints under the resource in its Diagnostics. */
export function stepWarning(type: string, name: string, message: string): string {
  return `${type} (${name}): warning: ${message}`;
}

/**
 * A property value as the engine prints it in messages: Go's `fmt.Sprintf("{%v}", v.V)` of a
 * resource.PropertyValue (sdk/go/common/resource/properties.go:648-662 @ v3.248.0): `{text}`,
 * `{true}`, `{5}`, `{<nil>}` for null or absent, `{[{a} {b}]}` for an array, `{map[k:{v}]}`
 * (keys sorted) for an object.
 */
export function goPropertyValue(value: unknown): string {
  return `{${goValue(value)}}`;
}

function goValue(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goPropertyValue).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${key}:${goPropertyValue((value as PropertyMap)[key])}`);
    return `map[${entries.join(" ")}]`;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value) ?? "";
}

/** The engine's refusal to replace a resource whose program still gives an `import` id (step_generator.go:1856-1880). */
export function importedReplaceMessage(
  replaces: readonly string[],
  olds: PropertyMap,
  news: PropertyMap,
): string {
  const lines = replaces.map(
    (key) => `${key}: ${goPropertyValue(olds[key])} => ${goPropertyValue(news[key])}`,
  );
  return (
    "previously-imported resources that still specify an ID may not be replaced; " +
    "please remove the `import` declaration from your program;\n" +
    lines.join("\n")
  );
}

/** The record with the registration's provider reference, or none (the engine's state keeps the goal's). */
function withProvider(record: ResourceRecord, provider: string | undefined): ResourceRecord {
  const { provider: _old, ...rest } = record;
  return provider ? { ...rest, provider } : rest;
}

/** How one registration is being stepped. */
interface Stepping {
  registration: Registration;
  change: ResourceChange;
  /** The old state is what an import just read (no Same step; state keeps no ImportID after an update). */
  imported: boolean;
}

export class DeploymentPlan {
  readonly changes: ResourceChange[] = [];
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
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
    const { urn, type, name, parent, custom, dependencies, importId } = registration;
    let old = this.olds.get(urn);
    if (!custom) {
      this.news.set(urn, { urn, type, name, custom, parent, id: "", inputs: {}, outputs: {}, dependencies });
      return { id: "", outputs: {} };
    }
    if (this.failed) throw new StepFailure("the deployment stopped at an earlier failure");
    const plugin = this.pluginFor(registration);
    // step_generator.go:992-1001: an import unless the state already holds this import id.
    const isImport = importId !== undefined && (!old || (old.importId || old.id) !== importId);
    const change: ResourceChange = { type, name, op: old ? "same" : "create", diffs: [] };
    const stepping: Stepping = { registration, change, imported: isImport };
    try {
      if (isImport) {
        if (old)
          throw new StepFailure(
            `the offline engine does not model importing ${importId} over the resource already in state with id ${old.id} (the engine's ImportReplacementStep)`,
          );
        old = await this.importStep(plugin, registration, importId);
        // The ImportStep's result is saved before any later step of this resource runs, so it
        // stays in state when one fails (step_executor.go OnResourceStepPost).
        this.news.set(urn, old);
      } else {
        this.changes.push(change);
      }
      const checked = await this.check(plugin, registration, old);
      if (!old) return await this.create(plugin, stepping, checked);
      return await this.change(plugin, stepping, checked, old);
    } catch (error) {
      this.errors.push(stepError(type, name, error));
      throw error;
    }
  }

  /** step.go ImportStep.Apply: Read the object with the import id and no state; it becomes the old state. */
  private async importStep(
    plugin: ResourcePlugin,
    registration: Registration,
    importId: string,
  ): Promise<ResourceRecord> {
    const { urn, type, name, parent, dependencies, provider } = registration;
    this.changes.push({ type, name, op: "import", diffs: [] });
    const read = await plugin.read(importId, {}, {});
    if (!read.id && Object.keys(read.outputs).length === 0)
      throw new StepFailure(`resource '${importId}' does not exist`);
    if (!read.inputs)
      throw new StepFailure(
        `provider does not support importing resources; please try updating the '${type.split(":")[0]}' plugin`,
      );
    return {
      urn,
      type,
      name,
      custom: true,
      parent,
      id: read.id || importId,
      inputs: read.inputs,
      outputs: read.outputs,
      dependencies,
      importId,
      ...(provider ? { provider } : {}),
    };
  }

  /** Sets the step's op; an imported resource's change is listed only once it is more than the import. */
  private setOp(stepping: Stepping, op: ChangeOp): void {
    stepping.change.op = op;
    if (!this.changes.includes(stepping.change)) this.changes.push(stepping.change);
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
    stepping: Stepping,
    checked: PropertyMap,
    recordOp: ChangeOp = "create",
  ): Promise<{ id: string; outputs: PropertyMap }> {
    this.setOp(stepping, recordOp);
    if (recordOp === "create") stepping.change.diffs = [];
    if (this.preview) {
      const planned = plugin.supportsPreview
        ? await plugin.create(checked, true)
        : { id: "", outputs: checked };
      this.record(stepping, planned.id, checked, planned.outputs);
      return planned;
    }
    try {
      const created = await plugin.create(checked, false);
      this.record(stepping, created.id, checked, created.outputs);
      return created;
    } catch (error) {
      if (error instanceof PartialFailure)
        this.record(stepping, error.id, checked, error.outputs, error.reasons);
      throw error;
    }
  }

  private async change(
    plugin: ResourcePlugin,
    stepping: Stepping,
    checked: PropertyMap,
    old: ResourceRecord,
  ): Promise<{ id: string; outputs: PropertyMap }> {
    const { registration, change } = stepping;
    const diff = await plugin.diff(old.id, old.outputs, checked, old.inputs);
    change.diffs = diff.diffs?.length ? [...diff.diffs].sort() : changedInputs(old.inputs, checked);
    if (diff.replaces.length > 0) {
      if (registration.importId !== undefined) {
        const message = importedReplaceMessage(diff.replaces, old.inputs, checked);
        if (!this.preview) {
          // Step generation fails: the resource gets no step at all.
          const listed = this.changes.indexOf(change);
          if (listed >= 0) this.changes.splice(listed, 1);
          throw new StepFailure(message);
        }
        this.warnings.push(stepWarning(registration.type, registration.name, message));
      }
      return this.replace(plugin, stepping, checked, old, diff.deleteBeforeReplace);
    }
    const changed =
      diff.changes === "some" ||
      (diff.changes === "unknown" && !isDeepStrictEqual(old.inputs, checked)) ||
      (old.initErrors?.length ?? 0) > 0;
    if (!changed) {
      change.diffs = [];
      // After an import the registration resolves with the imported state itself (no Same step).
      this.news.set(
        old.urn,
        stepping.imported
          ? old
          : withProvider(
              {
                ...old,
                inputs: checked,
                dependencies: registration.dependencies,
                parent: registration.parent,
                importId: registration.importId,
              },
              registration.provider,
            ),
      );
      return { id: old.id, outputs: old.outputs };
    }
    this.setOp(stepping, "update");
    if (this.preview) {
      const outputs = plugin.supportsPreview
        ? await plugin.update(old.id, old.outputs, checked, old.inputs, true)
        : checked;
      this.record(stepping, old.id, checked, outputs);
      return { id: old.id, outputs };
    }
    try {
      const outputs = await plugin.update(old.id, old.outputs, checked, old.inputs, false);
      this.record(stepping, old.id, checked, outputs);
      return { id: old.id, outputs };
    } catch (error) {
      if (error instanceof PartialFailure)
        this.record(stepping, error.id, checked, error.outputs, error.reasons);
      else this.news.set(old.urn, old);
      throw error;
    }
  }

  private async replace(
    plugin: ResourcePlugin,
    stepping: Stepping,
    checked: PropertyMap,
    old: ResourceRecord,
    providerDeleteFirst: boolean,
  ): Promise<{ id: string; outputs: PropertyMap }> {
    this.setOp(stepping, "replace");
    const deleteFirst = providerDeleteFirst || stepping.registration.deleteBeforeReplace;
    if (this.preview) return this.create(plugin, stepping, checked, "replace");
    if (!deleteFirst) {
      try {
        const created = await this.create(plugin, stepping, checked, "replace");
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
    return this.create(plugin, stepping, checked, "replace");
  }

  private record(
    stepping: Stepping,
    id: string,
    inputs: PropertyMap,
    outputs: PropertyMap,
    initErrors?: string[],
  ): void {
    const { urn, type, name, parent, dependencies, importId, provider } = stepping.registration;
    const record: ResourceRecord = withProvider(
      { urn, type, name, custom: true, parent, id, inputs, outputs, dependencies },
      provider,
    );
    // The new state carries the goal's import id (step_generator.go:745), except after an import,
    // whose follow-up steps start from a state without one (step_generator.go:1040-1072).
    if (importId !== undefined && !stepping.imported) record.importId = importId;
    if (initErrors && initErrors.length > 0) record.initErrors = initErrors;
    this.news.set(urn, record);
  }
}
