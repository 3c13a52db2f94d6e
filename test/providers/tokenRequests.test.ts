/**
 * Token requests per provider host process: the three providers run a whole lifecycle (create,
 * read, update, delete each) in one process, as a `pulumi up` then `pulumi destroy` would, and
 * share one Entra token (and, under GitHub Actions OIDC, one GitHub id token).
 */
import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import { clearCredentialCache } from "../../infra/graph/credentialCache";
import { ID_TOKEN_CACHE_KEY } from "../../infra/graph/githubActionsToken";
import { clearProcessMap } from "../../infra/graph/processCache";
import { ConfigurationPolicyAssignmentProvider } from "../../infra/providers/configurationPolicyAssignment";
import { SettingsCatalogPolicyProvider } from "../../infra/providers/settingsCatalogPolicy";
import { TemporaryAccessPassPolicyProvider } from "../../infra/providers/temporaryAccessPassPolicy";
import { startIdTokenService, type IdTokenService } from "../graph/idTokenService";
import { startSandbox, type Sandbox } from "../sandbox";
import { serializeWithCredentialsInEnvironment } from "./support/sandboxEnvironment";
import { webSignInProfile } from "./support/webSignInProfile";

/** How the dynamic-provider host loads provider code (cmd/dynamic-provider/index.ts). */
const requireFromString = require("require-from-string") as (code: string) => unknown;

type Props = Record<string, unknown>;
type Provider = pulumi.dynamic.ResourceProvider;

interface Providers {
  tap: Provider;
  policy: Provider;
  assignment: Provider;
}

const FAST = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 400, initialDelayMs: 10, maxDelayMs: 40 },
};

function newProviders(): Providers {
  return {
    tap: new TemporaryAccessPassPolicyProvider(FAST),
    policy: new SettingsCatalogPolicyProvider(FAST),
    assignment: new ConfigurationPolicyAssignmentProvider(FAST),
  };
}

async function checked(provider: Provider, props: Props): Promise<Props> {
  const result = await provider.check!({}, props);
  assert.deepEqual(result.failures ?? [], []);
  return result.inputs as Props;
}

/** Create, read, update and delete of all three; the creates run concurrently, as Pulumi runs them. */
async function lifecycle(sandbox: Sandbox, { tap, policy, assignment }: Providers): Promise<void> {
  const groupId = sandbox.addGroup({ displayName: "Autopilot devices" });
  const profile = await checked(policy, webSignInProfile("Web sign-in"));
  const [tapCreated, policyCreated] = await Promise.all([
    tap.create({ state: "enabled", defaultLength: 10 }),
    policy.create(profile),
  ]);
  const policyId = policyCreated.id;
  const assignmentInputs = await checked(assignment, {
    policyId,
    assignments: [{ target: "group", groupId }],
  });
  const assignmentCreated = await assignment.create(assignmentInputs);

  await tap.read!("TemporaryAccessPass", tapCreated.outs as Props);
  await policy.read!(policyId, policyCreated.outs as Props);
  await assignment.read!(policyId, assignmentCreated.outs as Props);

  const tapUpdated = await tap.update!("TemporaryAccessPass", tapCreated.outs as Props, {
    state: "enabled",
    defaultLength: 12,
  });
  const policyNews = await checked(policy, { ...webSignInProfile("Web sign-in"), description: "changed" });
  const policyUpdated = await policy.update!(policyId, policyCreated.outs as Props, policyNews);
  const assignmentNews = await checked(assignment, { policyId, assignments: [{ target: "allDevices" }] });
  await assignment.update!(policyId, assignmentCreated.outs as Props, assignmentNews);

  await assignment.delete!(policyId, assignmentNews);
  await policy.delete!(policyId, policyUpdated.outs as Props);
  await tap.delete!("TemporaryAccessPass", tapUpdated.outs as Props);

  assert.equal(sandbox.tap().defaultLength, 9, "delete restored the TAP configuration found before");
  assert.equal(sandbox.configurationPolicy(policyId), undefined);
  const graph = sandbox.graphRequests();
  assert.ok(graph.length >= 12, `${graph.length} Graph requests`);
  assert.deepEqual(
    graph.filter((entry) => entry.status >= 300),
    [],
  );
}

