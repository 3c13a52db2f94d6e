/**
 * The repository's GitHub Actions workflow files, parsed (YAML aliases resolved, as GitHub does),
 * with the shapes the workflow tests read.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export const ROOT = join(__dirname, "..", "..");
export const WORKFLOW_FILES = ["ci", "preview", "deploy", "drift", "acceptance"] as const;
export type WorkflowName = (typeof WORKFLOW_FILES)[number];
/** The workflows whose first job `stacks` derives the stacks from the Pulumi.<stack>.yaml files. */
export const STACK_WORKFLOWS = ["preview", "drift", "deploy"] as const;
/** The name of that first job. */
export const STACKS_JOB = "stacks";

export type Mapping = Record<string, unknown>;
export interface Step {
  name?: string;
  id?: string;
  "continue-on-error"?: boolean;
  uses?: string;
  run?: string;
  if?: string;
  with?: Mapping;
  env?: Mapping;
}
export interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  "runs-on"?: string;
  "timeout-minutes"?: number;
  environment?: string | { name: string };
  permissions?: Mapping | string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  strategy?: { "fail-fast"?: boolean; "max-parallel"?: string | number; matrix?: string | Mapping };
  outputs?: Record<string, string>;
  env?: Mapping;
  steps: Step[];
}
export interface Workflow {
  on: Mapping;
  permissions?: Mapping | string;
  concurrency?: { group: string };
  jobs: Record<string, Job>;
}

export function rawText(name: WorkflowName): string {
  return readFileSync(join(ROOT, ".github", "workflows", `${name}.yml`), "utf8");
}

const parsed = new Map<WorkflowName, Workflow>();

/** The parsed workflow: parsed once per process, a fresh copy each call so no test sees another's edits. */
export function load(name: WorkflowName): Workflow {
  let workflow = parsed.get(name);
  if (workflow === undefined) {
    workflow = parse(rawText(name)) as Workflow;
    parsed.set(name, workflow);
  }
  return structuredClone(workflow);
}

export function allJobs(): Array<{ workflow: WorkflowName; name: string; job: Job }> {
  return WORKFLOW_FILES.flatMap((workflow) =>
    Object.entries(load(workflow).jobs).map(([name, job]) => ({ workflow, name, job })),
  );
}

export function stepUsing(job: Job, action: string): Step {
  const step = job.steps.find((candidate) => candidate.uses?.split("@")[0] === action);
  assert.ok(step, `no step uses ${action}`);
  return step;
}

/** The output of the stacks job a job's matrix is read from (`matrix-1`), if it is one of those. */
export function matrixOutput(job: Job): string | undefined {
  const matrix = job.strategy?.matrix;
  if (typeof matrix !== "string") return undefined;
  return /^\$\{\{ fromJSON\(needs\.stacks\.outputs\.([\w-]+)\) \}\}$/.exec(matrix)?.[1];
}

export const PACKAGE_JSON = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
