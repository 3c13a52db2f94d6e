/**
 * What the acceptance tests need from the environment before they may touch a tenant: the switch
 * (`PASSWORDLESS_ACCEPTANCE=1`), a complete Graph identity (the `ARM_*` variables both the azuread
 * provider and this project's providers read), the `pulumi` CLI, and the object ids of groups and
 * users that exist in the test tenant (a stack config names them; the program cannot invent them).
 */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { isGraphConnectionError, resolveConnection } from "../../../infra/graph/connection";

export type Environment = Record<string, string | undefined>;

/** `PASSWORDLESS_ACCEPTANCE=1` runs the deployment scenarios against a real tenant. */
export const ACCEPTANCE_SWITCH = "PASSWORDLESS_ACCEPTANCE";

const SKIPPED = "acceptance tests skipped:";

/**
 * Why the acceptance tests cannot run here, in one line, or undefined when they can: the switch is
 * on, a complete identity is configured and the `pulumi` CLI is on PATH.
 */
export function acceptanceSkipReason(env: Environment = process.env): string | undefined {
  if (env[ACCEPTANCE_SWITCH] !== "1") {
    return `${SKIPPED} set ${ACCEPTANCE_SWITCH}=1 to run them against a test tenant`;
  }
  const problem = acceptanceProblem(env);
  return problem === undefined ? undefined : `${SKIPPED} ${problem}`;
}

/** What is missing for a run against a tenant (ignoring the switch), in one line, or undefined. */
export function acceptanceProblem(env: Environment = process.env): string | undefined {
  const problems = [...identityProblems(env), ...sandboxProblems(env)];
  if (findOnPath("pulumi", env) === undefined) {
    problems.push(
      "the pulumi CLI is not on PATH (install it, or run through npm, which puts node_modules/.bin first)",
    );
  }
  return problems.length > 0 ? problems.join("; ") : undefined;
}

function value(env: Environment, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === undefined || text === "" ? undefined : text;
}

function flag(env: Environment, name: string): boolean {
  const text = value(env, name)?.toLowerCase();
  return text === "true" || text === "1";
}

/**
 * The identity the azuread provider and the Graph providers both accept: ARM_TENANT_ID,
 * ARM_CLIENT_ID and exactly one of a client secret, OIDC (with a token source), a managed identity
 * or the Azure CLI. Checked by name here, then by the program's own connection rules.
 */
function identityProblems(env: Environment): string[] {
  const problems: string[] = [];
  const missing = ["ARM_TENANT_ID", "ARM_CLIENT_ID"].filter((name) => value(env, name) === undefined);
  if (missing.length > 0)
    problems.push(`${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set`);

  const methods = [
    value(env, "ARM_CLIENT_SECRET") !== undefined && "a client secret (ARM_CLIENT_SECRET)",
    flag(env, "ARM_USE_OIDC") && "OIDC (ARM_USE_OIDC=true)",
    flag(env, "ARM_USE_MSI") && "a managed identity (ARM_USE_MSI=true)",
    flag(env, "ARM_USE_CLI") && "the Azure CLI (ARM_USE_CLI=true)",
  ].filter((method): method is string => typeof method === "string");
  if (methods.length === 0) {
    problems.push(
      "no way to sign in is set: set one of ARM_CLIENT_SECRET, ARM_USE_OIDC=true, ARM_USE_MSI=true or ARM_USE_CLI=true",
    );
  } else if (methods.length > 1) {
    problems.push(`more than one way to sign in is set (${methods.join(", ")}); keep exactly one`);
  } else if (flag(env, "ARM_USE_OIDC") && !hasOidcToken(env)) {
    problems.push(
      "ARM_USE_OIDC=true needs ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH, or GitHub Actions' " +
        "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN (the job needs `id-token: write`)",
    );
  }
  if (problems.length > 0) return problems;

  // The names are there; the program's own rules catch the rest (bad flags, an unknown cloud, ...).
  try {
    resolveConnection({ env });
  } catch (error) {
    if (!isGraphConnectionError(error)) throw error;
    problems.push(`the Graph identity is not usable: ${error.problems.join(" ")}`);
  }
  return problems;
}

function hasOidcToken(env: Environment): boolean {
  if (value(env, "ARM_OIDC_TOKEN") || value(env, "ARM_OIDC_TOKEN_FILE_PATH")) return true;
  const url = value(env, "ARM_OIDC_REQUEST_URL") ?? value(env, "ACTIONS_ID_TOKEN_REQUEST_URL");
  const token = value(env, "ARM_OIDC_REQUEST_TOKEN") ?? value(env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN");
  return url !== undefined && token !== undefined;
}

/** GRAPH_ENDPOINT / AZURE_AUTHORITY_HOST left pointing at the local Graph sandbox. */
function sandboxProblems(env: Environment): string[] {
  return ["GRAPH_ENDPOINT", "AZURE_AUTHORITY_HOST"].flatMap((name) => {
    const url = value(env, name);
    if (url === undefined) return [];
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return [];
    }
    const loopback = host === "localhost" || host === "[::1]" || host === "::1" || host.startsWith("127.");
    return loopback
      ? [`${name} points at ${url} (the local Graph sandbox?); unset it to test a real tenant`]
      : [];
  });
}

