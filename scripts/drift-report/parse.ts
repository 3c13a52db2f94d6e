/**
 * Reads the engine's JSON preview digest and checks its shape, so that everything after this
 * point can trust the types. Every error names the JSON path, what was expected and what was found.
 */
import type { PreviewDiagnostic, PreviewDigest, PreviewStep, PropertyDiff, ResourceState } from "./types";

/** Bad input: the message is meant for the person running the command, as is. */
export class DriftReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DriftReportInputError";
  }
}

const EXPECTED_DOCUMENT =
  "the JSON written by `pulumi preview --json` or `pulumi refresh --preview-only --json` " +
  "(an object with `steps` and `changeSummary`)";

export function parseDigest(text: string, source: string): PreviewDigest {
  if (text.trim() === "") {
    throw new DriftReportInputError(
      `${source} is empty; expected ${EXPECTED_DOCUMENT}. Did the pulumi command fail before printing it?`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DriftReportInputError(`${source} is not JSON (${reason}); expected ${EXPECTED_DOCUMENT}.`);
  }
  if (!isObject(document)) {
    throw new DriftReportInputError(`${source}: expected ${EXPECTED_DOCUMENT}, found ${describe(document)}.`);
  }
  if (!("steps" in document) && !("changeSummary" in document)) {
    const keys = Object.keys(document);
    const found = keys.length === 0 ? "an empty object" : `an object with keys ${keys.join(", ")}`;
    throw new DriftReportInputError(`${source}: expected ${EXPECTED_DOCUMENT}, found ${found}.`);
  }
  return {
    steps: optionalArray(document, "steps", source).map((step, index) =>
      readStep(step, `${source}: steps[${index}]`),
    ),
    diagnostics: optionalArray(document, "diagnostics", source).map((diagnostic, index) =>
      readDiagnostic(diagnostic, `${source}: diagnostics[${index}]`),
    ),
    changeSummary: readChangeSummary(document.changeSummary, `${source}: changeSummary`),
  };
}

function readStep(value: unknown, at: string): PreviewStep {
  const step = requireObject(value, at);
  const op = requireString(step.op, `${at}.op`, 'an operation name such as "update"');
  const urn = requireString(
    step.urn,
    `${at}.urn`,
    "a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)",
  );
  if (!isPulumiUrn(urn)) {
    throw new DriftReportInputError(
      `${at}.urn: expected a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>), found ${JSON.stringify(urn)}.`,
    );
  }
  return {
    op,
    urn,
    oldState: optionalState(step.oldState, `${at}.oldState`),
    newState: optionalState(step.newState, `${at}.newState`),
    diffReasons: optionalStrings(step.diffReasons, `${at}.diffReasons`),
    replaceReasons: optionalStrings(step.replaceReasons, `${at}.replaceReasons`),
    detailedDiff: optionalDetailedDiff(step.detailedDiff, `${at}.detailedDiff`),
  };
}

export function isPulumiUrn(urn: string): boolean {
  return urn.startsWith("urn:pulumi:") && urn.split("::").length >= 4;
}

function optionalState(value: unknown, at: string): ResourceState | undefined {
  if (value === undefined || value === null) return undefined;
  const state = requireObject(value, at);
  return {
    urn: optionalString(state.urn, `${at}.urn`),
    type: optionalString(state.type, `${at}.type`),
    id: optionalString(state.id, `${at}.id`),
    inputs: optionalMap(state.inputs, `${at}.inputs`),
    outputs: optionalMap(state.outputs, `${at}.outputs`),
  };
}

function optionalDetailedDiff(value: unknown, at: string): Record<string, PropertyDiff> | null {
  if (value === undefined || value === null) return null;
  const diff = requireObject(value, at);
  const result: Record<string, PropertyDiff> = {};
  for (const [path, entry] of Object.entries(diff)) {
    const where = `${at}[${JSON.stringify(path)}]`;
    const propertyDiff = requireObject(entry, where);
    const kind = requireString(propertyDiff.kind, `${where}.kind`, 'a diff kind such as "update"');
    const inputDiff = propertyDiff.inputDiff;
    if (inputDiff !== undefined && typeof inputDiff !== "boolean") {
      throw new DriftReportInputError(
        `${where}.inputDiff: expected true or false, found ${describe(inputDiff)}.`,
      );
    }
    result[path] = { kind, inputDiff };
  }
  return result;
}

function readDiagnostic(value: unknown, at: string): PreviewDiagnostic {
  const diagnostic = requireObject(value, at);
  return {
    urn: optionalString(diagnostic.urn, `${at}.urn`),
    message: optionalString(diagnostic.message, `${at}.message`),
    severity: optionalString(diagnostic.severity, `${at}.severity`),
  };
}

function readChangeSummary(value: unknown, at: string): Record<string, number> {
  if (value === undefined || value === null) return {};
  const summary = requireObject(value, at);
  const result: Record<string, number> = {};
  for (const [op, count] of Object.entries(summary)) {
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
      throw new DriftReportInputError(
        `${at}.${op}: expected a resource count (a whole number of 0 or more), found ${describe(count)}.`,
      );
    }
    result[op] = count;
  }
  return result;
}

function optionalArray(document: Record<string, unknown>, key: string, source: string): unknown[] {
  const value = document[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new DriftReportInputError(`${source}: ${key}: expected an array, found ${describe(value)}.`);
  }
  return value;
}

function optionalMap(value: unknown, at: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  return requireObject(value, at);
}

function optionalStrings(value: unknown, at: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === "string")) {
    throw new DriftReportInputError(`${at}: expected an array of property names, found ${describe(value)}.`);
  }
  return value;
}

function optionalString(value: unknown, at: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new DriftReportInputError(`${at}: expected a string, found ${describe(value)}.`);
  }
  return value;
}

function requireString(value: unknown, at: string, expected: string): string {
  if (typeof value !== "string" || value === "") {
    throw new DriftReportInputError(`${at}: expected ${expected}, found ${describe(value)}.`);
  }
  return value;
}

function requireObject(value: unknown, at: string): Record<string, unknown> {
  if (!isObject(value)) {
    throw new DriftReportInputError(`${at}: expected an object, found ${describe(value)}.`);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short, safe description of a found value (never the whole value: it may be large). */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string")
    return value === "" ? "an empty string" : `the string ${truncate(JSON.stringify(value))}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  return typeof value;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
