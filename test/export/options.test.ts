import { strict as assert } from "node:assert";
import { parseArguments, stackNameOf, UsageError } from "../../scripts/export/options";

const DIRS = { cwd: "/work/here", projectDir: "/work/project" };

describe("export command line", () => {
  it("defaults to the stack file in the project and the report next to it", () => {
    assert.deepEqual(parseArguments(["--stack", "dev"], DIRS), {
      help: false,
      stack: "dev",
      stackName: "dev",
      out: "/work/project/Pulumi.dev.yaml",
      report: "/work/project/dev.export.md",
      stackFile: "/work/project/Pulumi.dev.yaml",
      ids: false,
      force: false,
    });
  });

  it("resolves --out and --report from where the command was typed; the default report follows --out", () => {
    const parsed = parseArguments(
      ["--stack", "acme/prod", "--out", "out/prod.yaml", "--ids", "--force"],
      DIRS,
    );
    assert.ok(!parsed.help);
    assert.equal(parsed.stackName, "prod");
    assert.equal(parsed.out, "/work/here/out/prod.yaml");
    assert.equal(parsed.report, "/work/here/out/prod.export.md");
    assert.equal(parsed.stackFile, "/work/project/Pulumi.prod.yaml");
    assert.equal(parsed.ids, true);
    assert.equal(parsed.force, true);
    const withReport = parseArguments(["--stack", "dev", "--report", "/tmp/r.md"], DIRS);
    assert.equal(!withReport.help && withReport.report, "/tmp/r.md");
  });

  it("answers --help before anything else", () => {
    assert.deepEqual(parseArguments(["--stack", "not a name", "--help"], DIRS), { help: true });
  });

  const bad: [string[], RegExp][] = [
    [[], /^missing --stack <name>$/],
    [["--stack"], /^--stack needs a value$/],
    [["--stack", "--ids"], /^--stack needs a value$/],
    [["--stack", "dev", "--verbose"], /^unknown option --verbose$/],
    [["dev"], /^unexpected argument "dev"/],
    [["--stack", "dev", "--out", "a.md", "--report", "a.md"], /^--report and --out name the same file/],
  ];
  for (const [args, message] of bad) {
    it(`refuses ${JSON.stringify(args)}`, () => {
      assert.throws(
        () => parseArguments(args, DIRS),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
    });
  }

  it("accepts Pulumi's stack names and refuses anything else", () => {
    for (const name of ["dev", "prod-eu.1", "org/dev", "org/project/dev", "a".repeat(100)]) {
      assert.equal(stackNameOf(name), name.split("/").pop());
    }
    for (const name of ["", "my stack", "dev/", "a/b/c/d", "..", "x".repeat(101), "dev;rm", "é"]) {
      assert.throws(() => stackNameOf(name), /is not a valid Pulumi stack name/, name);
    }
  });
});
