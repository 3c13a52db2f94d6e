/**
 * ci-matrix turns the Pulumi.<stack>.yaml files of a checkout into GitHub Actions job outputs:
 * fixtures of 1, 3 and 300 stack files, the stages deploy.yml runs on their own, and the refusals.
 */
import { strict as assert } from "node:assert";
import { performance } from "node:perf_hooks";
import { stackSuffix as bootstrapStackSuffix } from "../../bootstrap/src/githubVariables";
import { entry, runCiMatrix } from "./runCiMatrix";
import { stackFixture, tenantNames, type StackFixture } from "./stackFixture";

describe("ci-matrix: the stacks of a checkout as matrices", () => {
  const fixtures: StackFixture[] = [];
  const fixture = (...args: Parameters<typeof stackFixture>): string => {
    const created = stackFixture(...args);
    fixtures.push(created);
    return created.dir;
  };
  afterEach(() => {
    for (const created of fixtures.splice(0)) created.remove();
  });
  // 300 stack files, written in reverse order (the output is sorted whatever order readdir gives).
  const names = tenantNames(300);
  let many: StackFixture;
  before(() => {
    many = stackFixture([...names].reverse());
  });
  after(() => many.remove());

  it("prints the single stack of a one-file checkout as matrix-1", () => {
    const result = runCiMatrix([], fixture(["dev"]));
    assert.deepEqual(result, {
      code: 0,
      stdout: 'matrix-1={"include":[{"stack":"dev","suffix":"DEV"}]}\n',
      stderr: "ci-matrix: 1 stack; matrix-1: 1\n",
    });
  });

  it("sorts three stacks, leaving out the project file, acceptance stacks and files that name no stack", () => {
    const dir = fixture(["dev", "test", "prod"], {
      files: [
        "Pulumi.yaml",
        "Pulumi.acceptance.yaml",
        "Pulumi.acceptance-ci.yaml",
        "Pulumi.my stack.yaml",
        "Pulumi..yaml",
        "Pulumi.dev.yml",
        "pulumi.qa.yaml",
        "README.md",
      ],
      dirs: ["Pulumi.folder.yaml"],
    });
    const result = runCiMatrix([], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      'matrix-1={"include":[{"stack":"dev","suffix":"DEV"},{"stack":"prod","suffix":"PROD"},{"stack":"test","suffix":"TEST"}]}\n',
    );
  });

  it("splits 300 stacks into matrices of 256 and 44 entries, in sorted order, in well under a second", () => {
    const started = performance.now();
    const result = runCiMatrix(["--matrices", "2"], many.dir);
    const elapsed = performance.now() - started;
    assert.equal(result.code, 0, result.stderr);
    const entries = names.map((name) => entry(name, name.replace("tenant-", "TENANT_")));
    assert.equal(
      result.stdout,
      `matrix-1=${JSON.stringify({ include: entries.slice(0, 256) })}\n` +
        `matrix-2=${JSON.stringify({ include: entries.slice(256) })}\n`,
    );
    assert.equal(result.stderr, "ci-matrix: 300 stacks; matrix-1: 256, matrix-2: 44\n");
    assert.ok(elapsed < 1000, `deriving 300 stacks took ${elapsed.toFixed(1)} ms`);
  });

  it("leaves a matrix it does not need empty, so its job can be skipped", () => {
    const result = runCiMatrix(["--matrices", "2"], fixture(["dev", "prod"]));
    assert.equal(
      result.stdout,
      'matrix-1={"include":[{"stack":"dev","suffix":"DEV"},{"stack":"prod","suffix":"PROD"}]}\nmatrix-2=\n',
    );
  });

  it("refuses more stacks than the matrices hold, saying how many matrices they need", () => {
    const result = runCiMatrix(["--matrices", "1"], many.dir);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "", "nothing for $GITHUB_OUTPUT");
    assert.equal(
      result.stderr,
      "ci-matrix: 300 stacks need 2 matrices of at most 256 jobs (GitHub's limit per matrix), but the workflow " +
        "consumes 1: add a job for matrix-2 (a copy of the one for matrix-1) and pass --matrices 2.\n",
    );
  });

  it("reports the stages present, in the order given, and keeps them out of the matrices", () => {
    const dir = fixture(["prod", "contoso-eu", "dev", "fabrikam.us"]);
    const result = runCiMatrix(["--stages", "dev,test,prod", "--matrices", "2"], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        "stage-dev=true",
        "stage-test=false",
        "stage-prod=true",
        'matrix-1={"include":[{"stack":"contoso-eu","suffix":"CONTOSO_EU"},{"stack":"fabrikam.us","suffix":"FABRIKAM_US"}]}',
        "matrix-2=",
        "",
      ].join("\n"),
    );
    assert.equal(
      result.stderr,
      "ci-matrix: 4 stacks; dev present, test absent, prod present, matrix-1: 2, matrix-2: 0\n",
    );
  });

  it("refuses stacks whose suffixes collide, since they would share one identity", () => {
    const result = runCiMatrix([], fixture(["contoso-eu", "contoso_eu", "dev"]));
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      "ci-matrix: stacks with the same variable suffix would share one identity: contoso-eu, contoso_eu -> CONTOSO_EU. " +
        "Rename all but one of each.\n",
    );
  });

  it("fails when the checkout has no stack file", () => {
    const dir = fixture([], { files: ["Pulumi.yaml", "Pulumi.acceptance.yaml"] });
    const result = runCiMatrix([], dir);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `ci-matrix: no Pulumi.<stack>.yaml file in ${dir}\n`);
  });

  it("derives the same suffixes as the bootstrap project that writes the variables", () => {
    const stacks = ["dev", "contoso-eu", "fabrikam.us", "Northwind_2", "x-y.z"];
    const result = runCiMatrix([], fixture(stacks));
    const printed = JSON.parse(result.stdout.replace(/^matrix-1=/, "")) as {
      include: Array<{ stack: string; suffix: string }>;
    };
    for (const { stack, suffix } of printed.include) assert.equal(suffix, bootstrapStackSuffix(stack), stack);
    assert.equal(printed.include.length, stacks.length);
  });
});
