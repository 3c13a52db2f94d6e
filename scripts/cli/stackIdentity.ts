/**
 * The first step of every command that acts on a stack's tenant (preflight, journey, issue-tap):
 * the stack file must exist (a usage error otherwise, exit 2), its `azuread:` keys are read, and
 * the Graph identity is resolved from them and the environment (IdentityError, exit 2, when none).
 * Then the stack's `passwordless-onboarding:` settings are validated (`readStackSettings`).
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { GraphConnection } from "../../infra/graph/connection";
import type { DeclaredOnboardingSettings } from "../../policies/settings";
import { resolveIdentity } from "../export/identity";
import { readStackFile, type ExistingStackFile } from "../export/stackFile";

export interface StackIdentity {
  stackFile: ExistingStackFile;
  connection: GraphConnection;
}

export function openStack(
  stackFilePath: string,
  env: Record<string, string | undefined>,
  usageError: (message: string) => Error,
): StackIdentity {
  if (!existsSync(stackFilePath)) {
    throw usageError(`${basename(stackFilePath)} not found in ${dirname(stackFilePath)}`);
  }
  const stackFile = readStackFile(stackFilePath);
  return { stackFile, connection: resolveIdentity(env, stackFile, basename(stackFilePath)) };
}

/** The stack file's settings and every problem with them (the program's own messages). */
export function readStackSettings(stackFilePath: string): {
  settings: DeclaredOnboardingSettings;
  problems: string[];
} {
  // Loaded here, so --help and usage errors stay fast.
  const { validateSettings } =
    require("../../infra/settings/validate") as typeof import("../../infra/settings/validate");
  const { namespaceValues } = require("../export/checks") as typeof import("../export/checks");
  return validateSettings(namespaceValues(readFileSync(stackFilePath, "utf8")));
}
