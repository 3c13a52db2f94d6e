import { strict as assert } from "node:assert";
import { startSandbox, Sandbox } from ".";
import { accessToken, graphCaller, GraphCaller } from "./testClient";

interface ErrorBody {
  error: { code: string; message: string };
}
type Json = Record<string, unknown>;

function newUser(overrides: Json = {}): Json {
  return {
    accountEnabled: true,
    displayName: "Adele Vance",
    mailNickname: "adele",
    userPrincipalName: "adele@contoso.example",
    passwordProfile: { password: "xWwvJ]6NMw+bWH-d", forceChangePasswordNextSignIn: true },
    ...overrides,
  };
}

describe("sandbox users", () => {
  let sandbox: Sandbox;
  let graph: GraphCaller;

  before(async () => {
    sandbox = await startSandbox();
    sandbox.grant("User.ReadWrite.All");
    graph = graphCaller(sandbox, await accessToken(sandbox));
  });
  after(async () => {
    await sandbox.stop();
  });
  beforeEach(() => {
    sandbox.resetTenant();
  });

  async function create(overrides: Json = {}): Promise<Json> {
    const created = await graph("POST", "/v1.0/users", newUser(overrides));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as Json;
  }

  it("POST answers 201 with the default property set; accountEnabled and userType only on $select", async () => {
    const user = await create();
    assert.match(String(user.id), /^[0-9a-f-]{36}$/);
    assert.deepEqual(Object.keys(user).sort(), [
      "@odata.context",
      "businessPhones",
      "displayName",
      "givenName",
      "id",
      "jobTitle",
      "mail",
      "mobilePhone",
      "officeLocation",
      "preferredLanguage",
      "surname",
      "userPrincipalName",
    ]);
    assert.deepEqual(user.businessPhones, []);
    const selected = await graph("GET", `/v1.0/users/${String(user.id)}?$select=accountEnabled,userType,id`);
    assert.equal(selected.status, 200);
    assert.deepEqual(selected.body, {
      "@odata.context": `${sandbox.graphEndpoint}/v1.0/$metadata#users(accountEnabled,userType,id)/$entity`,
      accountEnabled: true,
      userType: "Member",
      id: user.id,
    });
    const byUpn = await graph("GET", "/v1.0/users/ADELE@contoso.example");
    assert.equal((byUpn.body as Json).id, user.id, "a UPN resolves like an id, case-insensitively");
  });

  it("refuses a create without passwordProfile, a second user with the same UPN and an unknown $select", async () => {
    const noPassword = newUser();
    delete noPassword.passwordProfile;
    const missing = await graph("POST", "/v1.0/users", noPassword);
    assert.equal(missing.status, 400);
    assert.deepEqual((missing.body as ErrorBody).error.code, "Request_BadRequest");
    await create();
    const duplicate = await graph("POST", "/v1.0/users", newUser({ mailNickname: "adele2" }));
    assert.equal(duplicate.status, 400);
    assert.equal(
      (duplicate.body as ErrorBody).error.message,
      "Another object with the same value for property userPrincipalName already exists.",
    );
    const unknown = await graph("GET", "/v1.0/users/adele@contoso.example?$select=shoeSize");
    assert.equal(unknown.status, 400);
    assert.match((unknown.body as ErrorBody).error.message, /The property 'shoeSize' does not exist/);
  });

  it("lists with $filter=userPrincipalName eq '...' (quotes doubled) and answers an unescaped quote with Graph's 400", async () => {
    await create();
    await create({
      userPrincipalName: "o'brien@contoso.example",
      mailNickname: "obrien",
      displayName: "Pat O'Brien",
    });
    const found = await graph(
      "GET",
      `/v1.0/users?$filter=${encodeURIComponent("userPrincipalName eq 'o''brien@contoso.example'")}`,
    );
    assert.equal(found.status, 200);
    assert.deepEqual(
      (found.body as { value: Json[] }).value.map((u) => u.displayName),
      ["Pat O'Brien"],
    );
    const filter = "userPrincipalName eq 'o'brien@contoso.example'";
    const broken = await graph("GET", `/v1.0/users?$filter=${encodeURIComponent(filter)}`);
    assert.equal(broken.status, 400);
    assert.equal((broken.body as ErrorBody).error.code, "BadRequest");
    assert.equal(
      (broken.body as ErrorBody).error.message,
      `Invalid filter clause: Syntax error at position 29 in '${filter}'.`,
    );
  });

  it("answers /manager with 404 until a manager is set with PUT /manager/$ref, then with the manager as a directory object", async () => {
    const user = await create();
    const boss = await create({
      userPrincipalName: "boss@contoso.example",
      mailNickname: "boss",
      displayName: "Boss",
    });
    const none = await graph("GET", `/v1.0/users/${String(user.id)}/manager`);
    assert.equal(none.status, 404);
    assert.deepEqual((none.body as ErrorBody).error.code, "Request_ResourceNotFound");
    assert.equal(
      (none.body as ErrorBody).error.message,
      "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
    );
    const set = await graph("PUT", `/v1.0/users/${String(user.id)}/manager/$ref`, {
      "@odata.id": `https://graph.microsoft.com/v1.0/users/${String(boss.id)}`,
    });
    assert.equal(set.status, 204);
    const manager = await graph("GET", `/v1.0/users/${String(user.id)}/manager`);
    assert.equal(manager.status, 200);
    assert.equal((manager.body as Json)["@odata.type"], "#microsoft.graph.user");
    assert.equal((manager.body as Json).id, boss.id);
    assert.equal((await graph("DELETE", `/v1.0/users/${String(boss.id)}`)).status, 204);
    assert.equal((await graph("GET", `/v1.0/users/${String(user.id)}/manager`)).status, 404);
  });

  it("needs a user read permission (User.Read.All is not in the default grant) and forgets users on resetTenant", async () => {
    const own = await startSandbox();
    try {
      const caller = graphCaller(own, await accessToken(own));
      const refused = await caller("GET", "/v1.0/users");
      assert.equal(refused.status, 403);
      own.grant("User.Read.All");
      const allowed = graphCaller(own, await accessToken(own));
      assert.equal((await allowed("GET", "/v1.0/users")).status, 200);
      assert.equal((await allowed("POST", "/v1.0/users", newUser())).status, 403);
    } finally {
      await own.stop();
    }
    await create();
    sandbox.resetTenant();
    assert.deepEqual(((await graph("GET", "/v1.0/users")).body as { value: Json[] }).value, []);
  });
});
