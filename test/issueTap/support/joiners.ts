/**
 * A sandbox tenant with new joiners, built the way an admin would (raw Graph calls), a stack file
 * for the identity, and an in-process run of `npm run issue-tap` with fast retries.
 *
 * Joiners: ada (in New hires), bob (in no group), cy (in New hires, disabled), dan (in New hires
 * and, through Agency staff, in Contractors). The TAP policy is enabled for New hires and
 * excludes Contractors, with Microsoft's default lifetimes (60..480, default 60).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRun } from "../../../scripts/issue-tap/main";
import { DEFAULT_PERMISSIONS, type Sandbox } from "../../sandbox";
import type { RequestLogEntry } from "../../sandbox/requestLog";
import { runInProcess, type CommandRun } from "../../support/commandRun";
import { accessToken, graphCaller, type GraphCaller } from "../../sandbox/testClient";

/** What the command's identity holds: the deployer's grant plus the two reads and the write it adds. */
export const ISSUE_TAP_PERMISSIONS = [
  ...DEFAULT_PERMISSIONS,
  "User.Read.All",
  "UserAuthenticationMethod.ReadWrite.All",
];

export interface Joiners {
  newHires: string;
  contractors: string;
  agencyStaff: string;
  ada: string;
  bob: string;
  cy: string;
  dan: string;
}

export const methodsPath = (userId: string) =>
  `/v1.0/users/${userId}/authentication/temporaryAccessPassMethods`;

const adminCallers = new WeakMap<Sandbox, GraphCaller>();

/** A Graph caller with a token of its own, one per sandbox (the sandbox checks the grant per request). */
async function adminCaller(sandbox: Sandbox): Promise<GraphCaller> {
  let caller = adminCallers.get(sandbox);
  if (!caller) {
    caller = graphCaller(sandbox, await accessToken(sandbox));
    adminCallers.set(sandbox, caller);
  }
  return caller;
}

async function expectStatus(
  answer: Promise<{ status: number; body: unknown }>,
  status: number,
): Promise<unknown> {
  const result = await answer;
  if (result.status !== status) throw new Error(`seeding: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

async function createUser(graph: GraphCaller, name: string, accountEnabled = true): Promise<string> {
  const body = await expectStatus(
    graph("POST", "/v1.0/users", {
      accountEnabled,
      displayName: name,
      mailNickname: name,
      userPrincipalName: `${name}@contoso.example`,
      passwordProfile: { password: "Sandbox-Only-1!" },
    }),
    201,
  );
  return String((body as { id: string }).id);
}

async function addMember(graph: GraphCaller, groupId: string, memberId: string): Promise<void> {
  await expectStatus(
    graph("POST", `/v1.0/groups/${groupId}/members/$ref`, {
      "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${memberId}`,
    }),
    204,
  );
}

/** Seeds as an admin: with the write permissions seeding needs, then back to the command's. */
async function asAdmin<T>(sandbox: Sandbox, seed: (graph: GraphCaller) => Promise<T>): Promise<T> {
  sandbox.setPermissions(...ISSUE_TAP_PERMISSIONS, "User.ReadWrite.All", "GroupMember.ReadWrite.All");
  const result = await seed(await adminCaller(sandbox));
  sandbox.setPermissions(...ISSUE_TAP_PERMISSIONS);
  sandbox.clearLog();
  return result;
}

/** A fresh tenant with the joiners; the command's permissions set, the log cleared. */
export async function seedJoiners(sandbox: Sandbox): Promise<Joiners> {
  sandbox.resetTenant();
  const ids = await asAdmin(sandbox, async (graph) => {
    const seeded: Joiners = {
      newHires: sandbox.addGroup({ displayName: "New hires" }),
      contractors: sandbox.addGroup({ displayName: "Contractors" }),
      agencyStaff: sandbox.addGroup({ displayName: "Agency staff" }),
      ada: await createUser(graph, "ada"),
      bob: await createUser(graph, "bob"),
      cy: await createUser(graph, "cy", false),
      dan: await createUser(graph, "dan"),
    };
    for (const member of [seeded.ada, seeded.cy, seeded.dan]) await addMember(graph, seeded.newHires, member);
    await addMember(graph, seeded.contractors, seeded.agencyStaff);
    await addMember(graph, seeded.agencyStaff, seeded.dan);
    return seeded;
  });
  sandbox.setTap({
    state: "enabled",
    includeTargets: [{ targetType: "group", id: ids.newHires, isRegistrationRequired: false }],
    excludeTargets: [{ targetType: "group", id: ids.contractors }],
  });
  return ids;
}

/** Another joiner `<name>@contoso.example`, in New hires (so in scope); returns the object id. */
export function addJoinerInScope(sandbox: Sandbox, ids: Joiners, name: string): Promise<string> {
  return asAdmin(sandbox, async (graph) => {
    const id = await createUser(graph, name);
    await addMember(graph, ids.newHires, id);
    return id;
  });
}

/** Gives `userId` a pass as if issued in the portal; returns its method id (the log is cleared after). */
export async function seedPass(sandbox: Sandbox, userId: string): Promise<string> {
  const graph = await adminCaller(sandbox);
  const body = await expectStatus(graph("POST", methodsPath(userId), { lifetimeInMinutes: 120 }), 201);
  sandbox.clearLog();
  return String((body as { id: string }).id);
}

/** The user's passes as Graph lists them now (logged: read the log before calling this). */
export async function passesOf(sandbox: Sandbox, userId: string): Promise<Record<string, unknown>[]> {
  const graph = await adminCaller(sandbox);
  const body = await expectStatus(graph("GET", methodsPath(userId)), 200);
  return (body as { value: Record<string, unknown>[] }).value;
}

export function writeStack(dir: string): void {
  writeFileSync(join(dir, "Pulumi.dev.yaml"), "config: {}\n");
}

export async function runIssueTap(sandbox: Sandbox, dir: string, args: string[]): Promise<CommandRun> {
  const { NODE_EXTRA_CA_CERTS: _ca, ...env } = sandbox.env();
  const run = createRun({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  return runInProcess(run, ["--stack", "dev", ...args], { dir, env, now: new Date() });
}

/** `METHOD /path?query body` of each Graph request, oldest first. */
export function graphLines(sandbox: Sandbox): string[] {
  return sandbox.graphRequests().map((entry: RequestLogEntry) => {
    const query = Object.entries(entry.query)
      .map(([key, value]) => `${key}=${value}`)
      .join("&");
    const body = entry.body === undefined ? "" : ` ${JSON.stringify(entry.body)}`;
    return `${entry.method} ${entry.path}${query === "" ? "" : `?${query}`}${body}`;
  });
}

export const POLICY_READ =
  "GET /v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
