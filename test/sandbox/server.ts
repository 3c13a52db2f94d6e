/**
 * The HTTPS request pipeline of one tenant: read the request, apply an injected fault if one
 * matches, answer login or Graph, log it. Graph requests are authenticated (RS256 bearer token
 * issued by the sandbox for its tenant and client), routed, and authorised against the current
 * grant. A multi-tenant sandbox has one pipeline per tenant (tenantDispatch.ts picks it).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import {
  defaultErrorFor,
  ErrorContext,
  graphErrorBody,
  odataBadRequest,
  SandboxGraphError,
} from "./graphErrors";
import type { FaultList, FaultSpec, HttpMethod } from "./faults";
import { bearerClaims } from "./bearerClaims";
import { handleLogin, LoginIdentity } from "./login";
import type { RequestKind, RequestLog, RequestLogEntry } from "./requestLog";
import { GraphReply, GraphVersion, matchRoute, permitted, Route } from "./router";
import type { TokenSigner } from "./tokens";

export interface PipelineDependencies {
  origin(): string;
  identity: LoginIdentity;
  signer: TokenSigner;
  routes: readonly Route[];
  faults: FaultList;
  log: RequestLog;
  /** Graph requests that matched no route. */
  unknownRoutes: RequestLogEntry[];
  granted(): ReadonlySet<string>;
  tokenLifetimeSeconds: number;
  /** Waits `ms`, or less if the sandbox stops meanwhile. */
  sleep(ms: number): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const GRAPH_JSON =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
const LOGIN_JSON = "application/json; charset=utf-8";
const GRAPH_PATH = /^\/(v1\.0|beta)(\/.*)?$/;
const METHODS: readonly string[] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/** Whether a request path (without its query) is a Graph request, not a sign-in one. */
export function isGraphPath(path: string): boolean {
  return GRAPH_PATH.test(path);
}

interface Reply {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
}

function redactedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = name === "authorization" ? "<redacted>" : Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function redactedForm(form: Record<string, string>): Record<string, string> {
  const copy = { ...form };
  for (const secret of ["client_secret", "client_assertion"])
    if (copy[secret] !== undefined) copy[secret] = "<redacted>";
  return copy;
}

export class RequestPipeline {
  constructor(private readonly deps: PipelineDependencies) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const requestId = randomUUID();
    const header = req.headers["client-request-id"];
    const clientRequestId = typeof header === "string" && header !== "" ? header : requestId;
    const url = new URL(req.url ?? "/", this.deps.origin());
    const path = url.pathname;
    const method = (req.method ?? "GET").toUpperCase();
    const kind: RequestKind = isGraphPath(path) ? "graph" : "login";
    let text = "";
    let bodyError: string | undefined;
    try {
      text = await readBody(req);
    } catch (error) {
      bodyError = error instanceof Error ? error.message : String(error);
    }
    const json = parseJson(text);
    const isForm = (req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded");
    const form = isForm ? Object.fromEntries(new URLSearchParams(text)) : {};
    const entry: RequestLogEntry = {
      kind,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      body: json.ok ? json.value : undefined,
      ...(kind === "login" && isForm ? { form: redactedForm(form) } : {}),
      headers: redactedHeaders(req),
      requestId,
      clientRequestId,
    };
    const caller = kind === "graph" ? bearerClaims(req.headers.authorization) : undefined;
    if (caller) entry.caller = caller;
    const errorContext: ErrorContext = { requestId, clientRequestId, path, date: new Date() };
    const baseHeaders = {
      "request-id": requestId,
      "client-request-id": clientRequestId,
      "x-ms-request-id": requestId,
    };

    const fault = this.deps.faults.take(method, path);
    if (fault?.latencyMs !== undefined) entry.fault = "latency";
    if (fault?.delayMs !== undefined) {
      entry.fault = "delay";
      await this.deps.sleep(fault.delayMs);
    }
    const waitOutLatency = async (): Promise<void> => {
      if (fault?.latencyMs === undefined) return;
      const left = arrivedAt + fault.latencyMs - performance.now();
      if (left > 0) await this.deps.sleep(left);
    };
    if (fault?.reset === "before") {
      entry.fault = "reset-before";
      this.deps.log.add(entry);
      await waitOutLatency();
      resetConnection(req.socket);
      return;
    }
    if (fault?.status !== undefined) {
      entry.fault = "status";
      const reply = faultReply(fault, kind, errorContext, baseHeaders);
      entry.status = reply.status;
      this.deps.log.add(entry);
      await waitOutLatency();
      send(res, reply);
      return;
    }

    let reply: Reply;
    if (bodyError !== undefined) {
      reply = this.graphError(
        odataBadRequest(`Could not read the request body: ${bodyError}.`),
        errorContext,
        baseHeaders,
      );
    } else if (kind === "login") {
      const login = handleLogin(method, path, form, {
        identity: this.deps.identity,
        origin: this.deps.origin(),
        signer: this.deps.signer,
        grantedPermissions: () => [...this.deps.granted()].sort(),
        tokenLifetimeSeconds: this.deps.tokenLifetimeSeconds,
        requestId,
      });
      reply = {
        status: login.status,
        body: login.body,
        headers: {
          ...baseHeaders,
          "content-type": LOGIN_JSON,
          "cache-control": "no-store, no-cache",
          ...login.headers,
        },
      };
    } else {
      reply = this.graph(req, method, url, json, entry, errorContext, baseHeaders);
    }
    entry.status = reply.status;

    if (fault?.reset === "after") {
      entry.fault = "reset-after";
      this.deps.log.add(entry);
      await waitOutLatency();
      resetConnection(req.socket);
      return;
    }
    this.deps.log.add(entry);
    await waitOutLatency();
    send(res, reply);
  }

