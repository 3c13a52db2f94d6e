/**
 * One resource's step of `pulumi up` as the engine takes it, for tests that call a dynamic
 * provider directly (pkg/resource/deploy/step.go and step_generator.go, Pulumi 3.248):
 * - no state: Check({}, news), then Create. A create that throws with `id` and `properties`
 *   (ErrorResourceInitFailed) is recorded with those outputs and marked failed to initialize;
 *   any other failure records nothing.
 * - state: Check(old inputs, news), then Diff(id, old outputs, new inputs). Replacement keys with
 *   deleteBeforeReplace: Delete, then Create. Otherwise an update when Diff reports changes or
 *   the state failed to initialize (the engine forces it), else nothing. A failed update keeps
 *   the old state (its outputs are replaced only by a partial failure's properties).
 */
import type * as pulumi from "@pulumi/pulumi";

type Props = Record<string, unknown>;

export interface RecordedResource {
  id: string;
  inputs: Props;
  outputs: Props;
  /** The resource failed to initialize (a partial failure): the next up forces an update. */
  initErrors: boolean;
}

export interface StepResult {
  state: RecordedResource | undefined;
  /** The error this `up` ended with, if any. */
  error?: unknown;
  /** The Graph-touching operations the engine ran, in order. */
  operations: string[];
}

interface InitFailure {
  id: string;
  properties: Props;
}

function initFailureOf(error: unknown): InitFailure | undefined {
  const candidate = error as Partial<InitFailure> | undefined;
  return typeof candidate?.id === "string" && candidate.id !== "" && typeof candidate.properties === "object"
    ? (candidate as InitFailure)
    : undefined;
}

export async function engineUp(
  provider: pulumi.dynamic.ResourceProvider,
  state: RecordedResource | undefined,
  news: Props,
): Promise<StepResult> {
  const operations: string[] = [];
  const checked = await provider.check!(state?.inputs ?? {}, news);
  if ((checked.failures ?? []).length > 0) {
    return { state, error: new Error(`check failed: ${JSON.stringify(checked.failures)}`), operations };
  }
  const inputs = checked.inputs as Props;
  const create = async (): Promise<StepResult> => {
    operations.push("create");
    try {
      const result = await provider.create(inputs);
      return {
        state: { id: result.id, inputs, outputs: (result.outs ?? {}) as Props, initErrors: false },
        operations,
      };
    } catch (error) {
      const failure = initFailureOf(error);
      const recorded = failure && { id: failure.id, inputs, outputs: failure.properties, initErrors: true };
      return { state: recorded, error, operations };
    }
  };
  if (state === undefined) return create();

  const diff = await provider.diff!(state.id, state.outputs, inputs);
  if ((diff.replaces ?? []).length > 0) {
    if (diff.deleteBeforeReplace !== true) {
      throw new Error("engineUp models only delete-before-replace replacements");
    }
    operations.push("delete");
    try {
      await provider.delete!(state.id, state.outputs);
    } catch (error) {
      return { state, error, operations };
    }
    return create();
  }
  if (diff.changes !== true && !state.initErrors) return { state, operations };
  operations.push("update");
  try {
    const result = await provider.update!(state.id, state.outputs, inputs);
    return {
      state: { id: state.id, inputs, outputs: (result.outs ?? {}) as Props, initErrors: false },
      operations,
    };
  } catch (error) {
    const failure = initFailureOf(error);
    const outputs = failure ? failure.properties : state.outputs;
    return {
      state: { ...state, outputs, initErrors: failure !== undefined || state.initErrors },
      error,
      operations,
    };
  }
}

/**
 * `pulumi refresh` for one resource: Read; a read that finds nothing drops it; the id may change;
 * the state no longer counts as failed to initialize (RefreshStep keeps only the read's own init errors).
 */
export async function engineRefresh(
  provider: pulumi.dynamic.ResourceProvider,
  state: RecordedResource,
): Promise<RecordedResource | undefined> {
  const read = await provider.read!(state.id, state.outputs);
  if (read.props === undefined) return undefined;
  return {
    id: read.id ?? state.id,
    inputs: (read.inputs as Props | undefined) ?? state.inputs,
    outputs: read.props as Props,
    initErrors: false,
  };
}
