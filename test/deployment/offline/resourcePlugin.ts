/**
 * One interface over the two kinds of provider the offline engine drives: the real
 * dynamic-provider host (a child process, over gRPC) for `pulumi-nodejs:dynamic/...` resources,
 * and in-process emulations (today @pulumi/azuread) for the rest. Partial failures of both come
 * out as `PartialFailure`, which the engine records in state as the Pulumi engine does.
 */
import { HostCallError, resourceRef, type ProviderHost, type ResourceRef } from "../../engine/providerHost";
import { NativeInitError, type NativeProvider, type PropertyMap } from "../nativeProvider";

export interface PluginDiff {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** Changed top-level properties when the provider names them (the dynamic host never does). */
  diffs?: string[];
}

export interface ResourcePlugin {
  /** Whether Create/Update are called during a preview (with preview set). */
  readonly supportsPreview: boolean;
  check(
    olds: PropertyMap,
    news: PropertyMap,
  ): Promise<{ inputs: PropertyMap; failures: { property: string; reason: string }[] }>;
  diff(id: string, olds: PropertyMap, news: PropertyMap, oldInputs: PropertyMap): Promise<PluginDiff>;
  create(inputs: PropertyMap, preview: boolean): Promise<{ id: string; outputs: PropertyMap }>;
  read(
    id: string,
    outputs: PropertyMap,
    inputs: PropertyMap,
  ): Promise<{ id: string; outputs: PropertyMap; inputs?: PropertyMap }>;
  update(
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
    preview: boolean,
  ): Promise<PropertyMap>;
  delete(id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<void>;
}

/** A create or update that left an object in the tenant: the engine keeps `id` and `outputs` in state. */
export class PartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: PropertyMap,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "PartialFailure";
  }
}

/** A provider call that failed, with the message the CLI shows for it. */
export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepFailure";
  }
}

function hostFailure(error: unknown): Error {
  if (error instanceof HostCallError) {
    if (error.initFailure && error.initFailure.id)
      return new PartialFailure(
        error.details,
        error.initFailure.id,
        error.initFailure.properties,
        error.initFailure.reasons,
      );
    return new StepFailure(error.details);
  }
  return error instanceof Error ? error : new Error(String(error));
}

async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw hostFailure(error);
  }
}

/** A dynamic resource, driven through the `pulumi-nodejs` provider host as the engine drives it. */
export function dynamicPlugin(host: () => Promise<ProviderHost>, ref: ResourceRef): ResourcePlugin {
  return {
    // The 3.248 dynamic-provider host does not implement preview: the engine never calls it then.
    supportsPreview: false,
    check: (olds, news) => translated(async () => (await host()).check(ref, olds, news)),
    diff: (id, olds, news, oldInputs) =>
      translated(async () => (await host()).diff(ref, id, olds, news, oldInputs)),
    create: (inputs) =>
      translated(async () => {
        const created = await (await host()).create(ref, inputs);
        return { id: created.id, outputs: created.properties };
      }),
    read: (id, outputs, inputs) =>
      translated(async () => {
        const result = await (await host()).read(ref, id, outputs, inputs);
        return { id: result.id, outputs: result.properties, inputs: result.inputs };
      }),
    update: (id, olds, news, oldInputs) =>
      translated(async () => (await host()).update(ref, id, olds, news, oldInputs)),
    delete: (id, outputs, inputs) => translated(async () => (await host()).delete(ref, id, outputs, inputs)),
  };
}

async function nativeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof NativeInitError)
      throw new PartialFailure(error.message, error.id, error.outputs, [error.message]);
    throw new StepFailure(error instanceof Error ? error.message : String(error));
  }
}

/** A resource of an emulated provider (e.g. @pulumi/azuread), called in-process. */
export function nativePlugin(provider: NativeProvider, urn: string): ResourcePlugin {
  return {
    supportsPreview: true,
    check: (olds, news) => nativeCall(() => provider.check(urn, olds, news)),
    diff: (id, olds, news, oldInputs) =>
      nativeCall(async () => {
        const diff = await provider.diff(urn, id, olds, news, oldInputs);
        return {
          changes: diff.changes ? "some" : "none",
          replaces: diff.replaces,
          deleteBeforeReplace: diff.deleteBeforeReplace,
          diffs: diff.diffs,
        };
      }),
    create: (inputs, preview) => nativeCall(() => provider.create(urn, inputs, preview)),
    read: (id, outputs, inputs) => nativeCall(() => provider.read(urn, id, outputs, inputs)),
    update: (id, olds, news, oldInputs, preview) =>
      nativeCall(() => provider.update(urn, id, olds, news, oldInputs, preview)),
    delete: (id, outputs, inputs) => nativeCall(() => provider.delete(urn, id, outputs, inputs)),
  };
}

export { resourceRef };
