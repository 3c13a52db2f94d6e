/**
 * Section 4's floor: the requests a lifecycle sent, replayed in the same order by the barest
 * client there is (global fetch, one request after the other, each answer read whole: no SDK, no
 * provider logic, no credential), in a fresh worker against a fresh sandbox with the same latency on
 * every request. The floor pays what any client of this harness pays: Node loading fetch on first
 * use, the TLS handshake, the timers, the in-process sandbox's handling. What the lifecycle spends
 * beyond the floor is the providers' own. The same replay over `node:https` (one keep-alive
 * agent; no fetch to load) is the harness's own floor: what no HTTP client here can go below.
 */
import { Agent, request as httpsRequest } from "node:https";
import type { RequestLogEntry, Sandbox } from "../../test/sandbox";
import { startSandbox } from "../../test/sandbox";

export type RecordedRequest = Pick<
  RequestLogEntry,
  "kind" | "method" | "path" | "query" | "body" | "form" | "status"
>;

export interface ReplayPlan {
  requests: RecordedRequest[];
  /** The names the recording's sandbox gave; the replay's sandbox has its own. */
  recordedWith: { tenantId: string; clientId: string; origin: string; groupId: string };
  /** Ids of the objects the lifecycle created, in the order of the POSTs that answered 201. */
  createdIds: string[];
  /** Round-trip latency on every request (`sandbox.fault({ latencyMs })`), as the lifecycle had. */
  latencyMs: number;
}

/** What sends the replayed requests. */
export type FloorTransport = "fetch" | "https";

export interface FloorInput {
  plan: ReplayPlan;
  transport: FloorTransport;
}

export interface FloorFigures {
  transport: FloorTransport;
  requests: number;
  wallMs: number;
  /** Statuses answered to the replay that differ from the recording's (must be none). */
  mismatches: string[];
}

export function replayPlan(
  sandbox: Sandbox,
  groupId: string,
  createdIds: string[],
  latencyMs: number,
): ReplayPlan {
  return {
    requests: sandbox.requests.map(({ kind, method, path, query, body, form, status }) => ({
      kind,
      method,
      path,
      query,
      body,
      ...(form === undefined ? {} : { form }),
      status,
    })),
    recordedWith: {
      tenantId: sandbox.tenantId,
      clientId: sandbox.clientId,
      origin: sandbox.graphEndpoint,
      groupId,
    },
    createdIds,
    latencyMs,
  };
}

/** Seeds a fresh sandbox as measureLifecycle does and replays the plan against it. */
export async function measureFloor({ plan, transport }: FloorInput): Promise<FloorFigures> {
  const sandbox = await startSandbox();
  try {
    sandbox.setTap({ defaultLength: 9 });
    const groupId = sandbox.addGroup({ displayName: "Autopilot devices" });
    sandbox.fault({ latencyMs: plan.latencyMs, times: 100_000 });
    const renamed = new Map<string, string>([
      [plan.recordedWith.origin, sandbox.graphEndpoint],
      [plan.recordedWith.tenantId, sandbox.tenantId],
      [plan.recordedWith.clientId, sandbox.clientId],
      [plan.recordedWith.groupId, groupId],
    ]);
    const figures = await replay(sandbox, plan, renamed, transport === "fetch" ? sendByFetch : sendByHttps());
    return { transport, ...figures };
  } finally {
    await sandbox.stop();
  }
}

interface Answer {
  status: number;
  text: string;
}

type Send = (
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
) => Promise<Answer>;

const sendByFetch: Send = async (url, method, headers, body) => {
  const response = await fetch(url, { method, headers, body });
  return { status: response.status, text: await response.text() };
};

function sendByHttps(): Send {
  const agent = new Agent({ keepAlive: true });
  return (url, method, headers, body) =>
    new Promise<Answer>((resolve, reject) => {
      const sent = httpsRequest(url, { method, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      });
      sent.on("error", reject);
      sent.end(body);
    });
}

async function replay(
  sandbox: Sandbox,
  plan: ReplayPlan,
  renamed: Map<string, string>,
  send: Send,
): Promise<Omit<FloorFigures, "transport">> {
  const rename = (text: string): string => {
    let result = text;
    for (const [from, to] of renamed) result = result.split(from).join(to);
    return result;
  };
  let created = 0;
  let token = "";
  const mismatches: string[] = [];
  const start = performance.now();
  for (const entry of plan.requests) {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (entry.kind === "login" && entry.method === "POST") {
      headers["content-type"] = "application/x-www-form-urlencoded";
      const form = Object.fromEntries(
        Object.entries(entry.form ?? {}).map(([key, value]) => [key, rename(value)]),
      );
      body = new URLSearchParams({ ...form, client_secret: sandbox.clientSecret }).toString();
    } else if (entry.kind === "graph") {
      headers.authorization = `Bearer ${token}`;
      if (entry.body !== undefined) {
        headers["content-type"] = "application/json";
        body = rename(JSON.stringify(entry.body));
      }
    }
    const query = new URLSearchParams(entry.query).toString();
    const url = rename(`${plan.recordedWith.origin}${entry.path}${query === "" ? "" : `?${query}`}`);
    const response = await send(url, entry.method, headers, body);
    const text = response.text;
    if (response.status !== entry.status) {
      mismatches.push(`${entry.method} ${entry.path}: ${response.status}, not ${entry.status}`);
    }
    if (entry.kind === "login" && entry.method === "POST") {
      token = (JSON.parse(text) as { access_token: string }).access_token;
    }
    const original = plan.createdIds[created];
    if (entry.method === "POST" && response.status === 201 && original !== undefined) {
      renamed.set(original, (JSON.parse(text) as { id: string }).id);
      created++;
    }
  }
  return {
    requests: plan.requests.length,
    wallMs: performance.now() - start,
    mismatches,
  };
}
