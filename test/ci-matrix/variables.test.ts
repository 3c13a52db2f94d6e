/**
 * `ci-matrix --check-variables`: every stack needs its repository variables AZURE_CLIENT_ID_<SUFFIX>
 * and AZURE_TENANT_ID_<SUFFIX>, read from toJSON(vars) (VARS_JSON) or a `gh variable list` file.
 */
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCiMatrix } from "./runCiMatrix";
import { stackFixture, type StackFixture } from "./stackFixture";

const ALL_THREE = {
  AZURE_CLIENT_ID_DEV: "11111111-1111-1111-1111-111111111111",
  AZURE_TENANT_ID_DEV: "22222222-2222-2222-2222-222222222222",
  AZURE_CLIENT_ID_TEST: "33333333-3333-3333-3333-333333333333",
  AZURE_TENANT_ID_TEST: "22222222-2222-2222-2222-222222222222",
  AZURE_CLIENT_ID_PROD: "44444444-4444-4444-4444-444444444444",
  AZURE_TENANT_ID_PROD: "55555555-5555-5555-5555-555555555555",
  PULUMI_BACKEND_URL: "azblob://state",
};

describe("ci-matrix --check-variables", () => {
  let checkout: StackFixture;
  beforeEach(() => {
    checkout = stackFixture(["dev", "test", "prod"]);
  });
  afterEach(() => checkout.remove());

  it("prints the matrix when every stack has both variables in toJSON(vars)", () => {
    const result = runCiMatrix(["--check-variables"], checkout.dir, { VARS_JSON: JSON.stringify(ALL_THREE) });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^matrix-1=\{"include":\[/);
  });

  it("names every stack without its variables, and which, in one message, printing no outputs", () => {
    const { AZURE_TENANT_ID_TEST: _test, AZURE_CLIENT_ID_PROD: _prod, ...some } = ALL_THREE;
    const vars = { ...some, AZURE_TENANT_ID_PROD: " " };
    const result = runCiMatrix(["--check-variables"], checkout.dir, { VARS_JSON: JSON.stringify(vars) });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "", "nothing for $GITHUB_OUTPUT");
    assert.equal(
      result.stderr,
      "ci-matrix: 2 of 3 stacks have a Pulumi.<stack>.yaml file but not their identity variables: " +
        "prod (AZURE_CLIENT_ID_PROD, AZURE_TENANT_ID_PROD); test (AZURE_TENANT_ID_TEST). " +
        "Set them as repository variables (Settings > Secrets and variables > Actions > Variables, " +
        "or the bootstrap project), or remove the stack file.\n",
    );
  });

  it("turns the message into an error annotation inside GitHub Actions", () => {
    const result = runCiMatrix(["--check-variables"], checkout.dir, {
      VARS_JSON: "{}",
      GITHUB_ACTIONS: "true",
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^::error::ci-matrix: 3 of 3 stacks have a Pulumi\.<stack>\.yaml file but not/,
    );
    assert.equal(result.stderr.split("\n").length, 2, "one line");
  });

  it("reads the names from the output of gh variable list --json name", () => {
    const file = join(checkout.dir, "variables.json");
    const names = Object.keys(ALL_THREE).filter((name) => name !== "AZURE_CLIENT_ID_DEV");
    writeFileSync(file, JSON.stringify(names.map((name) => ({ name }))));
    const result = runCiMatrix(["--variables-file", "variables.json"], checkout.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /: 1 of 3 stacks .*: dev \(AZURE_CLIENT_ID_DEV\)\. Set them/);
  });

  it("refuses with exit code 2 when the variables are not there to read or not such JSON", () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [["--check-variables"], {}, /VARS_JSON, which is not set/],
      [["--check-variables"], { VARS_JSON: "not json" }, /VARS_JSON is not JSON/],
      [["--check-variables"], { VARS_JSON: '"text"' }, /VARS_JSON holds neither toJSON\(vars\)/],
      [["--variables-file", "absent.json"], {}, /cannot read --variables-file .*absent\.json: ENOENT/],
    ];
    for (const [args, env, expected] of cases) {
      const result = runCiMatrix(args, checkout.dir, env);
      assert.equal(result.code, 2, args.join(" "));
      assert.match(result.stderr, expected);
      assert.match(result.stderr, /\(see --help\)\n$/);
      assert.equal(result.stdout, "");
    }
  });
});
