/**
 * Runs each workflow's stacks job the way the runner does: its derive step's script with bash,
 * in a checkout that holds only stack files and a copy of .github/scripts/ci-matrix (no
 * node_modules anywhere), then expands the jobs that read its outputs as GitHub would: a job per
 * matrix entry, the job of an empty output skipped.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stackFixture, tenantNames, type StackFixture } from "../ci-matrix/stackFixture";
import { ROOT, STACKS_JOB, load, matrixOutput, type WorkflowName } from "./workflowFiles";

const GITHUB_MATRIX_LIMIT = 256;

/** A checkout of these stacks with the script in its place, as actions/checkout leaves it. */
function checkout(stacks: readonly string[]): StackFixture {
  const fixture = stackFixture(stacks, { files: ["Pulumi.yaml"] });
  const from = join(ROOT, ".github", "scripts", "ci-matrix");
  const to = join(fixture.dir, ".github", "scripts", "ci-matrix");
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from).filter((name) => name.endsWith(".js"))) {
    copyFileSync(join(from, file), join(to, file));
  }
  return fixture;
}

/** The repository variables bootstrap/ writes for these stacks, as toJSON(vars) shows them. */
function variablesOf(stacks: readonly string[]): string {
  const vars: Record<string, string> = { PULUMI_BACKEND_URL: "azblob://state" };
  for (const stack of stacks) {
    const suffix = stack.toUpperCase().replace(/-/g, "_");
    vars[`AZURE_CLIENT_ID_${suffix}`] = "11111111-1111-1111-1111-111111111111";
    vars[`AZURE_TENANT_ID_${suffix}`] = "22222222-2222-2222-2222-222222222222";
  }
  return JSON.stringify(vars);
}

interface StepRun {
  status: number | null;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs the stacks job's derive step in `dir` with `bash -eo pipefail`, as a `run:` step runs. */
function runStacksJob(workflow: WorkflowName, dir: string, varsJson: string): StepRun {
  const step = load(workflow).jobs[STACKS_JOB].steps.find((candidate) => candidate.id === "derive");
  assert.ok(step?.run, `${workflow}.yml has no derive step`);
  const outputFile = join(dir, "github-output");
  writeFileSync(outputFile, "");
  const stepEnv = step.env === undefined ? {} : { VARS_JSON: varsJson };
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
    cwd: dir,
    encoding: "utf8",
    timeout: 10000,
    env: { PATH: process.env.PATH ?? "", GITHUB_ACTIONS: "true", GITHUB_OUTPUT: outputFile, ...stepEnv },
  });
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(outputFile, "utf8")
    .split("\n")
    .filter((text) => text !== "")) {
    const at = line.indexOf("=");
    outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return { status: result.status, stderr: result.stderr, outputs };
}

/** The stacks each matrix job of the workflow runs, skipping (and checking the guard of) empty ones. */
function expandMatrixJobs(workflow: WorkflowName, outputs: Record<string, string>): Record<string, string[]> {
  const expanded: Record<string, string[]> = {};
  for (const [name, job] of Object.entries(load(workflow).jobs)) {
    const output = matrixOutput(job);
    if (output === undefined) continue;
    assert.ok(output in outputs, `${workflow}.${name} reads ${output}, which the stacks job does not set`);
    if (outputs[output] === "") {
      assert.ok(job.if?.includes(`needs.stacks.outputs.${output} != ''`), `${name} must be skipped`);
      continue;
    }
    const matrix = JSON.parse(outputs[output]) as { include: Array<{ stack: string; suffix: string }> };
    assert.ok(matrix.include.length <= GITHUB_MATRIX_LIMIT, `${name}: ${matrix.include.length} jobs`);
    expanded[name] = matrix.include.map((entry) => entry.stack);
  }
  return expanded;
}

describe("the stacks job, run on checkouts of 1, 3 and 300 stack files", function () {
  this.timeout(20000);
  const SIZES = { one: ["dev"], three: ["dev", "test", "prod"], many: tenantNames(300) };
  const checkouts = new Map<readonly string[], StackFixture>();
  const checkoutOf = (stacks: readonly string[]): string => {
    const made = checkouts.get(stacks) ?? checkout(stacks);
    checkouts.set(stacks, made);
    return made.dir;
  };
  after(() => {
    for (const made of checkouts.values()) made.remove();
  });

  it("preview.yml and drift.yml derive their stacks with the same step", () => {
    const derive = (workflow: WorkflowName): unknown =>
      load(workflow).jobs[STACKS_JOB].steps.find((step) => step.id === "derive");
    assert.deepEqual(derive("drift"), derive("preview"));
  });

  for (const stacks of Object.values(SIZES)) {
    it(`preview.yml and drift.yml run one job per stack for ${stacks.length} stack file(s), at most 256 per matrix`, () => {
      const run = runStacksJob("preview", checkoutOf(stacks), variablesOf(stacks));
      assert.equal(run.status, 0, run.stderr);
      for (const workflow of ["preview", "drift"] as const) {
        const expanded = expandMatrixJobs(workflow, run.outputs);
        assert.deepEqual(Object.values(expanded).flat(), [...stacks].sort(), workflow);
        assert.deepEqual(
          Object.keys(expanded),
          stacks.length > GITHUB_MATRIX_LIMIT ? [workflow, `${workflow}-2`] : [workflow],
        );
      }
    });
  }

  it("preview.yml and drift.yml fail the stacks job naming the stack file without variables, and run no stack", () => {
    const withVariables = SIZES.many.filter((stack) => stack !== "tenant-123");
    const run = runStacksJob("preview", checkoutOf(SIZES.many), variablesOf(withVariables));
    assert.equal(run.status, 1);
    assert.deepEqual(run.outputs, {}, "no matrix for the jobs that need it");
    assert.match(
      run.stderr,
      /^::error::ci-matrix: 1 of 300 stacks have a Pulumi\.<stack>\.yaml file but not their identity variables: tenant-123 \(AZURE_CLIENT_ID_TENANT_123, AZURE_TENANT_ID_TENANT_123\)\./,
    );
  });

  it("deploy.yml runs dev, test and prod as stages, without a fleet when there is no other stack", () => {
    const run = runStacksJob("deploy", checkoutOf(SIZES.three), "");
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.outputs, {
      "stage-dev": "true",
      "stage-test": "true",
      "stage-prod": "true",
      "matrix-1": "",
      "matrix-2": "",
    });
    assert.deepEqual(expandMatrixJobs("deploy", run.outputs), {});
  });

  it("deploy.yml runs 300 tenant stacks as its fleet, without the stages whose files are absent", () => {
    const run = runStacksJob("deploy", checkoutOf(SIZES.many), "");
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      [run.outputs["stage-dev"], run.outputs["stage-test"], run.outputs["stage-prod"]],
      ["false", "false", "false"],
    );
    const expanded = expandMatrixJobs("deploy", run.outputs);
    assert.deepEqual(Object.keys(expanded), ["fleet", "fleet-2"]);
    assert.deepEqual(Object.values(expanded).flat(), SIZES.many);
  });
});
