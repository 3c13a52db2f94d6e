/** The problems the config reader (`parseSettings`) reports, for the tests of bad stack configs. */
import { strict as assert } from "node:assert";
import { parseSettings, SettingsError } from "../../../infra/config";

/** A bad config: what is wrong, the raw namespace values, and the one problem reported. */
export type BadConfig = [what: string, raw: Record<string, unknown>, problem: string];

/** The problems parseSettings reports; fails when it accepts the input. */
export function problemsOf(raw: Record<string, unknown>): readonly string[] {
  try {
    parseSettings(raw);
  } catch (error) {
    assert.ok(error instanceof SettingsError, `expected a SettingsError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail(`parseSettings accepted ${JSON.stringify(raw)}`);
}

/** Asserts that exactly one problem is reported and returns it. */
export function onlyProblemOf(raw: Record<string, unknown>): string {
  const problems = problemsOf(raw);
  assert.equal(problems.length, 1, `expected one problem, got:\n${problems.join("\n")}`);
  return problems[0];
}

/** One test per case, titled `title(what)`: parseSettings reports exactly the case's problem. */
export function itReportsOnlyProblem(
  cases: readonly BadConfig[],
  title: (what: string) => string = (what) => what,
): void {
  for (const [what, raw, problem] of cases) {
    it(title(what), () => {
      assert.equal(onlyProblemOf(raw), problem);
    });
  }
}
