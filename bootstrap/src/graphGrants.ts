/**
 * Which Microsoft Graph application permissions each identity gets, derived from the main project's
 * permission table (infra/graph/permissions.ts), the same one behind its 403 hints and preflight:
 *
 * - reader (pull-request previews, drift checks, preflight with `--identity reader`): the reads of
 *   `pulumi preview --refresh` and of preflight, for every stack; never a write permission;
 * - deployer (`pulumi up` / `destroy`): what `pulumi up` of each stack needs, least privilege (no
 *   Group.ReadWrite.All for a stack that uses `autopilot.existingGroupId`).
 */
import {
  isWritePermission,
  mergePermissions,
  stackPermissions,
  type StackPermission,
} from "../../infra/graph/permissions";
import { permissionInput, readerPermissions } from "../../scripts/preflight/permissions";
import type { MainStack } from "./mainStacks";

export interface IdentityGrants {
  reader: StackPermission[];
  deployer: StackPermission[];
}

export function identityGrants(stacks: readonly MainStack[]): IdentityGrants {
  const merged = (perStack: (stack: MainStack) => StackPermission[]) =>
    mergePermissions(
      stacks.flatMap((stack) =>
        perStack(stack).flatMap((need) =>
          need.neededBy.map((what): [string, string] => [need.permission, `${stack.name}: ${what}`]),
        ),
      ),
    );
  const reader = merged((stack) => readerPermissions(stack.settings));
  const writes = reader.filter((grant) => isWritePermission(grant.permission));
  if (writes.length > 0) {
    // The table says a read needs a write permission: a bug in it, never something to grant a reader.
    throw new Error(
      `the reader would be granted write permissions: ${writes.map((grant) => grant.permission).join(", ")}`,
    );
  }
  return { reader, deployer: merged((stack) => stackPermissions(permissionInput(stack.settings))) };
}
