/** ci-matrix's command line: --help, and exit code 2 with one line for every malformed argument. */
import { strict as assert } from "node:assert";
import { runCiMatrix } from "./runCiMatrix";
import { stackFixture, type StackFixture } from "./stackFixture";

describe("ci-matrix command line", () => {
  let checkout: StackFixture;
  beforeEach(() => {
    checkout = stackFixture(["dev"]);
  });
  afterEach(() => checkout.remove());

  it("prints its usage with --help and exits 0", () => {
    const result = runCiMatrix(["--help"], checkout.dir);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^usage: ci-matrix \[--root <dir>\] \[--matrices <n>\]/);
    assert.match(result.stdout, /Exit codes: 0 outputs printed; 1 .*; 2 bad command line\.\n$/s);
  });

  it("reads the stack files of --root, resolved from the working directory", () => {
    const result = runCiMatrix(["--root", checkout.dir], "/");
    assert.equal(result.stdout, 'matrix-1={"include":[{"stack":"dev","suffix":"DEV"}]}\n');
  });

  it("refuses a malformed command line with exit code 2 and one line naming the problem", () => {
    const cases: Array<[string[], string]> = [
      [["--matrix", "2"], 'unknown argument "--matrix"'],
      [["--matrices"], "--matrices needs a value"],
      [["--matrices", "0"], '--matrices must be a whole number from 1 to 999, found "0"'],
      [["--matrices", "2.5"], '--matrices must be a whole number from 1 to 999, found "2.5"'],
      [["--stages", "dev,my stack"], '--stages: not a stack name: "my stack"'],
      [["--stages", "dev,dev"], "--stages names a stack twice"],
      [["--root", "--matrices", "2"], "--root needs a value"],
      [["--root", "no-such-dir"], `cannot list ${checkout.dir}/no-such-dir: ENOENT`],
    ];
    for (const [args, message] of cases) {
      const result = runCiMatrix(args, checkout.dir);
      assert.deepEqual(
        result,
        { code: 2, stdout: "", stderr: `ci-matrix: ${message} (see --help)\n` },
        args.join(" "),
      );
    }
  });
});
