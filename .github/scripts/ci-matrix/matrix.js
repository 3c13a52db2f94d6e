// @ts-check
"use strict";
/**
 * The GitHub Actions matrices of a list of stacks: one entry `{stack, suffix}` per stack, where the
 * suffix names the stack's repository variables (AZURE_CLIENT_ID_<SUFFIX>), split into matrices
 * of at most 256 entries because GitHub expands one matrix into at most 256 jobs per run.
 */
const { FindingError } = require("./errors");

/** GitHub's "Job matrix" limit: https://docs.github.com/en/actions/reference/limits */
const MATRIX_LIMIT = 256;

/** @typedef {{ stack: string; suffix: string }} MatrixEntry */

/**
 * The stack name in capitals, every character other than A-Z, 0-9 and _ turned into _ (the rule
 * of bootstrap/src/githubVariables.ts, which writes the variables): dev -> DEV, contoso-eu -> CONTOSO_EU.
 * @param {string} stack
 */
function stackSuffix(stack) {
  return stack.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}

/**
 * One entry per stack, in the given order. Two stacks with one suffix would share their identity
 * variables, so that is refused, naming every such group.
 * @param {readonly string[]} stacks
 * @returns {MatrixEntry[]}
 */
function matrixEntries(stacks) {
  const entries = stacks.map((stack) => ({ stack, suffix: stackSuffix(stack) }));
  /** @type {Map<string, string[]>} */
  const stacksBySuffix = new Map();
  for (const { stack, suffix } of entries)
    stacksBySuffix.set(suffix, [...(stacksBySuffix.get(suffix) ?? []), stack]);
  const clashes = [...stacksBySuffix].filter(([, sharing]) => sharing.length > 1);
  if (clashes.length > 0) {
    const described = clashes.map(([suffix, sharing]) => `${sharing.join(", ")} -> ${suffix}`);
    throw new FindingError(
      `stacks with the same variable suffix would share one identity: ${described.join("; ")}. ` +
        "Rename all but one of each.",
    );
  }
  return entries;
}

/**
 * `count` matrices of at most MATRIX_LIMIT entries, filled in order, so a small fleet fits in the
 * first and the jobs of the others are skipped; the unused ones are empty.
 * @param {readonly MatrixEntry[]} entries
 * @param {number} count
 * @returns {MatrixEntry[][]}
 */
function splitIntoMatrices(entries, count) {
  const needed = Math.ceil(entries.length / MATRIX_LIMIT);
  if (needed > count) {
    const missing =
      needed === count + 1 ? `matrix-${needed}` : `each of matrix-${count + 1}..matrix-${needed}`;
    throw new FindingError(
      `${entries.length} stacks need ${needed} matrices of at most ${MATRIX_LIMIT} jobs (GitHub's limit per matrix), ` +
        `but the workflow consumes ${count}: add a job for ${missing} (a copy of the one for matrix-${count}) ` +
        `and pass --matrices ${needed}.`,
    );
  }
  return Array.from({ length: count }, (_, index) =>
    entries.slice(index * MATRIX_LIMIT, (index + 1) * MATRIX_LIMIT),
  );
}

/**
 * Job outputs, one `name=value` line each, for "$GITHUB_OUTPUT": `stage-<stack>=true|false` per
 * stage, then `matrix-<n>={"include":[...]}`, empty for an unused matrix. The job of an empty one
 * must be skipped (`if: ... != ''`): GitHub fails a job whose matrix has no entries.
 * @param {ReadonlyArray<{ stack: string; present: boolean }>} stages
 * @param {ReadonlyArray<readonly MatrixEntry[]>} matrices
 * @returns {string[]}
 */
function githubOutputLines(stages, matrices) {
  return [
    ...stages.map(({ stack, present }) => `stage-${stack}=${present}`),
    ...matrices.map(
      (entries, index) =>
        `matrix-${index + 1}=${entries.length > 0 ? JSON.stringify({ include: entries }) : ""}`,
    ),
  ];
}

module.exports = { MATRIX_LIMIT, stackSuffix, matrixEntries, splitIntoMatrices, githubOutputLines };
