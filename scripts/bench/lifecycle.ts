/**
 * 3 and 4. One lifecycle of the three providers in one fresh worker process against the Graph
 * sandbox, strictly sequential, as the engine calls them for `pulumi up` (check, create), `pulumi
 * refresh` (read), a changed `pulumi up` (check, diff, update) and `pulumi destroy` (delete):
 * requests per operation, Graph and sign-in, with a client secret, an OIDC token or GitHub
 * Actions OIDC (a fake id-token service on 127.0.0.1); optionally with a delay injected into every
 * sandbox request, sign-in included.
 */
import type * as pulumi from "@pulumi/pulumi";
import { startIdTokenService, type IdTokenService } from "../../test/graph/idTokenService";
import { webSignInProfile } from "../../test/providers/support/webSignInProfile";
import { startSandbox, type RequestLogEntry, type Sandbox } from "../../test/sandbox";
import { replayPlan, type ReplayPlan } from "./floor";
import { InFlightTimer, type InFlightFigures } from "./inFlight";
import { FAST_OPTIONS, PROVIDERS, type ProviderKey } from "./providers";

export type Credential = "secret" | "oidc-token" | "github-oidc";
export type Operation = "check" | "diff" | "create" | "read" | "update" | "delete";

export interface LifecycleInput {
  credential: Credential;
  /**
   * Round-trip latency on every sandbox request (Graph and sign-in), `sandbox.fault({ latencyMs })`:
   * each answer leaves this long after its request arrived, the sandbox's handling included.
   */
  latencyMs?: number;
  /**
   * A wait before the sandbox handles each request, `sandbox.fault({ delayMs })`: its handling
   * comes on top. How section 4 measured until the sandbox had `latencyMs`; kept for comparison.
   */
  delayMs?: number;
}

export interface RequestCounts {
  graph: number;
  /** Every request to the sign-in endpoints (discovery and token). */
  signIn: number;
  /** POSTs to the token endpoint. */
  token: number;
  /** Requests to the GitHub Actions id-token service. */
  idToken: number;
}

export interface OperationFigure extends RequestCounts {
  provider: ProviderKey;
  operation: Operation;
  ms: number;
  /** The client's own time in the operation (its wall time minus time with a request in flight). */
  clientMs: number;
}

export interface LifecycleResult {
  input: LifecycleInput;
  operations: OperationFigure[];
  totals: RequestCounts;
  /** From the first check to the last delete. */
  wallMs: number;
  /** Sandbox requests the latency or delay fault shaped, Graph and sign-in apart. */
  delayed: { graph: number; signIn: number };
  /** Answers with a status of 300 or more (retries, lookups); 0 in a clean lifecycle. */
  unsuccessful: string[];
  /** The wall time split into time with a request in flight and the client's own time between requests. */
  inFlight: InFlightFigures;
  /** With a delay and a client secret: what floor.ts replays in a fresh worker. */
  replay?: ReplayPlan;
}

type Props = Record<string, unknown>;
type Provider = pulumi.dynamic.ResourceProvider;

const TAP_ID = "TemporaryAccessPass";
const GITHUB_REQUEST_TOKEN = "gh-request-token-bench-0123456789";

/** Whether the lifecycle ran with latency or a delay injected. */
export function isShaped(input: LifecycleInput): boolean {
  return input.latencyMs !== undefined || input.delayMs !== undefined;
}

function wasShaped(entry: RequestLogEntry): boolean {
  return entry.fault === "latency" || entry.fault === "delay";
}

function countsOf(entries: readonly RequestLogEntry[], idTokens: number): RequestCounts {
  return {
    graph: entries.filter((entry) => entry.kind === "graph").length,
    signIn: entries.filter((entry) => entry.kind === "login").length,
    token: entries.filter((entry) => entry.kind === "login" && entry.method === "POST").length,
    idToken: idTokens,
  };
}

/** The provider environment of each credential, as a Pulumi run would export it. */
function credentialEnvironment(
  sandbox: Sandbox,
  credential: Credential,
  service: IdTokenService | undefined,
): Record<string, string> {
  const { ARM_CLIENT_SECRET: secret, ...connection } = sandbox.env();
  switch (credential) {
    case "secret":
      return { ...connection, ARM_CLIENT_SECRET: secret };
    case "oidc-token":
      return { ...connection, ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: sandbox.oidcToken };
    case "github-oidc":
      if (service === undefined) throw new Error("GitHub Actions OIDC needs the id-token service");
      return {
        ...connection,
        ARM_USE_OIDC: "true",
        ACTIONS_ID_TOKEN_REQUEST_URL: service.url,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_REQUEST_TOKEN,
      };
  }
}

