/**
 * preview.yml, drift.yml and deploy.yml read their stacks from the checkout: a first job `stacks`
 * runs .github/scripts/ci-matrix, and one job per matrix output runs the stacks it lists.
 */
import { strict as assert } from "node:assert";
import { PACKAGE_JSON, STACKS_JOB, STACK_WORKFLOWS, load, matrixOutput, type Job } from "./workflowFiles";

const SCRIPT = "node .github/scripts/ci-matrix/main.js";
const DERIVE_STEP = /^Derive the /;

function deriveStep(job: Job): NonNullable<Job["steps"][number]> {
  const step = job.steps.find((candidate) => DERIVE_STEP.test(candidate.name ?? ""));
  assert.ok(step, "no derive step");
  return step;
}

/** The outputs the script prints for the arguments in the step's command line. */
function printedOutputs(run: string): string[] {
  const matrices = Number(/--matrices (\d+)/.exec(run)?.[1] ?? "1");
  const stages = /--stages ([\w.,-]+)/.exec(run)?.[1].split(",") ?? [];
  return [
    ...stages.map((stage) => `stage-${stage}`),
    ...Array.from({ length: matrices }, (_, index) => `matrix-${index + 1}`),
  ];
}

/** A job without what differs between the jobs of one workflow's matrices. */
function withoutMatrix(job: Job): Job {
  const { if: _if, strategy, ...rest } = job;
  const { matrix: _matrix, ...sameStrategy } = strategy ?? {};
  return { ...rest, strategy: sameStrategy };
}

describe("stack matrices derived from the Pulumi.<stack>.yaml files", () => {
  for (const workflowName of STACK_WORKFLOWS) {
    describe(`${workflowName}.yml`, () => {
      const jobs = (): Record<string, Job> => load(workflowName).jobs;
      const stacksJob = (): Job => jobs()[STACKS_JOB];

      it("starts with the stacks job, which only reads the checkout: no token, no secret, no npm ci", () => {
        assert.equal(Object.keys(jobs())[0], STACKS_JOB);
        const job = stacksJob();
        assert.deepEqual(
          job.steps.map((step) => step.uses?.split("@")[0] ?? step.id),
          ["actions/checkout", "actions/setup-node", "derive"],
        );
        const run = deriveStep(job).run ?? "";
        assert.ok(run.startsWith(`${SCRIPT} `), run);
        assert.ok(run.endsWith(' >> "$GITHUB_OUTPUT"'), run);
        assert.ok(!JSON.stringify(job).includes("secrets."), "no secret");
        assert.equal(job["timeout-minutes"], 5);
      });

      it("exports every output the script prints", () => {
        const outputs = printedOutputs(deriveStep(stacksJob()).run ?? "");
        assert.deepEqual(
          stacksJob().outputs,
          Object.fromEntries(outputs.map((output) => [output, `\${{ steps.derive.outputs.${output} }}`])),
        );
      });

      it("runs each matrix output in its own job, the same job but for the matrix, skipped when it is empty", () => {
        const matrices = printedOutputs(deriveStep(stacksJob()).run ?? "").filter((output) =>
          output.startsWith("matrix-"),
        );
        const consumers = Object.entries(jobs()).filter(([, job]) => matrixOutput(job) !== undefined);
        assert.deepEqual(
          consumers.map(([, job]) => matrixOutput(job)),
          matrices,
        );
        for (const [name, job] of consumers) {
          assert.ok(
            job.if?.includes(`needs.stacks.outputs.${matrixOutput(job)} != ''`),
            `${name}: ${job.if}`,
          );
          assert.equal(job.strategy?.["fail-fast"], false, name);
          assert.equal(
            job.strategy?.["max-parallel"],
            "${{ fromJSON(vars.STACKS_MAX_PARALLEL || '10') }}",
            name,
          );
          assert.deepEqual(withoutMatrix(job), withoutMatrix(consumers[0][1]), name);
        }
      });

      if (workflowName === "deploy") {
        it("does not check variables up front: the deployers' live in the environments, each job checks its own", () => {
          const step = deriveStep(stacksJob());
          assert.ok(!step.run?.includes("--check-variables"));
          assert.equal(step.env, undefined);
          assert.equal(jobs().fleet.steps[0].name, "Check the deployer identity's variables");
        });
      } else {
        it("fails the stacks job when a stack lacks its repository variables, read from toJSON(vars)", () => {
          const step = deriveStep(stacksJob());
          assert.match(step.run ?? "", / --check-variables /);
          assert.deepEqual(step.env, { VARS_JSON: "${{ toJSON(vars) }}" });
        });
      }
    });
  }

  it("has an npm script for people: npm run ci-matrix", () => {
    assert.equal(PACKAGE_JSON.scripts["ci-matrix"], SCRIPT);
  });
});
