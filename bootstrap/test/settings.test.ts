import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMainStacks } from "../src/mainStacks";
import { BootstrapSettingsError, parseBootstrapSettings } from "../src/settings";

const VALID = {
  subscriptionId: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
  location: "westeurope",
  repository: "contoso/passwordless-onboarding",
  stacks: '["dev","prod"]',
};

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof BootstrapSettingsError, String(error));
    return error.problems;
  }
  assert.fail("expected a BootstrapSettingsError");
}

describe("bootstrap settings", () => {
  it("fills the defaults", () => {
    assert.deepEqual(parseBootstrapSettings(VALID, "contoso"), {
      subscriptionId: VALID.subscriptionId,
      resourceGroupName: "passwordless-onboarding-ci-contoso",
      location: "westeurope",
      repository: "contoso/passwordless-onboarding",
      defaultBranch: "main",
      stacks: ["dev", "prod"],
      sharedState: false,
    });
  });

  it("names every bad key with what was expected and what was found, all at once", () => {
    const problems = problemsOf(() =>
      parseBootstrapSettings(
        {
          repository: "https://github.com/contoso/passwordless-onboarding",
          defaultBranch: "refs/heads/main",
          stacks: "[]",
          sharedState: "yes",
          location: "West Europe",
          subscription: "x",
        },
        "contoso",
      ),
    );
    assert.deepEqual(problems, [
      "passwordless-onboarding-bootstrap:subscription: unknown key; expected one of subscriptionId, resourceGroupName, location, repository, defaultBranch, stacks, sharedState",
      "passwordless-onboarding-bootstrap:subscriptionId: expected the subscription id (a GUID, `az account show --query id`); found nothing",
      'passwordless-onboarding-bootstrap:location: expected an Azure region name such as westeurope (`az account list-locations`); found "West Europe"',
      'passwordless-onboarding-bootstrap:repository: expected the GitHub repository as owner/name, e.g. contoso/passwordless-onboarding; found "https://github.com/contoso/passwordless-onboarding"',
      'passwordless-onboarding-bootstrap:defaultBranch: expected a branch name such as main (not refs/heads/…); found "refs/heads/main"',
      'passwordless-onboarding-bootstrap:stacks: expected a non-empty list of the main project\'s stack names, e.g. [dev]; found "[]"',
      'passwordless-onboarding-bootstrap:sharedState: expected true or false; found "yes"',
    ]);
  });

  it("refuses a stack listed twice or a name that is not a stack name", () => {
    const problems = problemsOf(() =>
      parseBootstrapSettings({ ...VALID, stacks: '["dev","dev","a b"]' }, "contoso"),
    );
    assert.deepEqual(problems, [
      'passwordless-onboarding-bootstrap:stacks[1]: "dev" is listed twice',
      'passwordless-onboarding-bootstrap:stacks[2]: expected a stack name (letters, digits, -, _, .); found "a b"',
    ]);
  });
});

describe("the main stacks a bootstrap stack serves", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "bootstrap-stacks-"));
    writeFileSync(
      join(dir, "Pulumi.bad.yaml"),
      "config:\n  passwordless-onboarding:temporaryAccessPass:\n    defaultLifetimeInMinutes: 5\n",
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("names a missing stack file and the main config's own problems, before anything is declared", () => {
    const problems = problemsOf(() => readMainStacks(dir, ["dev", "bad"]));
    assert.equal(problems.length, 2, problems.join("\n"));
    assert.equal(
      problems[0],
      `passwordless-onboarding-bootstrap:stacks: dev: expected the main project's stack file ${join(dir, "Pulumi.dev.yaml")}; found no such file (every stack listed needs its stack file in the main project)`,
    );
    assert.match(
      problems[1],
      /^passwordless-onboarding-bootstrap:stacks: bad: .*Pulumi\.bad\.yaml: passwordless-onboarding:temporaryAccessPass\.defaultLifetimeInMinutes must be an integer between 10 and 43200; got 5$/,
    );
  });
});
