/**
 * Two shapes: the JSON document the Pulumi engine prints for `pulumi preview --json` and
 * `pulumi refresh --preview-only --json` (its "preview digest"), and the report this command
 * builds from it.
 *
 * The digest fields follow Pulumi's `display.PreviewDigest` / `PreviewStep` / `PropertyDiff` /
 * `PreviewDiagnostic` and `apitype.ResourceV3`. Only the fields the report reads are typed;
 * everything else in the document is ignored.
 */

/** A property map as the engine serializes it (plain JSON plus sentinel strings and objects). */
export type PropertyMap = Record<string, unknown>;

/** One resource's state in a step (`apitype.ResourceV3`, trimmed). */
export interface ResourceState {
  urn?: string;
  type?: string;
  id?: string;
  inputs?: PropertyMap;
  outputs?: PropertyMap;
}

/** How one property differs: kind is add, add-replace, delete, delete-replace, update or update-replace. */
export interface PropertyDiff {
  kind: string;
  /** True when the difference is between old and new inputs rather than old state and new inputs. */
  inputDiff?: boolean;
}

export interface PreviewStep {
  /** same, create, update, delete, replace, create-replacement, delete-replaced, read, refresh, ... */
  op: string;
  urn: string;
  oldState?: ResourceState;
  newState?: ResourceState;
  diffReasons?: string[];
  replaceReasons?: string[];
  /** Property path -> difference; null when the provider gave no property-level diff. */
  detailedDiff?: Record<string, PropertyDiff> | null;
}

export interface PreviewDiagnostic {
  urn?: string;
  message?: string;
  /** debug, info, info#err, warning or error. */
  severity?: string;
}

export interface PreviewDigest {
  steps: PreviewStep[];
  diagnostics: PreviewDiagnostic[];
  /** Resource count per operation, e.g. {"same": 4, "update": 1}. */
  changeSummary: Record<string, number>;
}

/** What the document describes: a refresh preview (state vs tenant) or a preview (state vs program). */
export type ReportKind = "refresh" | "preview";

/**
 * One side of a property comparison. `absent` means the property is not there at all;
 * `secret` and `unknown` stand for values the engine does not reveal or does not know yet.
 */
export type DisplayValue =
  { kind: "absent" } | { kind: "secret" } | { kind: "unknown" } | { kind: "value"; value: unknown };

export interface PropertyChange {
  /** Property path in Pulumi's syntax, e.g. `includeTargets[0].id`. */
  path: string;
  before: DisplayValue;
  after: DisplayValue;
}

/** created, deleted, updated or replaced; the engine's own op name for anything else. */
export type ChangeKind = string;

export interface ResourceChange {
  urn: string;
  /** Logical name, the last part of the URN. */
  name: string;
  /** Type token, e.g. `pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy`. */
  type: string;
  change: ChangeKind;
  properties: PropertyChange[];
}

export interface DriftReport {
  kind: ReportKind;
  /** Resources the document names as changed. */
  changes: ResourceChange[];
  /** Changed resources according to the engine's change summary (may exceed `changes.length`). */
  changedCount: number;
  warnings: string[];
  errors: string[];
}
