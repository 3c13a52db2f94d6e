/**
 * The driver interface the whole-deployment scenarios are written against. Two drivers implement
 * it: the offline one (test/deployment/offline/, run by `npm test`: the real program, the real
 * dynamic-provider host, an emulation of @pulumi/azuread, all against the Graph sandbox) and the
 * acceptance one (test/deployment/acceptance/: `@pulumi/pulumi/automation` and the real Pulumi CLI
 * against a real test tenant, only when PASSWORDLESS_ACCEPTANCE=1).
 */

/** The stack config of one run: keys without a ":" are in the `passwordless-onboarding` namespace. */
export type StackConfig = Record<string, unknown>;

/**
 * What a run did (or, for a preview, would do) to one resource, named as the Pulumi engine names
 * its steps. A replacement is one entry with op "replace". A resource declared with the `import`
 * option that is not yet in state gets an "import" entry (the engine's ImportStep: a Read, no
 * write), followed by an "update" or "replace" entry when the program's inputs differ from what
 * was read (Pulumi CLI >= 3.174), and by nothing else when they match.
 */
export type ChangeOp = "same" | "create" | "update" | "replace" | "delete" | "refresh" | "read" | "import";

export interface ResourceChange {
  /** Pulumi type token, e.g. `pulumi-nodejs:dynamic:Resource` is never used: dynamic resources report their real token. */
  type: string;
  /** The resource's logical name, e.g. `onboarding-tap-policy`. */
  name: string;
  op: ChangeOp;
  /**
   * Top-level properties that differ: the provider's own list when it gives one, otherwise the
   * inputs whose stored and new values differ (what the CLI prints after `~`). For a `refresh`
   * entry, the properties whose refreshed value no longer matches the program's inputs.
   */
  diffs: string[];
}

export interface RunResult {
  /** The operation run: `up`, `preview`, `preview --refresh`, `refresh`, `destroy`. */
  operation: string;
  /** False when the run failed; `error` then holds the message the CLI would print. */
  ok: boolean;
  error?: string;
  /** Every resource the run touched or would touch, `same` included, in the order the engine stepped. */
  changes: ResourceChange[];
  /** Stack outputs after the run (empty after destroy and for a preview). */
  outputs: Record<string, unknown>;
  /**
   * Warnings the CLI would print under Diagnostics, each as `<type> (<name>): warning: <message>`
   * (e.g. a preview's "previously-imported resources ... may not be replaced"). Absent when the
   * driver does not collect them.
   */
  warnings?: string[];
}

export interface DeploymentDriver {
  readonly name: string;
  /** `pulumi up`; with `refresh`, `pulumi up --refresh` (what the deploy workflow runs). */
  up(config: StackConfig, options?: { refresh?: boolean }): Promise<RunResult>;
  preview(config: StackConfig, options?: { refresh?: boolean }): Promise<RunResult>;
  refresh(config: StackConfig): Promise<RunResult>;
  destroy(config: StackConfig): Promise<RunResult>;
  /** Releases what the driver holds (processes, temporary directories); the stack's state is kept. */
  dispose(): Promise<void>;
}

/** The changes of a run that are not `same`, as `op type name [diffs]` lines, for messages. */
export function describeChanges(result: RunResult): string[] {
  return result.changes
    .filter((change) => change.op !== "same")
    .map(
      (change) => `${change.op} ${change.name}${change.diffs.length ? ` [${change.diffs.join(", ")}]` : ""}`,
    );
}
