/**
 * GitHub Actions OIDC: the token's issuer, the audience Entra expects, and the subject of each job.
 * Subjects follow GitHub's documented claim formats: a job that uses an environment gets
 * `repo:<owner>/<repo>:environment:<name>`, a pull-request job `repo:<owner>/<repo>:pull_request`,
 * any other job `repo:<owner>/<repo>:ref:refs/heads/<branch>`
 * (https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims).
 * Entra compares the subject exactly, letter case included.
 */
export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
export const ENTRA_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

export interface FederatedSubject {
  /** The credential's name: 3-120 letters, digits, "-" and "_", starting with a letter or digit. */
  name: string;
  subject: string;
  usedBy: string;
}

/** preview.yml (pull requests) and drift.yml (scheduled, on the default branch) use no environment. */
export function readerSubjects(repository: string, defaultBranch: string): FederatedSubject[] {
  return [
    { name: "github-pull-request", subject: `repo:${repository}:pull_request`, usedBy: "preview.yml" },
    {
      name: `github-branch-${credentialNamePart(defaultBranch)}`,
      subject: `repo:${repository}:ref:refs/heads/${defaultBranch}`,
      usedBy: "drift.yml",
    },
  ];
}

/** deploy.yml runs each stack's job in the GitHub environment named after the stack. */
export function deployerSubjects(repository: string, stacks: readonly string[]): FederatedSubject[] {
  return stacks.map((stack) => ({
    name: `github-environment-${credentialNamePart(stack)}`,
    subject: `repo:${repository}:environment:${stack}`,
    usedBy: `deploy.yml (${stack})`,
  }));
}

function credentialNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 90);
}
