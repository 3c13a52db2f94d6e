/**
 * What PlanResourceChange computes for a bridged SDKv2 resource, and the diff the bridge reports
 * from it (pulumi-terraform-bridge pkg/tfbridge/provider.go:1178-1284, detailed_diff.go @26e62205;
 * terraform-plugin-sdk helper/schema/schema.go diffString/diffList/diffSet @38d1993a):
 *
 * - an attribute the config sets plans to the config value;
 * - an absent Computed (or Optional+Computed) attribute keeps its prior value, or is unknown when
 *   there is none (create);
 * - an absent Optional attribute plans to its Default, else to null, which the SDK compares with
 *   the prior value as the type's zero value (`""`, `false`, `0`, `[]`), so a prior zero is no change;
 * - lists compare in order, sets as sets, MaxItems-1 blocks by presence and then member by member;
 * - `diffs` / `replaces` are the top-level Pulumi names of what changed / of changes to ForceNew
 *   attributes.
 */
import { UNKNOWN } from "../nativeProvider";
import { BlockField, Field, isObject, PropertyMap, Schema, zeroOf } from "./schema";

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The planned value of one attribute. `priorParent` is undefined when the object is new. */
function planField(
  field: Field,
  priorParent: PropertyMap | undefined,
  name: string,
  config: unknown,
): unknown {
  if (config === UNKNOWN) return UNKNOWN;
  const prior = priorParent?.[name];
  if (isPresent(config)) {
    switch (field.kind) {
      case "block":
        return isObject(config)
          ? planObject(field.fields, isObject(prior) ? prior : undefined, config)
          : clone(config);
      case "blockList":
        return Array.isArray(config)
          ? (config as unknown[]).map((element, i) =>
              element === UNKNOWN || !isObject(element)
                ? clone(element)
                : planObject(
                    field.fields,
                    Array.isArray(prior) && isObject(prior[i]) ? prior[i] : undefined,
                    element,
                  ),
            )
          : clone(config);
      default:
        return clone(config);
    }
  }
  if (field.computed) return priorParent === undefined ? UNKNOWN : clone(prior ?? null);
  if (field.default !== undefined) return field.default;
  return null;
}

/** The planned object for `config` given the prior object (undefined when new). */
export function planObject(schema: Schema, prior: PropertyMap | undefined, config: PropertyMap): PropertyMap {
  const planned: PropertyMap = {};
  for (const [name, field] of Object.entries(schema))
    planned[name] = planField(field, prior, name, config[name]);
  return planned;
}

interface Change {
  changed: boolean;
  forceNew: boolean;
}

const SAME: Change = { changed: false, forceNew: false };

function primitiveEqual(field: Field & { kind: "string" | "bool" | "int" }, a: unknown, b: unknown): boolean {
  if (a === UNKNOWN || b === UNKNOWN) return a === b;
  return (a ?? zeroOf(field.kind)) === (b ?? zeroOf(field.kind));
}

function collectionEqual(ordered: boolean, a: unknown, b: unknown): boolean {
  if (a === UNKNOWN || b === UNKNOWN) return a === b;
  const left: unknown[] = Array.isArray(a) ? (a as unknown[]) : [];
  const right: unknown[] = Array.isArray(b) ? (b as unknown[]) : [];
  if (left.length !== right.length) return false;
  if (left.includes(UNKNOWN) || right.includes(UNKNOWN)) return false;
  const [l, r] = ordered ? [left, right] : [[...left].map(String).sort(), [...right].map(String).sort()];
  return l.every((item, i) => item === r[i]);
}

/** Whether a change inside a block touches a ForceNew member. */
function nestedForceNew(fields: Schema, a: PropertyMap, b: PropertyMap): boolean {
  return Object.entries(fields).some(([name, field]) => {
    const change = fieldChange(field, a[name], b[name]);
    return change.changed && change.forceNew;
  });
}

function blockChange(field: BlockField | (Field & { kind: "blockList" }), a: unknown, b: unknown): Change {
  const left = isObject(a) ? a : undefined;
  const right = isObject(b) ? b : undefined;
  if (!left && !right)
    return a === UNKNOWN || b === UNKNOWN ? { changed: a !== b, forceNew: !!field.forceNew } : SAME;
  if (!left || !right) {
    return {
      changed: true,
      forceNew: !!field.forceNew || nestedForceNew(field.fields, left ?? {}, right ?? {}),
    };
  }
  let changed = false;
  let forceNew = false;
  for (const [name, member] of Object.entries(field.fields)) {
    const change = fieldChange(member, left[name], right[name]);
    changed ||= change.changed;
    forceNew ||= change.changed && change.forceNew;
  }
  return { changed, forceNew: forceNew || (changed && !!field.forceNew) };
}

