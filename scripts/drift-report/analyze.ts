/**
 * Turns a preview digest into the report's model: which resources changed, how, and per property
 * the value on each side.
 *
 * Two documents share this shape:
 * - `pulumi refresh --preview-only --json`: "before" is the stack state, "after" what the tenant
 *   holds now. A resource that drifted appears once, with op `update` and its refreshed state, or
 *   op `delete` when it is gone. The engine only names an updated resource when its provider
 *   returned a property-level diff; Pulumi dynamic providers cannot, so such a resource keeps op
 *   `refresh` and is counted only in `changeSummary`.
 * - `pulumi preview --json` (with or without `--refresh`): "before" is the state (refreshed, with
 *   `--refresh`), "after" what the program declares. With `--refresh` a resource appears twice:
 *   first its refresh step, then its preview step.
 */
import type {
  DriftReport,
  PreviewDigest,
  PreviewStep,
  PropertyChange,
  PropertyMap,
  ReportKind,
  ResourceChange,
  ResourceState,
} from "./types";
import { parseUrn } from "./urn";
import { parsePropertyPath, sameDisplayValue, toDisplayValue, valueAtPath, type PathSegment } from "./values";

/** Ops that change nothing: the resource is as recorded (or merely looked at). */
const UNCHANGED_OPS = new Set([
  "same",
  "read",
  "refresh",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
]);
/** Ops the engine emits together for one replacement. */
const REPLACE_OPS = new Set(["replace", "create-replacement", "delete-replaced", "import-replacement"]);
/** `changeSummary` entries that count changed resources (each replacement counts once, as `replace`). */
const SUMMARY_CHANGE_OPS = ["create", "update", "delete", "replace", "import"];
const CHANGE_NAMES: Record<string, string> = { create: "created", delete: "deleted", update: "updated" };

export function detectKind(digest: PreviewDigest): ReportKind {
  const hasRefreshSteps = digest.steps.some((step) => step.op === "refresh");
  const urns = new Set(digest.steps.map((step) => step.urn));
  return hasRefreshSteps && urns.size === digest.steps.length ? "refresh" : "preview";
}

export function analyzeDigest(digest: PreviewDigest, kind: ReportKind = detectKind(digest)): DriftReport {
  const changes: ResourceChange[] = [];
  for (const steps of groupByUrn(digest.steps).values()) {
    const change = describeResource(steps, kind);
    if (change) changes.push(change);
  }
  const summaryCount = SUMMARY_CHANGE_OPS.reduce((total, op) => total + (digest.changeSummary[op] ?? 0), 0);
  return {
    kind,
    changes,
    // Only a refresh preview can leave changed resources unnamed (see the file comment).
    changedCount: kind === "refresh" ? Math.max(changes.length, summaryCount) : changes.length,
    warnings: diagnosticsOf(digest, "warning"),
    errors: diagnosticsOf(digest, "error"),
  };
}

function groupByUrn(steps: PreviewStep[]): Map<string, PreviewStep[]> {
  const groups = new Map<string, PreviewStep[]>();
  for (const step of steps) {
    const group = groups.get(step.urn);
    if (group) group.push(step);
    else groups.set(step.urn, [step]);
  }
  return groups;
}

function describeResource(steps: PreviewStep[], kind: ReportKind): ResourceChange | undefined {
  const changing = steps.filter((step) => !UNCHANGED_OPS.has(step.op));
  if (changing.length === 0) return undefined;
  const replacement =
    changing.find((step) => step.op === "replace") ?? changing.find((s) => REPLACE_OPS.has(s.op));
  const step = replacement ?? changing[changing.length - 1];
  const { name, type } = parseUrn(step.urn);
  const change = replacement ? "replaced" : (CHANGE_NAMES[step.op] ?? step.op);
  const properties = change === "updated" || change === "replaced" ? propertyChanges(step, kind) : [];
  return { urn: step.urn, name, type, change, properties };
}

function propertyChanges(step: PreviewStep, kind: ReportKind): PropertyChange[] {
  const detailed = step.detailedDiff ?? {};
  const detailedPaths = Object.keys(detailed);
  const reasons =
    detailedPaths.length > 0 ? detailedPaths : [...(step.diffReasons ?? []), ...(step.replaceReasons ?? [])];
  if (reasons.length === 0) return computedChanges(step, kind);
  return [...new Set(reasons)]
    .filter((path) => !isEngineKey(path))
    .sort()
    .map((path) => {
      const segments = parsePropertyPath(path);
      const inputDiff = detailed[path]?.inputDiff ?? true;
      return kind === "refresh"
        ? {
            path,
            before: lookUp(step.oldState, segments, "inputs"),
            after: lookUp(step.newState, segments, inputDiff ? "inputs" : "outputs"),
          }
        : {
            path,
            before: lookUp(step.oldState, segments, inputDiff ? "inputs" : "outputs"),
            after: lookUp(step.newState, segments, "inputs"),
          };
    });
}

/**
 * Without a diff from the provider, compares the two states key by key, the way Pulumi's own
 * text display does: state outputs vs refreshed outputs for a refresh, state inputs vs program
 * inputs for a preview.
 */
function computedChanges(step: PreviewStep, kind: ReportKind): PropertyChange[] {
  const side = kind === "refresh" ? "outputs" : "inputs";
  const before = mapOf(step.oldState, side);
  const after = mapOf(step.newState, side);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !isEngineKey(key),
  );
  return keys
    .sort()
    .map((key) => ({ path: key, before: toDisplayValue(before[key]), after: toDisplayValue(after[key]) }))
    .filter((change) => !sameDisplayValue(change.before, change.after));
}

/** Looks a path up in the preferred map, falling back to the other when its top key is missing there. */
function lookUp(state: ResourceState | undefined, path: PathSegment[], preferred: "inputs" | "outputs") {
  const other = preferred === "inputs" ? "outputs" : "inputs";
  const first = state?.[preferred];
  const top = path[0];
  const map = first && typeof top === "string" && top in first ? first : (state?.[other] ?? first);
  return valueAtPath(map, path);
}

function mapOf(state: ResourceState | undefined, side: "inputs" | "outputs"): PropertyMap {
  return state?.[side] ?? state?.[side === "inputs" ? "outputs" : "inputs"] ?? {};
}

/** Keys the engine or SDK adds for itself, e.g. a dynamic provider's serialized code in `__provider`. */
function isEngineKey(path: string): boolean {
  return path.startsWith("__");
}

function diagnosticsOf(digest: PreviewDigest, severity: "warning" | "error"): string[] {
  return digest.diagnostics
    .filter((diagnostic) => diagnostic.severity === severity && diagnostic.message)
    .map((diagnostic) => {
      const message = (diagnostic.message ?? "").trim();
      return diagnostic.urn ? `${safeName(diagnostic.urn)}: ${message}` : message;
    });
}

function safeName(urn: string): string {
  try {
    return parseUrn(urn).name;
  } catch {
    return urn;
  }
}
