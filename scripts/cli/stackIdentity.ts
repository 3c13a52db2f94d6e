/**
 * The first step of every command that acts on a stack's tenant (preflight, journey, issue-tap):
 * the stack file must exist (a usage error otherwise, exit 2), its `azuread:` keys are read, and
 * the Graph identity is resolved from them and the environment (IdentityError, exit 2, when none).
 */
import { existsSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { GraphConnection } from "../../infra/graph/connection";
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
