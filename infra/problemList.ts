/**
 * The message of an error that stops the program with several problems: a lead with the count,
 * then one indented line per problem, e.g. `Invalid stack configuration (2 problems):\n  - …\n  - …`.
 */
export function problemListMessage(lead: string, problems: readonly string[], after = ""): string {
  return (
    `${lead} (${problems.length} problem${problems.length === 1 ? "" : "s"})${after}:\n` +
    problems.map((problem) => `  - ${problem}`).join("\n")
  );
}