  private graph(
    req: IncomingMessage,
    method: string,
    url: URL,
    json: { ok: true; value: unknown } | { ok: false },
    entry: RequestLogEntry,
    errorContext: ErrorContext,
    baseHeaders: Record<string, string>,
  ): Reply {
    const [, version, rest] = GRAPH_PATH.exec(url.pathname) as unknown as [
      string,
      GraphVersion,
      string | undefined,
    ];
    const denied = this.authenticate(req.headers.authorization);
    if (denied) {
      return {
        ...this.graphError(denied, errorContext, baseHeaders),
        headers: {
          ...baseHeaders,
          "content-type": GRAPH_JSON,
          "www-authenticate": `Bearer realm="", authorization_uri="${this.deps.origin()}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
        },
      };
    }
    const routePath = rest ?? "/";
    const match = METHODS.includes(method)
      ? matchRoute(this.deps.routes, method, version, routePath)
      : ({ kind: "none" } as const);
    if (match.kind !== "route") {
      this.deps.unknownRoutes.push(entry);
      const error =
        match.kind === "wrongVersion"
          ? odataBadRequest(`Resource not found for the segment '${match.segment}'.`)
          : new SandboxGraphError(
              400,
              "No method match route template",
              `No OData route exists that match template for request ${method} ${url.pathname}.`,
            );
      return this.graphError(error, errorContext, baseHeaders);
    }
    if (!permitted(match.route, this.deps.granted())) {
      return this.graphError(
        new SandboxGraphError(
          403,
          "Authorization_RequestDenied",
          "Insufficient privileges to complete the operation.",
        ),
        errorContext,
        baseHeaders,
      );
    }
    if (!json.ok) {
      return this.graphError(
        odataBadRequest(
          "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        ),
        errorContext,
        baseHeaders,
      );
    }
    try {
      const graphReply: GraphReply = match.route.handle({
        method: method as HttpMethod,
        version,
        path: routePath,
        params: match.params,
        query: Object.fromEntries(url.searchParams),
        body: json.value,
        origin: this.deps.origin(),
      });
      const headers: Record<string, string> = { ...baseHeaders, ...graphReply.headers };
      if (graphReply.body !== undefined) headers["content-type"] = GRAPH_JSON;
      return { status: graphReply.status, body: graphReply.body, headers };
    } catch (error) {
      if (error instanceof SandboxGraphError) return this.graphError(error, errorContext, baseHeaders);
      const message = error instanceof Error ? error.message : String(error);
      return this.graphError(
        new SandboxGraphError(500, "InternalServerError", `Sandbox route failed: ${message}`),
        errorContext,
        baseHeaders,
      );
    }
  }

  /** Undefined when the bearer token is valid for this tenant and client; else the 401 to answer. */
  private authenticate(authorization: string | undefined): SandboxGraphError | undefined {
    const refuse = (message: string) => new SandboxGraphError(401, "InvalidAuthenticationToken", message);
    if (!authorization) return refuse("Access token is empty.");
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return refuse("Access token is empty.");
    const claims = this.deps.signer.verify(match[1]);
    if ("refused" in claims) return refuse(claims.refused);
    if (claims.tid !== this.deps.identity.tenantId)
      return refuse("Access token validation failure. Invalid tenant.");
    if (claims.appid !== this.deps.identity.clientId)
      return refuse("Access token validation failure. Unknown application.");
    return undefined;
  }

  private graphError(
    error: SandboxGraphError,
    context: ErrorContext,
    baseHeaders: Record<string, string>,
  ): Reply {
    return {
      status: error.status,
      body: graphErrorBody(error, context),
      headers: { ...baseHeaders, "content-type": GRAPH_JSON },
    };
  }
}

/** An injected status answer: Graph's error shape for Graph, the OAuth error shape for login. */
function faultReply(
  fault: FaultSpec,
  kind: RequestKind,
  context: ErrorContext,
  baseHeaders: Record<string, string>,
): Reply {
  const status = fault.status as number;
  const contentType = kind === "login" ? LOGIN_JSON : GRAPH_JSON;
  const headers: Record<string, string> = { ...baseHeaders, "content-type": contentType };
  if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
  if (fault.body !== undefined) return { status, body: fault.body, headers };
  if (status < 400) return { status, headers };
  const { code, message } = defaultErrorFor(status);
  if (kind === "login") {
    const body = {
      error: status >= 500 ? "temporarily_unavailable" : "invalid_request",
      error_description: `${code}: ${message} Trace ID: ${context.requestId} Correlation ID: ${context.requestId}`,
      error_codes: [],
      timestamp: context.date.toISOString(),
      trace_id: context.requestId,
      correlation_id: context.requestId,
    };
    return { status, body, headers };
  }
  return { status, body: graphErrorBody(new SandboxGraphError(status, code, message), context), headers };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const payload =
    reply.body === undefined
      ? undefined
      : typeof reply.body === "string"
        ? reply.body
        : JSON.stringify(reply.body);
  const headers: Record<string, string | number> = { ...reply.headers };
  if (payload === undefined) delete headers["content-type"];
  else headers["content-length"] = Buffer.byteLength(payload);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Drops the connection without an answer (a TCP reset when the platform allows it). */
function resetConnection(socket: Socket): void {
  socket.destroy();
}
