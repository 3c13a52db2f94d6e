// @ts-check
"use strict";
/**
 * Whether every stack has its identity variables: the repository variables
 * AZURE_CLIENT_ID_<SUFFIX> and AZURE_TENANT_ID_<SUFFIX> that preview.yml and drift.yml sign in with.
 * The names come from `${{ toJSON(vars) }}` (an object of name -> value, which a workflow has
 * without any token) or from `gh variable list --json name` (an array of `{name}`).
 */
const { FindingError, UsageError } = require("./errors");

/** @typedef {import("./matrix").MatrixEntry} MatrixEntry */

/**
 * The names of the variables that are set (a blank value counts as unset: sign-in would fail).
 * @param {string} text JSON text
 * @param {string} source where the text came from, for the error message
 * @returns {Set<string>}
 */
function definedVariableNames(text, source) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not JSON`);
  }
  if (Array.isArray(parsed)) {
    return new Set(
      parsed.flatMap((item) =>
        typeof item === "object" && item !== null && typeof item.name === "string" ? [item.name] : [],
      ),
    );
  }
  if (typeof parsed === "object" && parsed !== null) {
    return new Set(
      Object.entries(parsed)
        .filter(([, value]) => typeof value === "string" && value.trim() !== "")
        .map(([name]) => name),
    );
  }
  throw new UsageError(
    `${source} holds neither toJSON(vars) (an object) nor the output of gh variable list --json name (an array)`,
  );
}

/**
 * The variable names a stack needs.
 * @param {MatrixEntry} entry
 */
function identityVariables(entry) {
  return [`AZURE_CLIENT_ID_${entry.suffix}`, `AZURE_TENANT_ID_${entry.suffix}`];
}

/**
 * Fails naming every stack that lacks one of its variables, and which ones, in one message.
 * @param {readonly MatrixEntry[]} entries
 * @param {ReadonlySet<string>} defined
 */
function requireIdentityVariables(entries, defined) {
  const lacking = entries
    .map((entry) => ({
      stack: entry.stack,
      missing: identityVariables(entry).filter((name) => !defined.has(name)),
    }))
    .filter(({ missing }) => missing.length > 0);
  if (lacking.length === 0) return;
  const list = lacking.map(({ stack, missing }) => `${stack} (${missing.join(", ")})`).join("; ");
  throw new FindingError(
    `${lacking.length} of ${entries.length} stacks have a Pulumi.<stack>.yaml file but not their identity ` +
      `variables: ${list}. Set them as repository variables (Settings > Secrets and variables > Actions > ` +
      `Variables, or the bootstrap project), or remove the stack file.`,
  );
}

module.exports = { definedVariableNames, identityVariables, requireIdentityVariables };
