/**
 * Turns the engine events `@pulumi/pulumi/automation` streams (`onEvent`) into the driver's
 * `ResourceChange` list and collects the error diagnostics of a run.
 *
 * | Engine event                   | What is taken from it                                                  |
 * |--------------------------------|------------------------------------------------------------------------|
 * | `resourcePreEvent`             | one step: `metadata.op`, `type`, `urn`, `diffs`, `old`/`new.inputs`    |
 * | `resOutputsEvent` after a      | the refresh's result: op `same`, `update` or `delete` (newer engines), |
 * | `refresh` pre-event            | or `refresh` with the refreshed state (older engines)                  |
 * | `diagnosticEvent` (`error`)    | the message, prefixed with the resource's logical name                 |
 *
 * Entries, as the offline driver (test/deployment/offline/) reports them:
 * - one per resource and plan step, at the position of the resource's first step;
 *   `create-replacement`, `delete-replaced`, `replace` (and the other replacement ops) are one
 *   `replace` entry;
 * - a refresh step is a `refresh` entry with the drifted properties (none when nothing changed), or
 *   `delete` when the object is gone;
 * - a run that refreshes first (`preview --refresh`, `up --refresh`) lists the refresh entries
 *   that found something (drift or a deleted object), then the plan's entries, so a resource can
 *   appear twice: what the refresh found, then what `up` does (or would do) about it.
 * The stack, providers and the PasswordlessOnboarding component are not listed.
 */
import { isDeepStrictEqual } from "node:util";
import type {
  EngineEvent,
  OpType,
  StepEventMetadata,
  StepEventStateMetadata,
} from "@pulumi/pulumi/automation";
import type { ChangeOp, ResourceChange } from "../driver";

/** The component type declared by infra/onboarding.ts (`PASSWORDLESS_ONBOARDING_TYPE`). */
export const ONBOARDING_COMPONENT_TYPE = "passwordless:onboarding:PasswordlessOnboarding";

const STACK_TYPE = "pulumi:pulumi:Stack";
const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** Ops the engine emits, possibly several per resource, for one replacement. */
const REPLACEMENT_OPS: ReadonlySet<string> = new Set<OpType>([
  "replace",
  "create-replacement",
  "delete-replaced",
  "import-replacement",
  "read-replacement",
  "discard-replaced",
]);

/** Every other op, as the driver names it. */
const SINGLE_STEP_OPS: Readonly<Record<Exclude<OpType, "refresh">, ChangeOp>> = {
  same: "same",
  create: "create",
  update: "update",
  delete: "delete",
  read: "read",
  import: "create",
  discard: "delete",
  "remove-pending-replace": "delete",
  // Listed for exhaustiveness; handled as replacements above.
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  "import-replacement": "replace",
  "read-replacement": "replace",
  "discard-replaced": "replace",
};

/** Messages the engine adds to a failed run that say nothing beyond "it failed". */
const GENERIC_FAILURES = /^(update|preview|refresh|destroy) failed\.?$/i;

/** Whether a resource of this type belongs in the driver's change list. */
export function isReportedType(type: string): boolean {
  return type !== STACK_TYPE && !type.startsWith(PROVIDER_TYPE_PREFIX) && type !== ONBOARDING_COMPONENT_TYPE;
}

/** The logical name: the last `::` part of a URN. */
export function logicalName(urn: string): string {
  const parts = urn.split("::");
  return parts[parts.length - 1];
}

/** Removes ANSI escapes and the CLI's `<{%reset%}>`-style colour tags. */
export function stripFormatting(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g, "")
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "")
      .replace(/<\{%[^%]*%\}>/g, "")
      .replace(/\r/g, "")
  );
}

interface TrackedResource {
  urn: string;
  type: string;
  /** Steps other than refresh, in the order the engine sent them. */
  steps: StepEventMetadata[];
  /** Position of the first of `steps` among all the run's steps. */
  firstStep: number;
  /** Set by the resource's refresh step; `result` is its outputs event, once the refresh is done. */
  refresh?: { result?: StepEventMetadata };
}

/** Collects a run's events; `changes()` and `errors()` read what was collected so far. */
export class ChangeRecorder {
  private readonly resources = new Map<string, TrackedResource>();
  private readonly errorMessages: string[] = [];
  private stepCount = 0;

  /** Pass as `onEvent` to `Stack.up` / `preview` / `refresh` / `destroy`. */
  readonly onEvent = (event: EngineEvent): void => {
    if (event.resourcePreEvent) this.onStep(event.resourcePreEvent.metadata);
    else if (event.resOutputsEvent) this.onOutputs(event.resOutputsEvent.metadata);
    else if (event.diagnosticEvent?.severity === "error") {
      const { urn, message } = event.diagnosticEvent;
      const text = stripFormatting(message).trim();
      if (text === "") return;
      const name = urn && isReportedType(typeOfUrn(urn)) ? `${logicalName(urn)}: ` : "";
      const line = `${name}${text}`;
      if (!this.errorMessages.includes(line)) this.errorMessages.push(line);
    }
  };

  changes(): ResourceChange[] {
    const resources = [...this.resources.values()];
    const entry = (resource: TrackedResource, change: Change): ResourceChange => ({
      type: resource.type,
      name: logicalName(resource.urn),
      ...change,
    });
    // A plain refresh lists every resource; one followed by a plan only what it found.
    const refreshOnly = resources.every((resource) => resource.steps.length === 0);
    const refreshed = resources.flatMap((resource) => {
      if (!resource.refresh) return [];
      const change = changeFromRefresh(resource.refresh.result);
      return refreshOnly || change.op === "delete" || change.diffs.length > 0
        ? [entry(resource, change)]
        : [];
    });
    const planned = resources
      .filter((resource) => resource.steps.length > 0)
      .sort((a, b) => a.firstStep - b.firstStep)
      .map((resource) => entry(resource, changeFromSteps(resource.steps)));
    return [...refreshed, ...planned];
  }

