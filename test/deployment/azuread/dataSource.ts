/**
 * What the azuread data sources (group/dataSource.ts, user/dataSource.ts) share: the bridge's
 * Invoke around the read, the `ExactlyOneOf` lookup arguments, and the two ways they find their one
 * object: `GET /<collection>/{id}`, or a `$filter` list that must match exactly one (terraform-provider-azuread
 * @38d1993a internal/services/groups/group_data_source.go:288-384,
 * internal/services/users/user_data_source.go:333-440).
 */
import type { OperationContext } from "./clock";
import type { AzureadContext } from "./context";
import { errorDiag, type DiagnosticsError } from "./diagnostics";
import { invokeError, invokeFailures } from "./bridge";
import { wasNotFound, type GraphVersion } from "./graphClient";
import type { Json } from "./graphJson";
import type { PrimitiveField, PropertyMap, Schema, Validator } from "./schema";
import { validateConfig } from "./validate";
import type { NativeInvokeResult } from "../offline/nativeFunction";

/**
 * Invoke as the bridge runs a data source: the arguments' check failures, or else the read's
 * result; a read that fails is `invoking <token>: <diagnostics>`.
 */
export async function invokeDataSource(
  token: string,
  schema: Schema,
  args: PropertyMap,
  read: (args: PropertyMap) => Promise<PropertyMap>,
): Promise<NativeInvokeResult> {
  const failures = invokeFailures(validateConfig(schema, args));
  if (failures.length > 0) return { failures };
  try {
    return { outputs: await read(args), failures: [] };
  } catch (error) {
    throw invokeError(token, error);
  }
}

/** A lookup argument: an Optional + Computed string, exactly one of `lookups` (TF names) set. */
export function lookupArgument(
  tf: string,
  lookups: readonly string[],
  validate?: readonly Validator[],
): PrimitiveField {
  return {
    tf,
    kind: "string",
    optional: true,
    computed: true,
    exactlyOneOf: lookups,
    ...(validate ? { validate } : {}),
  };
}

/** `GET <path>` of one object by its object id, and the provider's diagnostics when that fails. */
export interface ObjectIdLookup {
  version: GraphVersion;
  path: string;
  /** Summary for a 404, reported on `object_id` without detail. */
  notFound: string;
  /** Summary for any other failure, Graph's error as detail. */
  failed: string;
}

export async function getByObjectId(
  ctx: OperationContext,
  az: AzureadContext,
  lookup: ObjectIdLookup,
): Promise<Json> {
  try {
    const { body } = await az.graph.request(ctx, {
      method: "GET",
      version: lookup.version,
      path: lookup.path,
      expected: [200],
    });
    return body as Json;
  } catch (error) {
    if (wasNotFound(error)) throw errorDiag(undefined, lookup.notFound, "object_id");
    throw errorDiag(error, lookup.failed);
  }
}

/** `GET <path>?$filter=<filter>` (every page), which must find exactly one object. */
export interface FilterLookup {
  version: GraphVersion;
  path: string;
  filter: string;
  /** The diagnostic for a list Graph refuses. */
  failed(error: unknown): DiagnosticsError;
  /** The lookup's TF attribute, the path of the two summaries below. */
  attribute: string;
  several: string;
  none: string;
}

export async function findExactlyOne(
  ctx: OperationContext,
  az: AzureadContext,
  lookup: FilterLookup,
): Promise<Json> {
  let found: Json[];
  try {
    found = await az.graph.list(ctx, {
      method: "GET",
      version: lookup.version,
      path: lookup.path,
      query: { $filter: lookup.filter },
      expected: [200],
    });
  } catch (error) {
    throw lookup.failed(error);
  }
  if (found.length > 1) throw errorDiag(undefined, lookup.several, lookup.attribute);
  if (found.length === 0) throw errorDiag(undefined, lookup.none, lookup.attribute);
  return found[0];
}
