/**
 * terraform-plugin-sdk's StateChangeConf (helper/retry/state.go:60-250, error.go, vendored in
 * terraform-provider-azuread @38d1993a) and the provider's consistency helpers built on it
 * (internal/helpers/consistency/consistency.go): the first refresh runs at once; the wait then
 * starts at 100 ms, doubles while the state is pending, and is clamped to [MinTimeout, 10 s], so
 * with MinTimeout 5 s and ContinuousTargetOccurence 5 a wait that is satisfied at once still polls
 * at 0, 5, 10, 15 and 20 s. A refresh error ends the wait with that error; running out of time
 * gives the SDK's TimeoutError text. Every interval is slept scaled (OperationContext.sleep).
 */
import { goDuration, OperationContext } from "./clock";

export interface StateChangeConf {
  pending: readonly string[];
  target: readonly string[];
  /** One poll: the state reached (errors end the wait). */
  refresh(): Promise<string>;
  timeoutMs: number;
  minTimeoutMs: number;
  continuousTargetOccurence: number;
}

export async function waitForState(ctx: OperationContext, conf: StateChangeConf): Promise<void> {
  const start = ctx.elapsedMs();
  let wait = 0;
  let targetOccurence = 0;
  let lastState = "";
  for (;;) {
    if (wait > 0) {
      const left = conf.timeoutMs - (ctx.elapsedMs() - start);
      if (wait > left) {
        await ctx.sleep(Math.max(0, left));
        throw new Error(timeoutText(conf, lastState));
      }
      await ctx.sleep(wait);
    } else if (ctx.elapsedMs() - start > conf.timeoutMs) {
      throw new Error(timeoutText(conf, lastState));
    }
    if (wait === 0) wait = 100;
    const state = await conf.refresh();
    lastState = state;
    if (conf.target.includes(state)) {
      targetOccurence++;
      if (targetOccurence === conf.continuousTargetOccurence) return;
    } else if (conf.pending.includes(state)) {
      targetOccurence = 0;
    } else {
      throw new Error(
        `unexpected state '${state}', wanted target '${conf.target.join(", ")}'. last error: %!s(<nil>)`,
      );
    }
    if (targetOccurence === 0) wait *= 2;
    if (wait < conf.minTimeoutMs) wait = conf.minTimeoutMs;
    else if (wait > 10_000) wait = 10_000;
  }
}

function timeoutText(conf: StateChangeConf, lastState: string): string {
  const expected =
    conf.target.length > 0 ? `state to become '${conf.target.join(", ")}'` : "resource to be gone";
  const extra: string[] = [];
  if (lastState !== "") extra.push(`last state: '${lastState}'`);
  if (conf.timeoutMs > 0) extra.push(`timeout: ${goDuration(conf.timeoutMs)}`);
  return `timeout while waiting for ${expected}${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const MIN_TIMEOUT_MS = 5_000;
const CONTINUOUS_TARGET_OCCURENCE = 5;

/**
 * `consistency.WaitForUpdate`: poll until `updated()` is true five times in a row; a poll error
 * ends the wait as `retrieving resource: <error>`. Timeout: what is left of the operation.
 */
export function waitForUpdate(ctx: OperationContext, updated: () => Promise<boolean>): Promise<void> {
  return waitForState(ctx, {
    pending: ["Waiting"],
    target: ["Done"],
    timeoutMs: ctx.remainingMs(),
    minTimeoutMs: MIN_TIMEOUT_MS,
    continuousTargetOccurence: CONTINUOUS_TARGET_OCCURENCE,
    refresh: async () => {
      try {
        return (await updated()) ? "Done" : "Waiting";
      } catch (error) {
        throw new Error(`retrieving resource: ${message(error)}`, { cause: error });
      }
    },
  });
}

/** `consistency.WaitForDeletion`: poll until `exists()` is false five times in a row. */
export function waitForDeletion(ctx: OperationContext, exists: () => Promise<boolean>): Promise<void> {
  return waitForState(ctx, {
    pending: ["Waiting"],
    target: ["Deleted"],
    timeoutMs: ctx.remainingMs(),
    minTimeoutMs: MIN_TIMEOUT_MS,
    continuousTargetOccurence: CONTINUOUS_TARGET_OCCURENCE,
    refresh: async () => {
      try {
        return (await exists()) ? "Waiting" : "Deleted";
      } catch (error) {
        throw new Error(`retrieving resource: ${message(error)}`, { cause: error });
      }
    },
  });
}
