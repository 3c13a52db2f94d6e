import { strict as assert } from "node:assert";
import { commandError, failedRun } from "./cliFailures";
import { cleanCommandError, describeRunFailure, MAX_ERROR_LENGTH } from "./runErrors";

const UPDATE_NOTICE =
  "warning: A new version of Pulumi is available. To upgrade from version '3.265.0' to '3.300.0', run \n" +
  "   $ curl -sSL https://get.pulumi.com | sh\n" +
  "or visit https://pulumi.com/docs/install/ for manual instructions and release notes.\n";

/** `pulumi up --yes --skip-preview` failing in the program, as the CLI prints it without a TTY. */
const FAILED_UP_STDOUT = [
  "Updating (acceptance):",
  "",
  " +  pulumi:pulumi:Stack passwordless-onboarding-acceptance creating (0s) ",
  "@ updating....",
  " +  pulumi:pulumi:Stack passwordless-onboarding-acceptance creating (2s) \u001b[31merror: \u001b[0mRunning program '/work/main/infra/' failed",
  " +  pulumi:pulumi:Stack passwordless-onboarding-acceptance **creating failed** 1 error",
  "\u001b[1mDiagnostics:\u001b[0m",
  "  \u001b[38;5;13mpulumi:pulumi:Stack (passwordless-onboarding-acceptance):\u001b[0m",
  "    \u001b[31merror: \u001b[0mRunning program '/work/main/infra/' failed with an unhandled exception:",
  "    Error: Invalid stack configuration (1 problem):",
  "      - passwordless-onboarding:temporaryAccessPass.defaultLength must be an integer from 8 to 48; got 4",
  "",
  "\u001b[1mResources:\u001b[0m",
  "    + 1 created",
  "",
  "Duration: 3s",
  "",
].join("\n");

describe("acceptance driver: run errors", () => {
  it("keeps the CLI's Diagnostics section of a failed run, dedented, without colours, progress or update notice", () => {
    const expected = [
      "pulumi:pulumi:Stack (passwordless-onboarding-acceptance):",
      "  error: Running program '/work/main/infra/' failed with an unhandled exception:",
      "  Error: Invalid stack configuration (1 problem):",
      "    - passwordless-onboarding:temporaryAccessPass.defaultLength must be an integer from 8 to 48; got 4",
    ].join("\n");
    assert.equal(cleanCommandError(failedRun(FAILED_UP_STDOUT, UPDATE_NOTICE)), expected);
    assert.equal(cleanCommandError(commandError(FAILED_UP_STDOUT, UPDATE_NOTICE)), expected);
  });

  it("keeps what the CLI wrote to stderr when it failed before running anything, without the command line", () => {
    const stderr =
      "\u001b[31merror: \u001b[0mthe stack is currently locked by 1 lock(s). Either wait for the other process(es) " +
      "to end or delete the lock file with `pulumi cancel`.\n  file:///tmp/passwordless-acceptance-x/.pulumi/locks/acceptance.json\n";
    const error = failedRun("", UPDATE_NOTICE + stderr);
    assert.equal(error.name, "ConcurrentUpdateError");
    assert.equal(
      cleanCommandError(error),
      "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the " +
        "lock file with `pulumi cancel`.\n  file:///tmp/passwordless-acceptance-x/.pulumi/locks/acceptance.json",
    );
  });

  it("reads the parts back from a CommandError's message when nothing is attached", () => {
    for (const original of [failedRun(FAILED_UP_STDOUT, ""), commandError(FAILED_UP_STDOUT, "")]) {
      const copy = new Error(original.message);
      assert.match(copy.message, /^code: -?\d+\n stdout: /);
      assert.equal(cleanCommandError(copy), cleanCommandError(original));
    }
  });

  it("falls back to the last lines of stdout with the exit code, then to the process error", () => {
    const stdout = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n");
    const cleaned = cleanCommandError(failedRun(stdout, UPDATE_NOTICE, 1));
    assert.equal(cleaned.split("\n")[0], "the pulumi command failed (exit code 1):");
    assert.deepEqual(
      cleaned.split("\n").slice(1),
      Array.from({ length: 20 }, (_, i) => `line ${i + 11}`),
    );
    assert.equal(
      cleanCommandError(commandError("", "", -2, new Error("spawn pulumi ENOENT"))),
      "Error: spawn pulumi ENOENT",
    );
    assert.equal(cleanCommandError(failedRun("", "", 3)), "Command failed with exit code 3");
  });

  it("keeps any other error's message, without colours", () => {
    assert.equal(cleanCommandError(new Error("\u001b[31mno project found\u001b[0m")), "no project found");
    assert.equal(cleanCommandError("plain text"), "plain text");
  });

  it("prefers the run's error diagnostics over the CLI's output", () => {
    const error = failedRun(FAILED_UP_STDOUT, "");
    assert.equal(
      describeRunFailure(error, ["onboarding-tap-policy: PATCH failed: 403"]),
      "onboarding-tap-policy: PATCH failed: 403",
    );
    assert.equal(describeRunFailure(error, []), cleanCommandError(error));
  });

  it("cuts a very long message and says how to see all of it", () => {
    const message = describeRunFailure(new Error("x".repeat(MAX_ERROR_LENGTH + 500)), []);
    assert.equal(message.length < MAX_ERROR_LENGTH + 200, true);
    assert.match(message, /\.\.\. \(500 more characters; run with PASSWORDLESS_ACCEPTANCE_VERBOSE=1/);
  });
});