/** Whether an attribute differs between the prior state `a` and the plan `b`. */
export function fieldChange(field: Field, a: unknown, b: unknown): Change {
  switch (field.kind) {
    case "string":
    case "bool":
    case "int":
      return primitiveEqual(field, a, b) ? SAME : { changed: true, forceNew: !!field.forceNew };
    case "list":
    case "set":
      return collectionEqual(field.kind === "list", a, b)
        ? SAME
        : { changed: true, forceNew: !!field.forceNew };
    case "block":
      return blockChange(field, a, b);
    case "blockList": {
      if (a === UNKNOWN || b === UNKNOWN)
        return a === b ? SAME : { changed: true, forceNew: !!field.forceNew };
      const left = Array.isArray(a) ? a : [];
      const right = Array.isArray(b) ? b : [];
      if (left.length !== right.length) return { changed: true, forceNew: !!field.forceNew };
      let result = SAME;
      left.forEach((element, i) => {
        const change = blockChange(field, element, right[i]);
        result = { changed: result.changed || change.changed, forceNew: result.forceNew || change.forceNew };
      });
      return result;
    }
  }
}

export interface PlanDiff {
  /** Top-level properties that change. */
  diffs: string[];
  /** Top-level properties whose change forces a replacement. */
  replaces: string[];
}

/** Compares a plan with the prior state, attribute by attribute (schema order). */
export function diffPlan(schema: Schema, prior: PropertyMap, planned: PropertyMap): PlanDiff {
  const diffs: string[] = [];
  const replaces: string[] = [];
  for (const [name, field] of Object.entries(schema)) {
    const change = fieldChange(field, prior[name], planned[name]);
    if (!change.changed) continue;
    diffs.push(name);
    if (change.forceNew) replaces.push(name);
  }
  return { diffs, replaces };
}

/**
 * The SDK's apply-time null normalisation (helper/schema/grpc_provider.go:2250-2260
 * `normalizeNullValues(..., apply=true)`): a collection that was null in the plan and is empty
 * after apply stays null (and an empty planned one stays empty), recursively through blocks.
 * So after `up` an omitted list is null in the outputs, while a refresh reads it as `[]`.
 */
export function normalizeAfterApply(schema: Schema, applied: PropertyMap, planned: PropertyMap): PropertyMap {
  const result: PropertyMap = { ...applied };
  for (const [name, field] of Object.entries(schema)) {
    const after = applied[name];
    const plan = planned[name];
    const isCollection =
      field.kind === "list" || field.kind === "set" || field.kind === "block" || field.kind === "blockList";
    if (!isCollection) continue;
    const afterEmpty = after === null || after === undefined || (Array.isArray(after) && after.length === 0);
    if (plan === null && afterEmpty) {
      result[name] = null;
      continue;
    }
    if (Array.isArray(plan) && plan.length === 0 && (after === null || after === undefined)) {
      result[name] = [];
      continue;
    }
    if (field.kind === "block" && isObject(after) && isObject(plan)) {
      result[name] = normalizeAfterApply(field.fields, after, plan);
    } else if (
      field.kind === "blockList" &&
      Array.isArray(after) &&
      Array.isArray(plan) &&
      after.length === plan.length
    ) {
      const planned: unknown[] = plan as unknown[];
      result[name] = (after as unknown[]).map((element, i) => {
        const planElement = planned[i];
        return isObject(element) && isObject(planElement)
          ? normalizeAfterApply(field.fields, element, planElement)
          : element;
      });
    }
  }
  return result;
}

/** The plan with every unknown replaced by null (the state the SDK keeps when apply fails midway). */
export function withoutUnknowns(value: unknown): unknown {
  if (value === UNKNOWN) return null;
  if (Array.isArray(value)) return value.map(withoutUnknowns);
  if (isObject(value)) {
    const result: PropertyMap = {};
    for (const [key, item] of Object.entries(value)) result[key] = withoutUnknowns(item);
    return result;
  }
  return value;
}