  /** The run's error diagnostics, one per message, without the engine's generic "update failed". */
  errors(): string[] {
    return this.errorMessages.filter((message) => !GENERIC_FAILURES.test(message));
  }

  private track(metadata: StepEventMetadata): TrackedResource | undefined {
    if (!isReportedType(metadata.type)) return undefined;
    let resource = this.resources.get(metadata.urn);
    if (!resource) {
      resource = { urn: metadata.urn, type: metadata.type, steps: [], firstStep: 0 };
      this.resources.set(metadata.urn, resource);
    }
    return resource;
  }

  private onStep(metadata: StepEventMetadata): void {
    const resource = this.track(metadata);
    if (!resource) return;
    this.stepCount += 1;
    if (metadata.op === "refresh") {
      resource.refresh = {};
      return;
    }
    if (resource.steps.length === 0) resource.firstStep = this.stepCount;
    resource.steps.push(metadata);
  }

  private onOutputs(metadata: StepEventMetadata): void {
    const resource = this.track(metadata);
    if (!resource) return;
    const awaitingRefresh =
      resource.refresh !== undefined && resource.refresh.result === undefined && resource.steps.length === 0;
    if (awaitingRefresh || metadata.op === "refresh") resource.refresh = { result: metadata };
  }
}

type Change = Pick<ResourceChange, "op" | "diffs">;

function changeFromSteps(steps: StepEventMetadata[]): Change {
  const replacement = steps.filter((step) => REPLACEMENT_OPS.has(step.op));
  if (replacement.length > 0) {
    const listed = unique(replacement.flatMap((step) => listedDiffs(step)));
    const compared = replacement.find((step) => step.old && step.new);
    return { op: "replace", diffs: listed.length > 0 ? listed : comparedKeys(compared, "inputs") };
  }
  const step = steps[steps.length - 1];
  const op = (SINGLE_STEP_OPS as Record<string, ChangeOp | undefined>)[step.op] ?? "update";
  return { op, diffs: op === "update" ? stepDiffs(step) : [] };
}

/**
 * A refresh's result. `result` is undefined when the refresh never finished (the run failed).
 * Newer engines report the result op (`same`, `update`, `delete`); older ones keep `refresh`, and
 * then the refreshed inputs are compared with the stored ones.
 */
function changeFromRefresh(result: StepEventMetadata | undefined): Change {
  if (!result) return { op: "refresh", diffs: [] };
  if (result.op === "delete" || !result.new) return { op: "delete", diffs: [] };
  if (result.op === "same") return { op: "refresh", diffs: [] };
  const diffs = stepDiffs(result);
  if (result.op === "refresh" || diffs.length > 0) return { op: "refresh", diffs };
  // The engine found a change its inputs do not show: name it by the outputs.
  return { op: "refresh", diffs: comparedKeys(result, "outputs") };
}

/** The provider's own list of changed properties, else the inputs whose stored and new values differ. */
function stepDiffs(step: StepEventMetadata): string[] {
  const listed = listedDiffs(step);
  return listed.length > 0 ? listed : comparedKeys(step, "inputs");
}

/**
 * The properties the engine names: `diffs`, the replacement `keys` and the top-level properties of
 * `detailedDiff`, without engine keys (`__provider`).
 */
function listedDiffs(step: StepEventMetadata): string[] {
  const paths = [...(step.diffs ?? []), ...(step.keys ?? []), ...Object.keys(step.detailedDiff ?? {})];
  return unique(paths.map(topLevelKey).filter((key) => !isEngineKey(key)));
}

/** Top-level keys whose values differ between `old` and `new` (the CLI's `~` list). */
function comparedKeys(step: StepEventMetadata | undefined, side: "inputs" | "outputs"): string[] {
  const before = propertiesOf(step?.old, side);
  const after = propertiesOf(step?.new, side);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return unique([...keys].filter((key) => !isEngineKey(key) && !isDeepStrictEqual(before[key], after[key])));
}

function propertiesOf(
  state: StepEventStateMetadata | null | undefined,
  side: "inputs" | "outputs",
): Record<string, unknown> {
  const properties: unknown = state?.[side];
  return typeof properties === "object" && properties !== null ? (properties as Record<string, unknown>) : {};
}

/** `includeTargets[0].id` -> `includeTargets`; `["a.b"].c` -> `a.b`. */
function topLevelKey(path: string): string {
  const quoted = /^\["((?:[^"\\]|\\.)*)"\]/.exec(path);
  if (quoted) return quoted[1];
  return path.split(/[.[]/, 1)[0];
}

/** Keys the engine or the SDK add for themselves, e.g. a dynamic provider's serialized code. */
function isEngineKey(key: string): boolean {
  return key.startsWith("__");
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)].sort();
}

/** `urn:pulumi:<stack>::<project>::<parent types $ ...><type>::<name>` -> `<type>`. */
function typeOfUrn(urn: string): string {
  const parts = urn.split("::");
  const qualified = parts.length >= 4 ? parts[parts.length - 2] : "";
  const types = qualified.split("$");
  return types[types.length - 1];
}