export async function measureLifecycle(input: LifecycleInput): Promise<LifecycleResult> {
  const sandbox = await startSandbox();
  const service =
    input.credential === "github-oidc"
      ? await startIdTokenService(GITHUB_REQUEST_TOKEN, () => sandbox.oidcToken)
      : undefined;
  try {
    delete process.env.ARM_CLIENT_SECRET;
    Object.assign(process.env, credentialEnvironment(sandbox, input.credential, service));
    sandbox.setTap({ defaultLength: 9 });
    const groupId = sandbox.addGroup({ displayName: "Autopilot devices" });
    const [tap, policy, assignment] = PROVIDERS.map((spec) => spec.instance(FAST_OPTIONS));
    const { latencyMs, delayMs } = input;
    if (latencyMs !== undefined || delayMs !== undefined)
      sandbox.fault({ latencyMs, delayMs, times: 100_000 });

    // Request counts are taken from the log after the lifecycle: copying the log inside an
    // operation would be charged to the client.
    const timed: (Omit<OperationFigure, keyof RequestCounts> & {
      from: number;
      to: number;
      idTokens: number;
    })[] = [];
    const timer = new InFlightTimer();
    const step = async <T>(provider: ProviderKey, operation: Operation, fn: () => Promise<T>): Promise<T> => {
      const from = sandbox.requestCount();
      const fetched = service?.requests.length ?? 0;
      const before = timer.snapshot();
      const start = performance.now();
      const value = await fn();
      const ms = performance.now() - start;
      const clientMs = timer.snapshot().betweenMs - before.betweenMs;
      const idTokens = (service?.requests.length ?? 0) - fetched;
      timed.push({ provider, operation, ms, clientMs, from, to: sandbox.requestCount(), idTokens });
      return value;
    };
    const check = async (key: ProviderKey, provider: Provider, olds: Props, news: Props): Promise<Props> => {
      const result = await step(key, "check", () => provider.check!(olds, news));
      if ((result.failures ?? []).length > 0) {
        throw new Error(`${key} check failed: ${JSON.stringify(result.failures)}`);
      }
      return result.inputs as Props;
    };

    timer.start();
    const start = performance.now();
    // pulumi up: check and create, in dependency order.
    const tapInputs = await check("tap", tap, {}, { state: "enabled", defaultLength: 10 });
    const tapCreated = await step("tap", "create", () => tap.create(tapInputs));
    const profileInputs = await check("policy", policy, {}, webSignInProfile("Web sign-in"));
    const policyCreated = await step("policy", "create", () => policy.create(profileInputs));
    const policyId = policyCreated.id;
    const assignmentInputs = await check(
      "assignment",
      assignment,
      {},
      { policyId, assignments: [{ target: "group", groupId }] },
    );
    const assignmentCreated = await step("assignment", "create", () => assignment.create(assignmentInputs));
    // pulumi refresh.
    await step("tap", "read", () => tap.read!(TAP_ID, tapCreated.outs as Props));
    await step("policy", "read", () => policy.read!(policyId, policyCreated.outs as Props));
    await step("assignment", "read", () => assignment.read!(policyId, assignmentCreated.outs as Props));
    // A changed pulumi up: check, diff, update.
    const tapOlds = tapCreated.outs as Props;
    const tapNews = await check("tap", tap, tapInputs, { state: "enabled", defaultLength: 12 });
    await step("tap", "diff", () => tap.diff!(TAP_ID, tapOlds, tapNews));
    const tapUpdated = await step("tap", "update", () => tap.update!(TAP_ID, tapOlds, tapNews));
    const policyOlds = policyCreated.outs as Props;
    const policyNews = await check("policy", policy, profileInputs, {
      ...webSignInProfile("Web sign-in"),
      description: "changed",
    });
    await step("policy", "diff", () => policy.diff!(policyId, policyOlds, policyNews));
    const policyUpdated = await step("policy", "update", () =>
      policy.update!(policyId, policyOlds, policyNews),
    );
    const assignmentOlds = assignmentCreated.outs as Props;
    const assignmentNews = await check("assignment", assignment, assignmentInputs, {
      policyId,
      assignments: [{ target: "allDevices" }],
    });
    await step("assignment", "diff", () => assignment.diff!(policyId, assignmentOlds, assignmentNews));
    const assignmentUpdated = await step("assignment", "update", () =>
      assignment.update!(policyId, assignmentOlds, assignmentNews),
    );
    // pulumi destroy, in reverse dependency order.
    await step("assignment", "delete", () =>
      assignment.delete!(policyId, (assignmentUpdated.outs ?? assignmentNews) as Props),
    );
    await step("policy", "delete", () =>
      policy.delete!(policyId, (policyUpdated.outs ?? policyNews) as Props),
    );
    await step("tap", "delete", () => tap.delete!(TAP_ID, (tapUpdated.outs ?? tapNews) as Props));
    const wallMs = performance.now() - start;
    const inFlight = timer.stop();

    if (sandbox.tap().defaultLength !== 9) throw new Error("delete did not restore the TAP configuration");
    if (sandbox.configurationPolicy(policyId) !== undefined) throw new Error("delete left the profile");
    const all = sandbox.requests;
    const operations: OperationFigure[] = timed.map(({ from, to, idTokens, ...figure }) => ({
      ...figure,
      ...countsOf(all.slice(from, to), idTokens),
    }));
    const replay =
      input.latencyMs !== undefined && input.credential === "secret"
        ? replayPlan(sandbox, groupId, [policyId], input.latencyMs)
        : undefined;
    return {
      input,
      operations,
      totals: countsOf(all, service?.requests.length ?? 0),
      wallMs,
      delayed: {
        graph: all.filter((entry) => entry.kind === "graph" && wasShaped(entry)).length,
        signIn: all.filter((entry) => entry.kind === "login" && wasShaped(entry)).length,
      },
      unsuccessful: all
        .filter((entry) => entry.status >= 300 || entry.status === 0)
        .map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
      inFlight,
      ...(replay === undefined ? {} : { replay }),
    };
  } finally {
    await service?.stop();
    await sandbox.stop();
  }
}
