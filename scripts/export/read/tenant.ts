/**
 * Reads everything the export needs, each object once: the TAP policy first (it doubles as the
 * sign-in check: without a token nothing else is tried), then Conditional Access policies,
 * settings-catalog profiles and groups side by side. A failure of one object type is recorded and
 * the others are still read. Users are read later, once the policy says which ones (users.ts).
 */
import { isGraphRequestError } from "../../../infra/graph/errors";
import type { GraphClient } from "../../../infra/graph/types";
import type { GraphConditionalAccessPolicy, GraphGroup, GraphTapConfiguration } from "../types";
import { readConditionalAccessPolicies } from "./conditionalAccess";
import { isSignInFailure, readFailure, type ReadFailure } from "./failure";
import { readGroups } from "./groups";
import type { ObjectType } from "./permissions";
import { readProfiles, type ProfilesRead } from "./profiles";
import { readTap } from "./tap";

export interface TenantRead {
  tap?: GraphTapConfiguration;
  conditionalAccessPolicies?: GraphConditionalAccessPolicy[];
  profiles?: ProfilesRead;
  groups?: GraphGroup[];
  failures: ReadFailure[];
}

/** The tenant cannot be read at all (no token, no connection, 401): nothing is written. */
export interface TenantUnreadableError extends Error {
  tenantUnreadable: true;
}

export function isTenantUnreadableError(error: unknown): error is TenantUnreadableError {
  return error instanceof Error && (error as Partial<TenantUnreadableError>).tenantUnreadable === true;
}

function tenantUnreadable(error: unknown): TenantUnreadableError {
  const cause = isGraphRequestError(error) ? error.message : String(error);
  return Object.assign(new Error(`cannot read the tenant: ${cause.replace(/\s*\n\s*/g, " ")}`), {
    tenantUnreadable: true as const,
  });
}

export async function readTenant(client: GraphClient): Promise<TenantRead> {
  const failures: ReadFailure[] = [];
  const attempt = async <T>(type: ObjectType, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      failures.push(readFailure(type, error));
      return undefined;
    }
  };
  let tap: GraphTapConfiguration | undefined;
  try {
    tap = await readTap(client);
  } catch (error) {
    if (isSignInFailure(error)) throw tenantUnreadable(error);
    failures.push(readFailure("tap", error));
  }
  const [conditionalAccessPolicies, profiles, groups] = await Promise.all([
    attempt("conditionalAccess", () => readConditionalAccessPolicies(client)),
    attempt("profiles", () => readProfiles(client)),
    attempt("groups", () => readGroups(client)),
  ]);
  // Report failures in a stable order, whatever order the reads finished in.
  const order: ObjectType[] = ["tap", "conditionalAccess", "profiles", "groups", "users"];
  failures.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  return { tap, conditionalAccessPolicies, profiles, groups, failures };
}
