/**
 * The Graph sandbox: an HTTPS server on 127.0.0.1 that behaves like the slice of Microsoft Graph
 * and Entra ID login this project touches, with state inspection, out-of-band edits, fault
 * injection and a request log for tests.
 */
import { rmSync } from "node:fs";
import { createServer, Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { resolveKeyMaterial } from "./certificates";
import { FaultList, FaultSpec } from "./faults";
import { LoginIdentity, newLoginIdentity } from "./login";
import { DEFAULT_PERMISSIONS, PermissionGrant } from "./permissions";
import { RequestLog, RequestLogEntry } from "./requestLog";
import { allRoutes } from "./routes";
import { RequestPipeline } from "./server";
import { clientServicePrincipal } from "./servicePrincipal";
import { SandboxState } from "./state";
import { TokenSigner } from "./tokens";
import { SandboxTenant } from "./tenant";

export interface SandboxOptions {
  /** How long a group created through the API stays invisible to GET and to Intune. Default 0. */
  groupReplicationLagMs?: number;
  /** Application permissions granted to the client. Default: all this project needs (DEFAULT_PERMISSIONS). */
  permissions?: string[];
  /** Lifetime of issued access tokens. Default 3599 s, as Entra ID issues them. */
  tokenLifetimeSeconds?: number;
  /** Port to listen on; default a random free one. */
  port?: number;
}

export interface SandboxEnvironment {
  ARM_TENANT_ID: string;
  ARM_CLIENT_ID: string;
  ARM_CLIENT_SECRET: string;
  GRAPH_ENDPOINT: string;
  AZURE_AUTHORITY_HOST: string;
  NODE_EXTRA_CA_CERTS: string;
  [name: string]: string;
}

export class Sandbox extends SandboxTenant {
  readonly graphEndpoint: string;
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Object id of the client's service principal: the `oid` claim of issued tokens. */
  readonly servicePrincipalId: string;
  /** The client assertion (e.g. a CI workload-identity OIDC token) the token endpoint accepts. */
  readonly oidcToken: string;
  /** PEM file of the CA that signed the sandbox's server certificate. */
  readonly caFile: string;

  private readonly log: RequestLog;
  private readonly faults: FaultList;
  private readonly grantSet: PermissionGrant;
  private readonly unknown: RequestLogEntry[];
  private readonly signer: TokenSigner;
  private readonly server: Server;
  private readonly sockets: Set<Socket>;
  private readonly timers: Set<{ timer: NodeJS.Timeout; resolve: () => void }>;
  private readonly ownedDir?: string;
  private stopped = false;

  /** Use startSandbox(). */
  constructor(internals: SandboxInternals) {
    super(internals.state);
    const origin = `https://127.0.0.1:${internals.port}`;
    this.graphEndpoint = origin;
    this.authorityHost = origin;
    this.tenantId = internals.identity.tenantId;
    this.clientId = internals.identity.clientId;
    this.clientSecret = internals.identity.clientSecret;
    this.servicePrincipalId = internals.identity.servicePrincipalId;
    this.oidcToken = internals.identity.oidcToken;
    this.caFile = internals.caFile;
    this.log = internals.log;
    this.faults = internals.faults;
    this.grantSet = internals.grant;
    this.unknown = internals.unknownRoutes;
    this.signer = internals.signer;
    this.server = internals.server;
    this.sockets = internals.sockets;
    this.timers = internals.timers;
    this.ownedDir = internals.ownedDir;
  }

  /** Environment for a process that should talk to this sandbox. */
  env(): SandboxEnvironment {
    return {
      ARM_TENANT_ID: this.tenantId,
      ARM_CLIENT_ID: this.clientId,
      ARM_CLIENT_SECRET: this.clientSecret,
      GRAPH_ENDPOINT: this.graphEndpoint,
      AZURE_AUTHORITY_HOST: this.authorityHost,
      NODE_EXTRA_CA_CERTS: this.caFile,
    };
  }

  // Permissions -------------------------------------------------------------------------------

  /** Grants application permissions; tokens issued from now on carry them in `roles`. */
  grant(...permissions: string[]): void {
    this.grantSet.grant(permissions);
  }

  /** Revokes application permissions; Graph routes refuse them at once (even with older tokens). */
  revoke(...permissions: string[]): void {
    this.grantSet.revoke(permissions);
  }

  /**
   * Replaces the grant with exactly these permissions (none other kept, the default grant
   * included); like `revoke`, Graph routes refuse what is no longer granted at once.
   */
  setPermissions(...permissions: string[]): void {
    this.grantSet.set(permissions);
  }

  /** The permissions granted now, sorted. */
  permissions(): string[] {
    return this.grantSet.list();
  }

  /**
   * Issues an access token directly (not logged), e.g. an expired one:
   * `issueToken({ lifetimeSeconds: -60 })`.
   */
  issueToken(options: { roles?: string[]; lifetimeSeconds?: number; audience?: string } = {}): string {
    return this.signer.issue({
      audience: options.audience ?? "https://graph.microsoft.com",
      tenantId: this.tenantId,
      clientId: this.clientId,
      objectId: this.servicePrincipalId,
      roles: options.roles ?? this.grantSet.list(),
      lifetimeSeconds: options.lifetimeSeconds ?? 3599,
    }).token;
  }

  // Faults ------------------------------------------------------------------------------------

  /** Injects a fault; faults match in the order added, each fires `times` times (default 1). */
  fault(spec: FaultSpec): void {
    this.faults.add(spec);
  }

  /**
   * Imitates Graph's list lag after a create: a settings-catalog profile created from now on is
   * missing from collection GETs (the lookup by name) for `ms`, while a GET by id finds it at once.
   * Reset to 0 by resetTenant. Source: Graph is eventually consistent just after a write (a
   * Conditional Access PATCH reads back old for about 5 s; the azuread provider polls after a create
   * until reads see it: terraform-provider-azuread conditional_access_policy_resource.go). No
   * captured trace shows the lag of the configurationPolicies list itself: its length is a test
   * input, and the providers must hold for any length, which is what the tests vary.
   */
  setProfileListLag(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new Error(`setProfileListLag: expected a non-negative number of ms, got ${JSON.stringify(ms)}`);
    }
    this.state.profileListLagMs = ms;
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Faults that have not fired (all their `times`) yet. */
  pendingFaults(): FaultSpec[] {
    return this.faults.pending();
  }

  // Request log -------------------------------------------------------------------------------

  /** Every request received, login included, oldest first (copies). */
  get requests(): RequestLogEntry[] {
    return this.log.all();
  }

  graphRequests(): RequestLogEntry[] {
    return this.log.all().filter((entry) => entry.kind === "graph");
  }

  clearLog(): void {
    this.log.clear();
    this.unknown.length = 0;
  }

  /** Graph requests that matched no route (answered 400 "No method match route template"). */
  unknownRoutes(): RequestLogEntry[] {
    return structuredClone(this.unknown);
  }

  // Lifecycle ---------------------------------------------------------------------------------

  /**
   * A fresh tenant behind the same endpoint and identity: every object, fault and logged request
   * is dropped and the TAP configuration is Microsoft's default again. Permissions are kept.
   */
  resetTenant(): void {
    this.state.reset();
    this.faults.clear();
    this.clearLog();
  }

  /** Closes the server and every open connection; removes a CA directory the sandbox created. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const pending of this.timers) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
    if (this.ownedDir) rmSync(this.ownedDir, { recursive: true, force: true });
  }
}

interface SandboxInternals {
  port: number;
  identity: LoginIdentity;
  caFile: string;
  state: SandboxState;
  log: RequestLog;
  faults: FaultList;
  grant: PermissionGrant;
  unknownRoutes: RequestLogEntry[];
  signer: TokenSigner;
  server: Server;
  sockets: Set<Socket>;
  timers: Set<{ timer: NodeJS.Timeout; resolve: () => void }>;
  ownedDir?: string;
}

function checkOptions(options: SandboxOptions): void {
  const problems: string[] = [];
  const lag = options.groupReplicationLagMs;
  if (lag !== undefined && (!Number.isFinite(lag) || lag < 0))
    problems.push(`groupReplicationLagMs must be a non-negative number, got ${JSON.stringify(lag)}`);
  const lifetime = options.tokenLifetimeSeconds;
  if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 1))
    problems.push(`tokenLifetimeSeconds must be a positive integer, got ${JSON.stringify(lifetime)}`);
  if (
    options.permissions !== undefined &&
    (!Array.isArray(options.permissions) || options.permissions.some((p) => typeof p !== "string"))
  ) {
    problems.push(
      `permissions must be an array of permission names, got ${JSON.stringify(options.permissions)}`,
    );
  }
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
  )
    problems.push(`port must be 0-65535, got ${JSON.stringify(options.port)}`);
  if (problems.length > 0) throw new Error(`startSandbox: ${problems.join("; ")}`);
}

/** Starts a sandbox on 127.0.0.1 (random free port unless `port` is given). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  checkOptions(options);
  const { material, ownedDir } = resolveKeyMaterial();
  const signer = new TokenSigner(material.tokenSigningKeyPem);
  const identity: LoginIdentity = newLoginIdentity();
  identity.oidcToken = signer.issue({
    audience: "api://AzureADTokenExchange",
    tenantId: identity.tenantId,
    clientId: identity.clientId,
    objectId: identity.servicePrincipalId,
    roles: [],
    lifetimeSeconds: 24 * 3600,
  }).token;
  const state = new SandboxState(
    options.groupReplicationLagMs ?? 0,
    clientServicePrincipal(identity, new Date()),
  );
  const log = new RequestLog();
  const faults = new FaultList();
  const grant = new PermissionGrant(options.permissions ?? DEFAULT_PERMISSIONS);
  const unknownRoutes: RequestLogEntry[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let origin = "";
  const pipeline = new RequestPipeline({
    origin: () => origin,
    identity,
    signer,
    routes: allRoutes(state),
    faults,
    log,
    unknownRoutes,
    granted: () => grant.current(),
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const pending = {
          resolve,
          timer: setTimeout(() => {
            timers.delete(pending);
            resolve();
          }, ms),
        };
        timers.add(pending);
      }),
  });
  const server = createServer({ key: material.server.keyPem, cert: material.server.certPem }, (req, res) => {
    pipeline.handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ error: { code: "InternalServerError", message: `Sandbox failure: ${message}` } }),
        );
      }
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // A client that gives up mid-handshake must not crash the test process.
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `https://127.0.0.1:${port}`;
  return new Sandbox({
    port,
    identity,
    caFile: material.ca.certFile,
    state,
    log,
    faults,
    grant,
    unknownRoutes,
    signer,
    server,
    sockets,
    timers,
    ownedDir,
  });
}
