import { strict as assert } from "node:assert";
import {
  githubActionsIdToken,
  ID_TOKEN_CACHE_KEY,
  ID_TOKEN_REFRESH_MARGIN_MS,
  jwtExpiry,
} from "../../infra/graph/githubActionsToken";
import { clearProcessMap } from "../../infra/graph/processCache";
import { startIdTokenService, unsignedJwt, type IdTokenService } from "./idTokenService";

const REQUEST_TOKEN = "gh-request-token-abcdef0123456789";
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("jwtExpiry", () => {
  it("reads `exp` (seconds) as ms without verifying the token", () => {
    assert.equal(jwtExpiry(unsignedJwt({ exp: 1_900_000_000 })), 1_900_000_000_000);
  });

  it("is undefined for a token without a readable numeric exp", () => {
    for (const token of [
      "not-a-jwt",
      "a.b",
      "a.%%%.c",
      unsignedJwt({}),
      unsignedJwt({ exp: "1900000000" }),
      `${unsignedJwt({ exp: 1 }).split(".")[0]}.${Buffer.from("null").toString("base64url")}.s`,
    ]) {
      assert.equal(jwtExpiry(token), undefined, token);
    }
  });
});

describe("githubActionsIdToken caches the id token until shortly before it expires", () => {
  let service: IdTokenService;
  let next: () => string;

  beforeEach(async () => {
    clearProcessMap(ID_TOKEN_CACHE_KEY);
    next = () => unsignedJwt({ exp: nowSeconds() + 600 });
    service = await startIdTokenService(REQUEST_TOKEN, () => next());
  });
  afterEach(async () => {
    await service.stop();
    clearProcessMap(ID_TOKEN_CACHE_KEY);
  });

  it("fetches once for repeated and concurrent calls while the token is valid", async () => {
    const first = await githubActionsIdToken(service.url, REQUEST_TOKEN);
    const again = await Promise.all([
      githubActionsIdToken(service.url, REQUEST_TOKEN),
      githubActionsIdToken(service.url, REQUEST_TOKEN),
    ]);
    assert.deepEqual(again, [first, first]);
    assert.equal(service.requests.length, 1);
  });

  it("shares one fetch among concurrent first calls", async () => {
    const tokens = await Promise.all(
      Array.from({ length: 4 }, () => githubActionsIdToken(service.url, REQUEST_TOKEN)),
    );
    assert.equal(new Set(tokens).size, 1);
    assert.equal(service.requests.length, 1);
  });

  it("fetches again when less than the refresh margin is left", async () => {
    next = () => unsignedJwt({ exp: nowSeconds() + ID_TOKEN_REFRESH_MARGIN_MS / 1000 - 5 });
    await githubActionsIdToken(service.url, REQUEST_TOKEN);
    await githubActionsIdToken(service.url, REQUEST_TOKEN);
    assert.equal(service.requests.length, 2);
  });

  it("does not cache a token without a readable exp", async () => {
    next = () => "opaque-id-token";
    assert.equal(await githubActionsIdToken(service.url, REQUEST_TOKEN), "opaque-id-token");
    await githubActionsIdToken(service.url, REQUEST_TOKEN);
    assert.equal(service.requests.length, 2);
  });

  it("keeps tokens for different request tokens apart, and holds no request token in its keys", async () => {
    const other = await startIdTokenService("another-request-token-0123", () => next());
    try {
      await githubActionsIdToken(service.url, REQUEST_TOKEN);
      await githubActionsIdToken(other.url, "another-request-token-0123");
      await githubActionsIdToken(other.url, "another-request-token-0123");
      assert.equal(service.requests.length, 1);
      assert.equal(other.requests.length, 1);
      const cache = (globalThis as unknown as Record<string, Map<string, unknown>>)[ID_TOKEN_CACHE_KEY];
      assert.ok([...cache.keys()].every((key) => !key.includes(REQUEST_TOKEN) && !key.includes("another")));
    } finally {
      await other.stop();
    }
  });

  it("does not cache a failure: the next call asks again", async () => {
    const refused = await githubActionsIdToken(service.url, "a-wrong-request-token").then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    assert.ok(refused);
    assert.match(refused.message, /answered 401/);
    assert.ok(!refused.message.includes("a-wrong-request-token"));
    await githubActionsIdToken(service.url, REQUEST_TOKEN);
    await assert.rejects(githubActionsIdToken(service.url, "a-wrong-request-token"), /answered 401/);
    assert.equal(service.requests.length, 3);
  });
});
