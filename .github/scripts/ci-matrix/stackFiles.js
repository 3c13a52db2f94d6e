// @ts-check
"use strict";
/**
 * Which stacks a checkout holds: one per `Pulumi.<stack>.yaml` file in the project root, the file
 * the Pulumi CLI reads a stack's config from. `Pulumi.yaml` is the project file, and
 * `Pulumi.acceptance*.yaml` belong to the acceptance tests (gitignored), so neither is a stack.
 */
const { readdirSync } = require("node:fs");

/** Pulumi's rule for a stack name (1-100 of A-Z a-z 0-9 _ . -) between `Pulumi.` and `.yaml`. */
const STACK_FILE = /^Pulumi\.([A-Za-z0-9_.-]{1,100})\.yaml$/;
const ACCEPTANCE_PREFIX = "acceptance";

/**
 * Sorts by UTF-16 code unit, never by locale, so every runner derives the same order.
 * @param {string} a
 * @param {string} b
 */
function byCodeUnit(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The stacks these file names declare, sorted.
 * @param {readonly string[]} fileNames
 * @returns {string[]}
 */
function stackNamesOf(fileNames) {
  const stacks = [];
  for (const fileName of fileNames) {
    const stack = STACK_FILE.exec(fileName)?.[1];
    if (stack !== undefined && !stack.startsWith(ACCEPTANCE_PREFIX)) stacks.push(stack);
  }
  return stacks.sort(byCodeUnit);
}

/**
 * The stacks whose files are in `dir` (files only: a directory named like a stack file is not one).
 * @param {string} dir
 * @returns {string[]}
 */
function readStackNames(dir) {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => entry.name);
  return stackNamesOf(files);
}

module.exports = { STACK_FILE, stackNamesOf, readStackNames };
