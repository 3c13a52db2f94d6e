// @ts-check
"use strict";
/**
 * `node .github/scripts/ci-matrix/main.js [options]` (`npm run ci-matrix -- [options]`; see --help)
 *
 * Derives the GitHub Actions matrices of preview.yml, drift.yml and deploy.yml from the
 * Pulumi.<stack>.yaml files present, so adding a tenant is adding its stack file and variables.
 * Plain CommonJS on Node's standard library only: the workflows' first job runs it straight after
 * the checkout, without `npm ci`.
 */
const { resolve } = require("node:path");
const { readFileSync } = require("node:fs");
const { FindingError, UsageError } = require("./errors");
const { matrixEntries, splitIntoMatrices, githubOutputLines } = require("./matrix");
const { HELP, parseOptions } = require("./options");
const { readStackNames } = require("./stackFiles");
const { definedVariableNames, requireIdentityVariables } = require("./variables");

const COMMAND = "ci-matrix";

/**
 * @typedef {object} Io
 * @property {Record<string, string | undefined>} env
 * @property {string} cwd
 * @property {(text: string) => void} stdout
 * @property {(text: string) => void} stderr
 */

/**
 * @param {string} root
 * @returns {string[]}
 */
function stacksIn(root) {
  let stacks;
  try {
    stacks = readStackNames(root);
  } catch (error) {
    throw new UsageError(
      `cannot list ${root}: ${/** @type {NodeJS.ErrnoException} */ (error).code ?? "unreadable"}`,
    );
  }
  if (stacks.length === 0) throw new FindingError(`no Pulumi.<stack>.yaml file in ${root}`);
  return stacks;
}

/**
 * @param {import("./options").Options} options
 * @param {Io} io
 * @returns {Set<string>}
 */
function readVariableNames(options, io) {
  if (options.variablesFrom === "file") {
    const file = resolve(io.cwd, options.variablesFile ?? "");
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(
        `cannot read --variables-file ${file}: ${/** @type {NodeJS.ErrnoException} */ (error).code}`,
      );
    }
    return definedVariableNames(text, file);
  }
  const text = io.env.VARS_JSON;
  if (text === undefined || text === "") {
    throw new UsageError(
      "--check-variables reads VARS_JSON, which is not set (in a workflow: VARS_JSON: ${{ toJSON(vars) }})",
    );
  }
  return definedVariableNames(text, "VARS_JSON");
}

/**
 * The outputs for these options, or an error; nothing is printed before all checks passed, so a
 * failed run never leaves half its outputs in $GITHUB_OUTPUT.
 * @param {import("./options").Options} options
 * @param {Io} io
 */
function derive(options, io) {
  const root = resolve(io.cwd, options.root);
  const entries = matrixEntries(stacksIn(root));
  if (options.variablesFrom !== "none") requireIdentityVariables(entries, readVariableNames(options, io));
  const stages = options.stages.map((stack) => ({
    stack,
    present: entries.some((entry) => entry.stack === stack),
  }));
  const matrices = splitIntoMatrices(
    entries.filter((entry) => !options.stages.includes(entry.stack)),
    options.matrices,
  );
  const sizes = matrices.map((matrix, index) => `matrix-${index + 1}: ${matrix.length}`);
  const staged = stages.map(({ stack, present }) => `${stack} ${present ? "present" : "absent"}`);
  return {
    lines: githubOutputLines(stages, matrices),
    summary: `${entries.length} stack${entries.length === 1 ? "" : "s"}; ${[...staged, ...sizes].join(", ")}`,
  };
}

/**
 * Runs the command; returns its exit code.
 * @param {readonly string[]} args
 * @param {Io} io
 * @returns {number}
 */
function run(args, io) {
  try {
    const options = parseOptions(args);
    if (options.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    const { lines, summary } = derive(options, io);
    io.stdout(`${lines.join("\n")}\n`);
    io.stderr(`${COMMAND}: ${summary}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${COMMAND}: ${error.message} (see --help)\n`);
      return 2;
    }
    // In a workflow the message also becomes an error annotation on the run's summary page.
    const annotation = io.env.GITHUB_ACTIONS === "true" ? "::error::" : "";
    const message = error instanceof FindingError ? error.message : `unexpected error: ${String(error)}`;
    io.stderr(`${annotation}${COMMAND}: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), {
    env: process.env,
    // `npm run` starts in the project root; INIT_CWD is where the command was typed.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

module.exports = { run };
