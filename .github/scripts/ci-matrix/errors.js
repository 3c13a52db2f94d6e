// @ts-check
"use strict";
/** The two kinds of failure ci-matrix tells apart by exit code: a finding (1) and bad usage (2). */

/** The checkout or the variables are not what the workflows need (exit code 1). */
class FindingError extends Error {}

/** The command line or its input is malformed (exit code 2). */
class UsageError extends Error {}

module.exports = { FindingError, UsageError };
