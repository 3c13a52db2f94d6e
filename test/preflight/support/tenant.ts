/**
 * Sandbox tenants for the preflight tests, built the way an admin would (raw Graph calls), plus a
 * stack file and an in-process run of the command.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { clearCredentialCache } from "../../../infra/graph/credentialCache";
import { run } from "../../../scripts/preflight/main";
import type { Sandbox } from "../../sandbox";
import type { RequestLogEntry } from "../../sandbox/requestLog";
import { runInProcess, type CommandRun } from "../../support/commandRun";
import { accessToken, graphCaller } from "../../sandbox/testClient";

export const CA_PATH = "/v1.0/identity/conditionalAccess/policies";
export const EVALUATE_PATH = "/v1.0/identity/conditionalAccess/evaluate";
export const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
export const PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";
/** What preflight reads beyond the stack's own permissions (read-only). */
export const PREFLIGHT_READS = ["User.Read.All", "RoleManagement.Read.Directory"];

export interface TenantIds {
  newHires: string;
  contractors: string;
  breakGlass: { id: string; userPrincipalName: string }[];
}

async function caller(sandbox: Sandbox) {
  clearCredentialCache();
  return graphCaller(sandbox, await accessToken(sandbox));
}

/** Two groups and two emergency-access users, as made in the portal; the log is cleared after. */
export async function seedTenant(sandbox: Sandbox): Promise<TenantIds> {
  const hadUserWrite = sandbox.permissions().includes("User.ReadWrite.All");
  sandbox.grant("User.ReadWrite.All");
  const graph = await caller(sandbox);
  const group = async (displayName: string): Promise<string> => {
    const answer = await graph("POST", "/v1.0/groups", {
      displayName,
      mailEnabled: false,
      mailNickname: displayName.replace(/\W/g, "").toLowerCase(),
      securityEnabled: true,
    });
    if (answer.status !== 201)
      throw new Error(`group ${displayName}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return String((answer.body as { id: string }).id);
  };
  const user = async (userPrincipalName: string) => {
    const answer = await graph("POST", "/v1.0/users", {
      accountEnabled: true,
      displayName: userPrincipalName.split("@")[0],
      mailNickname: userPrincipalName.split("@")[0],
      userPrincipalName,
      passwordProfile: { password: "Sandbox-Only-1!", forceChangePasswordNextSignIn: false },
    });
    if (answer.status !== 201)
      throw new Error(`user ${userPrincipalName}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { id: String((answer.body as { id: string }).id), userPrincipalName };
  };
  const ids: TenantIds = {
    newHires: await group("New hires"),
    contractors: await group("Contractors"),
    breakGlass: [await user("breakglass1@contoso.example"), await user("breakglass2@contoso.example")],
  };
  if (!hadUserWrite) sandbox.revoke("User.ReadWrite.All");
  sandbox.grant(...PREFLIGHT_READS);
  sandbox.clearLog();
  return ids;
}

/** Adds a Conditional Access policy as if made in the portal (through Graph; the log is cleared after). */
export async function seedPolicy(sandbox: Sandbox, policy: Record<string, unknown>): Promise<string> {
  const graph = await caller(sandbox);
  const answer = await graph("POST", CA_PATH, policy);
  if (answer.status !== 201) throw new Error(`policy: ${answer.status} ${JSON.stringify(answer.body)}`);
  sandbox.clearLog();
  return String((answer.body as { id: string }).id);
}

/** The config of a stack that should pass in the seeded tenant. */
export function allClearConfig(ids: TenantIds): Record<string, unknown> {
  return {
    temporaryAccessPass: {
      state: "enabled",
      includeGroupIds: [ids.newHires],
      excludeGroupIds: [],
      minimumLifetimeInMinutes: 60,
      defaultLifetimeInMinutes: 480,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: false,
    },
    registrationPolicy: {
      displayName: "Require MFA to register security info",
      state: "enabled",
      breakGlassUserIds: [ids.breakGlass[0].id, { userPrincipalName: ids.breakGlass[1].userPrincipalName }],
      excludeGroupIds: [{ displayName: "Contractors" }],
      excludeGuests: true,
      excludeRoleTemplateIds: [GLOBAL_ADMINISTRATOR],
      allowFromTrustedLocations: true,
      adoptExisting: false,
    },
    autopilot: { groupDisplayName: "Autopilot devices", adoptExisting: false },
    webSignIn: {
      policyName: "Windows - Enable Web Sign-in",
      description: "Web sign-in for Autopilot devices.",
      enablePasswordlessExperience: false,
      adoptExisting: false,
    },
  };
}

export function writeStack(dir: string, stack: string, config: Record<string, unknown>): void {
  const document: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) document[`passwordless-onboarding:${key}`] = value;
  writeFileSync(join(dir, `Pulumi.${stack}.yaml`), stringify({ config: document }));
}

export interface PreflightRun extends CommandRun {
  json:
    { result: string; rows: { area: string; subject: string; status: string; detail: string }[] } | undefined;
}

export const CHECKED_AT = new Date("2026-03-02T10:00:00.000Z");

export async function runPreflight(
  sandbox: Sandbox,
  dir: string,
  args: string[] = ["--stack", "dev"],
  overrides: Record<string, string> = {},
): Promise<PreflightRun> {
  clearCredentialCache();
  const { NODE_EXTRA_CA_CERTS: _ca, ...sandboxEnv } = sandbox.env();
  const env = { ...sandboxEnv, ...overrides };
  const { code, stdout, stderr } = await runInProcess(run, args, { dir, env, now: CHECKED_AT });
  const file = join(dir, "dev.preflight.json");
  const json = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as PreflightRun["json"])
    : undefined;
  return { code, stdout, stderr, json };
}

/** The Markdown row for `subject`, or undefined. */
export function tableRow(output: string, subject: string): string | undefined {
  return output.split("\n").find((line) => line.startsWith("| ") && line.split(" | ")[1] === subject);
}

function line(entry: RequestLogEntry): string {
  const query = Object.entries(entry.query)
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return `${entry.method} ${entry.path}${query === "" ? "" : `?${query}`}${
    entry.body === undefined ? "" : ` ${JSON.stringify(entry.body)}`
  }`;
}

/** Every Graph request is a read (GET, or the What If POST), and none is repeated. */
export function readOnlyAndOnce(sandbox: Sandbox): string[] {
  const lines = sandbox.graphRequests().map(line);
  const writes = lines.filter(
    (text) => !text.startsWith("GET ") && !text.startsWith(`POST ${EVALUATE_PATH} `),
  );
  if (writes.length > 0) throw new Error(`preflight sent a write request:\n${writes.join("\n")}`);
  const repeated = lines.filter((text, index) => lines.indexOf(text) !== index);
  if (repeated.length > 0) throw new Error(`a read was repeated:\n${repeated.join("\n")}`);
  return lines;
}
