/**
 * The main project's stack files this bootstrap stack serves. Each is read and validated with the
 * main program's own config reader, so the permissions granted follow what that stack manages.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CONFIG_NAMESPACE } from "../../infra/settings/keys";
import { validateSettings } from "../../infra/settings/validate";
import type { DeclaredOnboardingSettings } from "../../policies/settings";
import { BOOTSTRAP_NAMESPACE, BootstrapSettingsError } from "./settings";

export interface MainStack {
  name: string;
  settings: DeclaredOnboardingSettings;
}

/** Reads Pulumi.<name>.yaml of each stack in `projectDir`; throws one error naming every problem. */
export function readMainStacks(projectDir: string, names: readonly string[]): MainStack[] {
  const problems: string[] = [];
  const stacks: MainStack[] = [];
  for (const name of names) {
    const file = join(projectDir, `Pulumi.${name}.yaml`);
    const where = `${BOOTSTRAP_NAMESPACE}:stacks: ${name}`;
    if (!existsSync(file)) {
      problems.push(
        `${where}: expected the main project's stack file ${file}; found no such file (every stack listed needs its stack file in the main project)`,
      );
      continue;
    }
    let document: unknown;
    try {
      document = parse(readFileSync(file, "utf8"));
    } catch (error) {
      problems.push(`${where}: ${file} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
      continue;
    }
    const validated = validateSettings(namespaceValues(document));
    if (validated.problems.length > 0) {
      problems.push(...validated.problems.map((problem) => `${where}: ${file}: ${problem}`));
      continue;
    }
    stacks.push({ name, settings: validated.settings });
  }
  if (problems.length > 0) throw new BootstrapSettingsError(problems);
  return stacks;
}

function namespaceValues(document: unknown): Record<string, unknown> {
  const config = (document as { config?: unknown } | null)?.config;
  const raw: Record<string, unknown> = {};
  if (typeof config !== "object" || config === null) return raw;
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${CONFIG_NAMESPACE}:`)) raw[key.slice(CONFIG_NAMESPACE.length + 1)] = value;
  }
  return raw;
}
