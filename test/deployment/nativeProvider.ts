/**
 * What the deployment harness needs from a provider it runs in-process instead of as a plugin:
 * today the emulation of `@pulumi/azuread` (test/deployment/azuread/). The methods mirror the
 * engine's ResourceProvider gRPC calls (Check, Diff, Create, Read, Update, Delete) with plain
 * JavaScript values; an unknown value (preview) is the string `UNKNOWN` (Pulumi's wire sentinel).
 */
import { UNKNOWN, type PropertyMap } from "../engine/marshal";

export { UNKNOWN, type PropertyMap };

export interface NativeCheckResult {
  /** The inputs the engine stores and later passes to Diff/Create/Update (defaults filled in). */
  inputs: PropertyMap;
  /** Input problems; non-empty stops the run before any Create/Update (also in preview). */
  failures: { property: string; reason: string }[];
}

export interface NativeDiffResult {
  changes: boolean;
  /** Top-level properties whose change forces a replacement. */
  replaces: string[];
  /** Top-level properties that changed (what the CLI lists after `~`). */
  diffs: string[];
  deleteBeforeReplace: boolean;
}

export interface NativeReadResult {
  /** `id` is "" when the object is gone (the engine drops it from state). */
  id: string;
  outputs: PropertyMap;
  /** Inputs as the provider derives them from the outputs (used by later diffs). */
  inputs: PropertyMap;
}

export interface NativeProvider {
  /** The Pulumi type token, e.g. `azuread:index/group:Group`. */
  readonly type: string;
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<NativeCheckResult>;
  /** `olds` are the outputs in state, `news` the checked inputs. */
  diff(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<NativeDiffResult>;
  /** With `preview`, nothing is sent to Graph: the planned outputs, computed ones UNKNOWN, id "". */
  create(urn: string, inputs: PropertyMap, preview: boolean): Promise<{ id: string; outputs: PropertyMap }>;
  read(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<NativeReadResult>;
  update(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
    preview: boolean,
  ): Promise<PropertyMap>;
  delete(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<void>;
}

/**
 * A create or update that changed the tenant and then failed: the engine keeps the resource in
 * state with these outputs (the bridge's "resource kept in state with init errors").
 */
export class NativeInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: PropertyMap,
  ) {
    super(message);
    this.name = "NativeInitError";
  }
}
