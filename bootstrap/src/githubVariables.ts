/**
 * The GitHub Actions variables the workflows read (.github/workflows/*.yml), with the `gh` command
 * that sets each: the reader per stack as repository variables (preview.yml and drift.yml use no
 * environment), the deployer as variables of each stack's environment (deploy.yml).
 */
export interface GitHubVariable {
  /** "repository", or the environment's name. */
  scope: string;
  name: string;
  value: string;
}

export interface IdentityIds {
  tenantId: string;
  readerClientId: string;
  deployerClientId: string;
  backendUrl?: string;
}

/** The suffix preview.yml and drift.yml give a stack: its name in capitals, e.g. dev -> DEV. */
export function stackSuffix(stack: string): string {
  return stack.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}

export function githubVariables(stacks: readonly string[], ids: IdentityIds): GitHubVariable[] {
  const variables: GitHubVariable[] = [];
  for (const stack of stacks) {
    const suffix = stackSuffix(stack);
    variables.push(
      { scope: "repository", name: `AZURE_CLIENT_ID_${suffix}`, value: ids.readerClientId },
      { scope: "repository", name: `AZURE_TENANT_ID_${suffix}`, value: ids.tenantId },
    );
  }
  if (ids.backendUrl !== undefined) {
    variables.push({ scope: "repository", name: "PULUMI_BACKEND_URL", value: ids.backendUrl });
  }
  for (const stack of stacks) {
    variables.push(
      { scope: stack, name: "AZURE_CLIENT_ID", value: ids.deployerClientId },
      { scope: stack, name: "AZURE_TENANT_ID", value: ids.tenantId },
    );
    if (ids.backendUrl !== undefined) {
      variables.push({ scope: stack, name: "PULUMI_BACKEND_URL", value: ids.backendUrl });
    }
  }
  return variables;
}

/** One `gh variable set` line per variable (run in a clone of the repository, signed in with `gh auth login`). */
export function ghCommands(repository: string, variables: readonly GitHubVariable[]): string[] {
  return variables.map(
    (variable) =>
      `gh variable set ${variable.name} --repo ${repository}` +
      (variable.scope === "repository" ? "" : ` --env ${variable.scope}`) +
      ` --body '${variable.value}'`,
  );
}
