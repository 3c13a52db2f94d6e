import { strict as assert } from "node:assert";
import { resolveConnection } from "../../infra/graph/connection";
import {
  clearCredentialCache,
  CREDENTIAL_CACHE_KEY,
  credentialCacheKey,
  sharedCredential,
} from "../../infra/graph/credentialCache";
import { startSandbox, type Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import { clientFor, TAP_PATH } from "./sandboxClient";

const TENANT = "11111111-1111-1111-1111-111111111111";
const CLIENT = "22222222-2222-2222-2222-222222222222";
const SECRET = "first-Secret~value-0123456789";

function secretEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return { ARM_TENANT_ID: TENANT, ARM_CLIENT_ID: CLIENT, ARM_CLIENT_SECRET: SECRET, ...overrides };
}

function keyOf(env: Record<string, string>): string {
  return credentialCacheKey(resolveConnection({ env }));
}

function tokenRequests(sandbox: Sandbox) {
  return sandbox.requests.filter((entry) => entry.kind === "login" && entry.method === "POST");
}

/** Runs `fn` with Date (and so MSAL's and the sandbox's clocks) moved `shiftMs` ahead. */
async function withClockAhead<T>(shiftMs: number, fn: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + shiftMs);
      else super(...(args as [string]));
    }
    static now(): number {
      return RealDate.now() + shiftMs;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

describe("credentialCacheKey (no network)", () => {
  it("is the same for the same connection, from the environment or the azuread: config", () => {
    assert.equal(keyOf(secretEnv()), keyOf(secretEnv()));
    assert.equal(
      keyOf(secretEnv()),
      credentialCacheKey(
        resolveConnection({ env: {}, config: { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET } }),
      ),
    );
  });

  it("changes with the secret, the client, the tenant, the authority host and the Graph endpoint", () => {
    const keys = [
      keyOf(secretEnv()),
      keyOf(secretEnv({ ARM_CLIENT_SECRET: "second-Secret~value-0123456789" })),
      keyOf(secretEnv({ ARM_CLIENT_ID: "33333333-3333-3333-3333-333333333333" })),
      keyOf(secretEnv({ ARM_TENANT_ID: "44444444-4444-4444-4444-444444444444" })),
      keyOf(secretEnv({ AZURE_AUTHORITY_HOST: "https://login.proxy.example.com" })),
      keyOf(secretEnv({ GRAPH_ENDPOINT: "https://graph.proxy.example.com" })),
      keyOf(secretEnv({ ARM_ENVIRONMENT: "usgovernment" })),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });

  it("tells credential kinds and their token sources apart", () => {
    const oidc = { ARM_USE_OIDC: "true", ARM_TENANT_ID: TENANT, ARM_CLIENT_ID: CLIENT };
    const github = {
      ...oidc,
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/x",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token-1",
    };
    const keys = [
      keyOf(secretEnv()),
      keyOf({ ...oidc, ARM_OIDC_TOKEN: "jwt-1" }),
      keyOf({ ...oidc, ARM_OIDC_TOKEN: "jwt-2" }),
      keyOf({ ...oidc, ARM_OIDC_TOKEN_FILE_PATH: "/tmp/a" }),
      keyOf({ ...oidc, ARM_OIDC_TOKEN_FILE_PATH: "/tmp/b" }),
      keyOf(github),
      keyOf({ ...github, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token-2" }),
      keyOf({ ...github, ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/y" }),
      keyOf({ ...oidc, AZURE_FEDERATED_TOKEN_FILE: "/tmp/f" }),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });

  it("holds no secret, token or request token, only their hash", () => {
    const oidc = { ARM_USE_OIDC: "true", ARM_TENANT_ID: TENANT, ARM_CLIENT_ID: CLIENT };
    const cases: Array<[Record<string, string>, string]> = [
      [secretEnv(), SECRET],
      [
        { ...oidc, ARM_OIDC_TOKEN: "eyJhbGciOiJIUzI1NiJ9.e30.signature" },
        "eyJhbGciOiJIUzI1NiJ9.e30.signature",
      ],
      [
        {
          ...oidc,
          ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/x",
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: "gh-request-token-0123456789",
        },
        "gh-request-token-0123456789",
      ],
    ];
    for (const [env, secret] of cases) {
      const key = keyOf(env);
      assert.ok(!key.includes(secret), key);
      assert.match(key, /"[0-9a-f]{64}"\]$/);
    }
  });
});

describe("sharedCredential (no network)", () => {
  beforeEach(() => clearCredentialCache());
  after(() => clearCredentialCache());

  it("returns one credential per connection, and a new one when the secret changes", () => {
    const first = sharedCredential(resolveConnection({ env: secretEnv() }));
    assert.equal(sharedCredential(resolveConnection({ env: secretEnv() })), first);
    const rotated = sharedCredential(
      resolveConnection({ env: secretEnv({ ARM_CLIENT_SECRET: "rotated-Secret~value-0123456789" }) }),
    );
    assert.notEqual(rotated, first);
  });

  it("keeps the cache on globalThis under a string key, not enumerable, and holds no secret there", () => {
    sharedCredential(resolveConnection({ env: secretEnv() }));
    const cache = (globalThis as unknown as Record<string, unknown>)[CREDENTIAL_CACHE_KEY];
    assert.ok(cache instanceof Map);
    assert.ok(!Object.keys(globalThis).includes(CREDENTIAL_CACHE_KEY));
    assert.ok(![...cache.keys()].some((key) => String(key).includes(SECRET)));
  });

  it("evicts the least recently used credential beyond 32", () => {
    const first = resolveConnection({ env: secretEnv() });
    const credential = sharedCredential(first);
    for (let i = 0; i < 40; i++) {
      sharedCredential(resolveConnection({ env: secretEnv({ ARM_CLIENT_SECRET: `secret-number-${i}` }) }));
      if (i < 5) assert.equal(sharedCredential(first), credential, "still in use, still cached");
    }
    const cache = (globalThis as unknown as Record<string, Map<string, unknown>>)[CREDENTIAL_CACHE_KEY];
    assert.equal(cache.size, 32);
    assert.notEqual(sharedCredential(first), credential);
  });
});

describe("one credential per connection per process (sandbox token endpoint)", () => {
  let sandbox: Sandbox;

  useSandboxPerSuite((started) => (sandbox = started));
  beforeEach(() => clearCredentialCache());

  it("makes no token request for a second client (operation) on the same connection", async () => {
    await clientFor(sandbox).get(TAP_PATH);
    assert.equal(tokenRequests(sandbox).length, 1);
    sandbox.clearLog();

    await clientFor(sandbox).get(TAP_PATH);
    await clientFor(sandbox).list("/groups");

    assert.deepEqual(
      sandbox.requests.filter((entry) => entry.kind === "login"),
      [],
    );
    assert.equal(sandbox.graphRequests().length, 2);
  });

  it("shares one token request among concurrent first operations", async () => {
    await Promise.all(Array.from({ length: 5 }, () => clientFor(sandbox).get(TAP_PATH)));
    assert.equal(tokenRequests(sandbox).length, 1);
    assert.equal(sandbox.graphRequests().length, 5);
  });

  it("asks for a new token once the cached one is within MSAL's five-minute renewal window", async () => {
    await clientFor(sandbox).get(TAP_PATH);
    assert.equal(tokenRequests(sandbox).length, 1);

    // Sandbox tokens last 3599 s; 3300 s later 299 s are left.
    await withClockAhead(3300_000, async () => {
      await clientFor(sandbox).get(TAP_PATH);
      assert.equal(tokenRequests(sandbox).length, 2);
      await clientFor(sandbox).get(TAP_PATH);
      assert.equal(tokenRequests(sandbox).length, 2, "the renewed token is cached in turn");
    });
    assert.ok(sandbox.graphRequests().every((entry) => entry.status === 200));
  });

  it("gives a changed secret its own credential, which signs in again (and fails without leaking it)", async () => {
    await clientFor(sandbox).get(TAP_PATH);
    const wrongSecret = "wrong-Secret~value-0123456789";
    const error = await clientFor(sandbox, { env: { ...sandbox.env(), ARM_CLIENT_SECRET: wrongSecret } })
      .get(TAP_PATH)
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    assert.ok(error);
    assert.match(error.message, /TokenRequestFailed/);
    assert.ok(!error.message.includes(wrongSecret));
    assert.equal(tokenRequests(sandbox).length, 2);
  });

  it("keeps sandboxes (authority host, client id) apart in one process", async () => {
    const other = await startSandbox();
    try {
      await clientFor(sandbox).get(TAP_PATH);
      await clientFor(other).get(TAP_PATH);
      await clientFor(sandbox).get(TAP_PATH);
      await clientFor(other).get(TAP_PATH);
      assert.equal(tokenRequests(sandbox).length, 1);
      assert.equal(tokenRequests(other).length, 1);
      assert.ok([...sandbox.graphRequests(), ...other.graphRequests()].every((r) => r.status === 200));
    } finally {
      await other.stop();
    }
  });

  it("gets a token with a shorter lifetime than the renewal window on every operation", async () => {
    const shortLived = await startSandbox({ tokenLifetimeSeconds: 120 });
    try {
      await clientFor(shortLived).get(TAP_PATH);
      await clientFor(shortLived).get(TAP_PATH);
      assert.equal(tokenRequests(shortLived).length, 2);
    } finally {
      await shortLived.stop();
    }
  });
});
