// @ts-check
"use strict";
/** The command line of ci-matrix and its --help text. */
const { UsageError } = require("./errors");

const HELP = `usage: ci-matrix [--root <dir>] [--matrices <n>] [--stages <stack,...>] [--check-variables] [--variables-file <file>]

Lists the stacks of a checkout, one per Pulumi.<stack>.yaml in --root (default: the current
directory; Pulumi.yaml and Pulumi.acceptance*.yaml are not stacks), and prints GitHub Actions job
outputs, one name=value line each, for "$GITHUB_OUTPUT":
  stage-<stack>=true|false      per --stages stack: whether its file exists. Stage stacks are
                                deployed by their own jobs, so they are left out of the matrices.
  matrix-1 .. matrix-<n>=JSON   {"include":[{"stack":"dev","suffix":"DEV"},...]}: the other stacks,
                                sorted, in <n> (default 1) matrices of at most 256 entries (GitHub's
                                limit per matrix), filled in order; an unused matrix is empty.
A suffix is the stack name in capitals with every character other than A-Z, 0-9 and _ turned into _.

  --check-variables       fail unless every stack has the repository variables
                          AZURE_CLIENT_ID_<SUFFIX> and AZURE_TENANT_ID_<SUFFIX>, read from the
                          environment variable VARS_JSON (set it to \${{ toJSON(vars) }})
  --variables-file <file> the same check, reading toJSON(vars) or the output of
                          \`gh variable list --json name\` from <file>

Exit codes: 0 outputs printed; 1 no stack file, more stacks than <n> matrices hold, two stacks with
one suffix, or stacks without their variables (all named in one message); 2 bad command line.`;

const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * @typedef {object} Options
 * @property {boolean} help
 * @property {string} root
 * @property {number} matrices
 * @property {string[]} stages
 * @property {"none" | "environment" | "file"} variablesFrom
 * @property {string | undefined} variablesFile
 */

/**
 * @param {readonly string[]} args
 * @param {number} index
 */
function valueOf(args, index) {
  const value = args[index + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(`${args[index]} needs a value`);
  return value;
}

/** @param {string} text */
function matrixCount(text) {
  if (!/^[1-9][0-9]{0,2}$/.test(text)) {
    throw new UsageError(`--matrices must be a whole number from 1 to 999, found ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** @param {string} text */
function stageList(text) {
  const stages = text.split(",");
  const invalid = stages.filter((stage) => !STACK_NAME.test(stage));
  if (invalid.length > 0) {
    throw new UsageError(
      `--stages: not a stack name: ${invalid.map((stage) => JSON.stringify(stage)).join(", ")}`,
    );
  }
  if (new Set(stages).size !== stages.length) throw new UsageError("--stages names a stack twice");
  return stages;
}

/**
 * @param {readonly string[]} args
 * @returns {Options}
 */
function parseOptions(args) {
  /** @type {Options} */
  const options = {
    help: false,
    root: ".",
    matrices: 1,
    stages: [],
    variablesFrom: "none",
    variablesFile: undefined,
  };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg === "--check-variables") {
      if (options.variablesFrom === "none") options.variablesFrom = "environment";
    } else if (arg === "--root") options.root = valueOf(args, index++);
    else if (arg === "--matrices") options.matrices = matrixCount(valueOf(args, index++));
    else if (arg === "--stages") options.stages = stageList(valueOf(args, index++));
    else if (arg === "--variables-file") {
      options.variablesFile = valueOf(args, index++);
      options.variablesFrom = "file";
    } else throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
  }
  return options;
}

module.exports = { HELP, parseOptions };