function entraTokenRequests(sandbox: Sandbox): number {
  return sandbox.requests.filter((entry) => entry.kind === "login" && entry.method === "POST").length;
}

/** Runs `fn` with `env` as this process's environment (providers read it), restoring it after. */
async function withEnvironment<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = process.env;
  process.env = { PATH: saved.PATH ?? "", ...env };
  try {
    return await fn();
  } finally {
    process.env = saved;
  }
}

describe("token requests of a three-provider lifecycle in one process", function () {
  let sandbox: Sandbox;

  beforeEach(async () => {
    clearCredentialCache();
    clearProcessMap(ID_TOKEN_CACHE_KEY);
    sandbox = await startSandbox();
    sandbox.setTap({ defaultLength: 9 });
  });
  afterEach(async () => {
    await sandbox.stop();
    clearCredentialCache();
  });

  it("makes exactly 1 token request with a client secret", async () => {
    await withEnvironment(sandbox.env(), () => lifecycle(sandbox, newProviders()));
    assert.equal(entraTokenRequests(sandbox), 1);
    const logins = sandbox.requests.filter((entry) => entry.kind === "login");
    assert.deepEqual(
      logins.map((entry) => [entry.method, entry.path, entry.form]),
      [
        [
          "POST",
          `/${sandbox.tenantId}/oauth2/v2.0/token`,
          {
            client_id: sandbox.clientId,
            scope: `${sandbox.graphEndpoint}/.default`,
            grant_type: "client_credentials",
            client_secret: "<redacted>",
          },
        ],
      ],
      "the token request alone: no OpenID discovery first",
    );
  });

  it("makes exactly 1 token request when providers carry their own serialized copies of the Graph layer", async () => {
    const made = newProviders();
    // Signed in before serializing: the cached credential must not end up in the text.
    await withEnvironment(sandbox.env(), () => made.tap.read!("TemporaryAccessPass", {}));
    const serialized = async (provider: Provider): Promise<Provider> => {
      const text = await serializeWithCredentialsInEnvironment(sandbox, provider);
      assert.ok(!text.includes(sandbox.clientSecret));
      assert.ok(!/eyJ[\w-]+\.[\w-]+\./.test(text), "no token captured");
      assert.ok(!text.includes("ConfidentialClientApplication"), "no credential captured");
      return (requireFromString(text) as { handler(): Provider }).handler();
    };
    // Two serialized copies plus the checkout's own: three copies of the Graph layer in one process.
    const providers: Providers = {
      tap: await serialized(made.tap),
      policy: await serialized(made.policy),
      assignment: made.assignment,
    };
    assert.ok(
      !(providers.tap instanceof TemporaryAccessPassPolicyProvider),
      "a copy, not the checkout's class",
    );
    assert.ok(
      !(providers.policy instanceof SettingsCatalogPolicyProvider),
      "a copy, not the checkout's class",
    );

    await withEnvironment(sandbox.env(), () => lifecycle(sandbox, providers));

    assert.equal(entraTokenRequests(sandbox), 1);
  });

  it("makes exactly 1 Entra token request and 1 GitHub id-token fetch under GitHub Actions OIDC", async () => {
    const requestToken = "gh-request-token-lifecycle-0123456789";
    const service: IdTokenService = await startIdTokenService(requestToken, () => sandbox.oidcToken);
    try {
      const { ARM_CLIENT_SECRET: _secret, ...connection } = sandbox.env();
      const env = {
        ...connection,
        ARM_USE_OIDC: "true",
        ACTIONS_ID_TOKEN_REQUEST_URL: service.url,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
      };
      await withEnvironment(env, () => lifecycle(sandbox, newProviders()));

      assert.equal(entraTokenRequests(sandbox), 1);
      const login = sandbox.requests.find((entry) => entry.kind === "login" && entry.method === "POST");
      assert.equal(login?.form?.client_assertion, "<redacted>");
      assert.equal(login?.form?.client_secret, undefined);
      assert.equal(service.requests.length, 1);
    } finally {
      await service.stop();
    }
  });
});