/** The path of an executable named `command` in one of PATH's directories, or undefined. */
export function findOnPath(command: string, env: Environment = process.env): string | undefined {
  const directories = (env.PATH ?? env.Path ?? "").split(delimiter).filter((directory) => directory !== "");
  const extensions =
    process.platform === "win32"
      ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").filter(Boolean)]
      : [""];
  for (const directory of directories) {
    for (const extension of extensions) {
      const candidate = join(directory, command + extension);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not there, or not executable
      }
    }
  }
  return undefined;
}

/**
 * Object ids of the test tenant the scenarios put into stack configs (the `TenantIds` of
 * test/deployment/scenarios/scenario.ts). They must exist before the first `up`.
 */
export interface AcceptanceTenantIds {
  /** A security group that may use a Temporary Access Pass (`temporaryAccessPass.includeGroupIds`). */
  newHiresGroupId: string;
  /** Another security group, used as an existing Autopilot device group (`autopilot.existingGroupId`). */
  existingDeviceGroupId: string;
  /** Two emergency-access accounts the CA policy excludes (`registrationPolicy.breakGlassUserIds`). */
  breakGlassUserIds: [string, string];
}

export interface TenantIdVariable {
  key: keyof AcceptanceTenantIds;
  /** The environment variable (and the GitHub `vars.` name the workflow reads it from). */
  variable: string;
  /** How many comma-separated ids it holds. */
  count: 1 | 2;
  /** What the id must name in the test tenant. */
  what: string;
}

export const TENANT_ID_VARIABLES: readonly TenantIdVariable[] = [
  {
    key: "newHiresGroupId",
    variable: "PASSWORDLESS_ACCEPTANCE_TAP_GROUP_ID",
    count: 1,
    what: "the object id of a security group allowed to use a Temporary Access Pass",
  },
  {
    key: "existingDeviceGroupId",
    variable: "PASSWORDLESS_ACCEPTANCE_DEVICE_GROUP_ID",
    count: 1,
    what: "the object id of another security group, used as an existing Autopilot device group",
  },
  {
    key: "breakGlassUserIds",
    variable: "PASSWORDLESS_ACCEPTANCE_BREAK_GLASS_USER_IDS",
    count: 2,
    what: "the object ids of two users (emergency-access accounts), separated by a comma",
  },
];

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the test tenant's object ids, or throws one error naming every missing or malformed
 * variable and what it must hold.
 */
export function acceptanceTenantIds(env: Environment = process.env): AcceptanceTenantIds {
  const problems: string[] = [];
  const ids: Partial<Record<keyof AcceptanceTenantIds, string[]>> = {};
  for (const { key, variable, count, what } of TENANT_ID_VARIABLES) {
    const text = value(env, variable);
    if (text === undefined) {
      problems.push(`${variable} is not set: set it to ${what}`);
      continue;
    }
    const given = text.split(",").map((item) => item.trim());
    const bad = given.filter((item) => !OBJECT_ID.test(item));
    if (given.length !== count || bad.length > 0) {
      const found =
        bad.length > 0
          ? `${bad.map((item) => JSON.stringify(item)).join(", ")}, which is not an object id`
          : `${given.length} id${given.length === 1 ? "" : "s"}`;
      problems.push(`${variable} must hold ${what}; found ${found}`);
      continue;
    }
    const items = given.map((item) => item.toLowerCase());
    if (new Set(items).size !== items.length) {
      problems.push(`${variable} names the same id twice; the stack config refuses duplicates`);
      continue;
    }
    ids[key] = items;
  }
  const [newHires] = ids.newHiresGroupId ?? [];
  const [device] = ids.existingDeviceGroupId ?? [];
  if (newHires !== undefined && newHires === device) {
    problems.push(
      "PASSWORDLESS_ACCEPTANCE_TAP_GROUP_ID and PASSWORDLESS_ACCEPTANCE_DEVICE_GROUP_ID must name different groups",
    );
  }
  const breakGlass = ids.breakGlassUserIds;
  if (problems.length > 0 || newHires === undefined || device === undefined || breakGlass === undefined) {
    throw new Error(
      `The acceptance tests need object ids from the test tenant (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
  }
  return {
    newHiresGroupId: newHires,
    existingDeviceGroupId: device,
    breakGlassUserIds: [breakGlass[0], breakGlass[1]],
  };
}
