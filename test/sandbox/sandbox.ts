/**
 * The Graph sandbox: an HTTPS server on 127.0.0.1 that behaves like the slice of Microsoft Graph
 * and Entra ID login this project touches, with state inspection, out-of-band edits, fault
 * injection and a request log for tests. `startSandboxes(n)` serves several tenants from the one
 * server, each a `Sandbox` of its own (tenantDispatch.ts says which answers a request).
 */
import { FaultList, FaultSpec } from "./faults";
import { consentedIn, LoginIdentity, newLoginIdentity } from "./login";
import { DEFAULT_PERMISSIONS, PermissionGrant } from "./permissions";
import { RequestLog, RequestLogEntry } from "./requestLog";
import { allRoutes } from "./routes";
import { SandboxServer } from "./sandboxServer";
import { RequestPipeline } from "./server";
import { clientServicePrincipal, type AppRegistration } from "./servicePrincipal";
import { SandboxState } from "./state";
import { SandboxTenant } from "./tenant";
import { tenantIndexFor } from "./tenantDispatch";

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

  /** Answers this tenant's requests (the shared server hands them over). */
  readonly pipeline: RequestPipeline;
  private readonly log = new RequestLog();
  private readonly faults = new FaultList();
  private readonly grantSet: PermissionGrant;
  private readonly unknown: RequestLogEntry[] = [];
  private readonly server: SandboxServer;

  /** Use startSandbox() or startSandboxes(). */
  constructor(internals: SandboxInternals) {
    super(internals.state);
    const { server, identity } = internals;
    this.server = server;
    this.graphEndpoint = server.origin;
    this.authorityHost = server.origin;
    this.tenantId = identity.tenantId;
    this.clientId = identity.clientId;
    this.clientSecret = identity.clientSecret;
    this.servicePrincipalId = identity.servicePrincipalId;
    this.oidcToken = identity.oidcToken;
    this.caFile = server.caFile;
    this.grantSet = new PermissionGrant(internals.options.permissions ?? DEFAULT_PERMISSIONS);
    this.pipeline = new RequestPipeline({
      origin: () => server.origin,
      identity,
      signer: server.signer,
      routes: allRoutes(internals.state),
      faults: this.faults,
      log: this.log,
      unknownRoutes: this.unknown,
      granted: () => this.grantSet.current(),
      tokenLifetimeSeconds: internals.options.tokenLifetimeSeconds ?? 3599,
      sleep: (ms) => server.sleep(ms),
    });
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
    return this.server.signer.issue({
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

  /** How many requests were received so far, without copying the log (for timed loops). */
  requestCount(): number {
    return this.log.size();
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

  /**
   * Closes the server and every open connection; removes a CA directory the sandbox created. In a
   * multi-tenant sandbox this stops every tenant (they share the server); calling it again, on
   * this or another tenant, is safe.
   */
  stop(): Promise<void> {
    return this.server.stop();
  }
}

interface SandboxInternals {
  server: SandboxServer;
  identity: LoginIdentity;
  state: SandboxState;
  options: SandboxOptions;
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
  const [sandbox] = await startSandboxes(1, options);
  return sandbox;
}

/**
 * Starts `count` tenants behind one server on 127.0.0.1, as a multi-tenant app registration sees
 * Entra ID and Graph: the same endpoint, client id, secret and accepted client assertion in each
 * tenant; each tenant its own id, service principal (`oid`), grant, state, faults and request
 * log. Sign-in requests go to the tenant named in their path, Graph requests to the tenant of
 * their token's `tid` (tenantDispatch.ts). The first tenant is the app's home tenant. `stop()` on
 * any of them stops them all. `options` apply to every tenant.
 */
export async function startSandboxes(count: number, options: SandboxOptions = {}): Promise<Sandbox[]> {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`startSandboxes: count must be a positive integer, got ${JSON.stringify(count)}`);
  checkOptions(options);
  const server = await SandboxServer.listen(options.port);
  const home: LoginIdentity = newLoginIdentity();
  home.oidcToken = server.signer.issue({
    audience: "api://AzureADTokenExchange",
    tenantId: home.tenantId,
    clientId: home.clientId,
    objectId: home.servicePrincipalId,
    roles: [],
    lifetimeSeconds: 24 * 3600,
  }).token;
  const identities = [home];
  while (identities.length < count) identities.push(consentedIn(home));
  const registration: AppRegistration = {
    homeTenantId: home.tenantId,
    signInAudience: count === 1 ? "AzureADMyOrg" : "AzureADMultipleOrgs",
  };
  const sandboxes = identities.map((identity) => {
    const state = new SandboxState(
      options.groupReplicationLagMs ?? 0,
      clientServicePrincipal(identity, new Date(), registration),
    );
    return new Sandbox({ server, identity, state, options });
  });
  const tenantIds = identities.map((identity) => identity.tenantId);
  server.serve((req, res) => {
    const path = new URL(req.url ?? "/", server.origin).pathname;
    const tenant = sandboxes[tenantIndexFor(path, req.headers.authorization, tenantIds)];
    return tenant.pipeline.handle(req, res);
  });
  return sandboxes;
}
