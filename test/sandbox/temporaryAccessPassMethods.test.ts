import { strict as assert } from "node:assert";
import type { Sandbox } from ".";
import { useSandboxPerSuite } from "./sandboxHooks";
import { SCOPE_REFUSAL } from "./temporaryAccessPassMethods";
import { accessToken, graphCaller, type GraphCaller } from "./testClient";

type Json = Record<string, unknown>;
interface ErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}

const PASS_KEYS = [
  "id",
  "temporaryAccessPass",
  "createdDateTime",
  "startDateTime",
  "lifetimeInMinutes",
  "isUsableOnce",
  "isUsable",
  "methodUsabilityReason",
];

describe("sandbox Temporary Access Pass methods of a user", () => {
  let sandbox: Sandbox;
  let graph: GraphCaller;
  let userId: string;

  useSandboxPerSuite((started) => (sandbox = started));
  before(async () => {
    sandbox.grant("User.ReadWrite.All", "UserAuthenticationMethod.ReadWrite.All");
    graph = graphCaller(sandbox, await accessToken(sandbox));
  });
  beforeEach(async () => {
    sandbox.resetTenant();
    sandbox.setTap({ state: "enabled" });
    userId = await newUser("ada@contoso.example");
  });

  async function newUser(userPrincipalName: string, extra: Json = {}): Promise<string> {
    const answer = await graph("POST", "/v1.0/users", {
      accountEnabled: true,
      displayName: userPrincipalName,
      mailNickname: userPrincipalName.split("@")[0].replace(/\W/g, ""),
      userPrincipalName,
      passwordProfile: { password: "Sandbox-Only-1!" },
      ...extra,
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return String((answer.body as Json).id);
  }

  async function addMember(groupId: string, memberId: string): Promise<number> {
    const answer = await graph("POST", `/v1.0/groups/${groupId}/members/$ref`, {
      "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${memberId}`,
    });
    return answer.status;
  }

  const methods = (user: string) => `/v1.0/users/${user}/authentication/temporaryAccessPassMethods`;

  function assertAuthMethodsError(answer: { status: number; body: unknown }, message: string): void {
    assert.equal(answer.status, 400);
    const { error } = answer.body as ErrorBody;
    assert.equal(error.code, "badRequest");
    assert.equal(error.message, message);
    assert.equal(error.innerError.message, message);
    assert.match(error.innerError["request-id"], /^[0-9a-f-]{36}$/);
    assert.match(error.innerError.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  }

  it("answers a create with the pass once; every later read shows null", async () => {
    const created = await graph("POST", methods("ada@contoso.example"), {
      startDateTime: "2099-06-05T00:00:00.000Z",
      lifetimeInMinutes: 60,
      isUsableOnce: false,
    });
    assert.equal(created.status, 201);
    const body = created.body as Json;
    assert.deepEqual(Object.keys(body), ["@odata.context", "@odata.type", ...PASS_KEYS]);
    assert.equal(
      body["@odata.context"],
      `${sandbox.graphEndpoint}/v1.0/$metadata#users('ada@contoso.example')/authentication/temporaryAccessPassMethods/$entity`,
    );
    assert.equal(body["@odata.type"], "#microsoft.graph.temporaryAccessPassAuthenticationMethod");
    assert.match(String(body.temporaryAccessPass), /^\S{8}$/);
    assert.deepEqual(
      [
        body.startDateTime,
        body.lifetimeInMinutes,
        body.isUsableOnce,
        body.isUsable,
        body.methodUsabilityReason,
      ],
      ["2099-06-05T00:00:00Z", 60, false, false, "NotYetValid"],
    );
    const list = await graph("GET", methods(userId));
    assert.equal(list.status, 200);
    assert.deepEqual(list.body, {
      "@odata.context": `${sandbox.graphEndpoint}/v1.0/$metadata#users('${userId}')/authentication/temporaryAccessPassMethods`,
      value: [{ ...Object.fromEntries(PASS_KEYS.map((key) => [key, body[key]])), temporaryAccessPass: null }],
    });
    const one = await graph("GET", `${methods(userId)}/${String(body.id)}`);
    assert.equal(one.status, 200);
    assert.equal((one.body as Json).temporaryAccessPass, null);
  });

  it("takes the policy's default lifetime and length, starts at once, and replaces a pass on a second POST", async () => {
    sandbox.setTap({ defaultLifetimeInMinutes: 120, defaultLength: 12 });
    const first = (await graph("POST", methods(userId), {})).body as Json;
    const second = await graph("POST", methods(userId), {});
    assert.equal(second.status, 201);
    const body = second.body as Json;
    assert.match(String(body.temporaryAccessPass), /^\S{12}$/);
    assert.deepEqual(
      [body.lifetimeInMinutes, body.isUsableOnce, body.isUsable, body.methodUsabilityReason],
      [120, false, true, "EnabledByPolicy"],
    );
    assert.ok(Math.abs(Date.parse(String(body.startDateTime)) - Date.now()) < 5000);
    const list = (await graph("GET", methods(userId))).body as { value: Json[] };
    assert.deepEqual(
      list.value.map((pass) => pass.id),
      [body.id],
    );
    assert.notEqual(body.id, first.id);
  });

  it("refuses a lifetime outside the policy's minimum and maximum with Graph's range message", async () => {
    sandbox.setTap({ minimumLifetimeInMinutes: 90, maximumLifetimeInMinutes: 600 });
    for (const lifetimeInMinutes of [60, 601]) {
      const answer = await graph("POST", methods(userId), { lifetimeInMinutes });
      assertAuthMethodsError(
        answer,
        "Invalid LifetimeInMinutes specified. The valid range between 90 and 600.",
      );
    }
    assert.deepEqual(((await graph("GET", methods(userId))).body as { value: Json[] }).value, []);
  });

  it("refuses a user outside the policy's scope, and any user while the policy is disabled", async () => {
    const newHires = sandbox.addGroup({ displayName: "New hires" });
    const contractors = sandbox.addGroup({ displayName: "Contractors" });
    const nestedContractors = sandbox.addGroup({ displayName: "Agency contractors" });
    assert.equal(await addMember(newHires, userId), 204);
    sandbox.setTap({
      includeTargets: [{ targetType: "group", id: newHires, isRegistrationRequired: false }],
      excludeTargets: [],
    });
    assert.equal((await graph("POST", methods(userId), {})).status, 201);

    const bob = await newUser("bob@contoso.example");
    assertAuthMethodsError(await graph("POST", methods(bob), {}), SCOPE_REFUSAL);

    // Excluded through a nested group: exclusion wins over inclusion.
    assert.equal(await addMember(contractors, nestedContractors), 204);
    assert.equal(await addMember(nestedContractors, userId), 204);
    sandbox.setTap({ excludeTargets: [{ targetType: "group", id: contractors }] });
    assertAuthMethodsError(await graph("POST", methods(userId), {}), SCOPE_REFUSAL);

    sandbox.setTap({
      state: "disabled",
      excludeTargets: [],
      includeTargets: [{ targetType: "group", id: "all_users" }],
    });
    assertAuthMethodsError(await graph("POST", methods(bob), {}), SCOPE_REFUSAL);
  });

  it("refuses an external guest with Graph's text", async () => {
    const guest = await newUser("eve_fabrikam.example#EXT#@contoso.example", { userType: "Guest" });
    assertAuthMethodsError(
      await graph("POST", methods(guest), {}),
      "Temporary Access Pass cannot be added to an external guest user.",
    );
  });

  it("deletes a pass (204), answers 404 for an unknown user or method, and 403 without the permission", async () => {
    const created = (await graph("POST", methods(userId), {})).body as Json;
    assert.equal((await graph("DELETE", `${methods(userId)}/${String(created.id)}`)).status, 204);
    assert.deepEqual(((await graph("GET", methods(userId))).body as { value: Json[] }).value, []);
    const missingMethod = await graph("GET", `${methods(userId)}/${String(created.id)}`);
    assert.equal(missingMethod.status, 404);
    const missingUser = await graph("POST", methods("nobody@contoso.example"), {});
    assert.equal(missingUser.status, 404);
    assert.equal((missingUser.body as ErrorBody).error.code, "Request_ResourceNotFound");
    sandbox.revoke("UserAuthenticationMethod.ReadWrite.All");
    try {
      const denied = await graph("POST", methods(userId), {});
      assert.equal(denied.status, 403);
      assert.equal((denied.body as ErrorBody).error.code, "Authorization_RequestDenied");
      sandbox.grant("UserAuthMethod-TAP.Read.All");
      assert.equal((await graph("GET", methods(userId))).status, 200);
    } finally {
      sandbox.revoke("UserAuthMethod-TAP.Read.All");
      sandbox.grant("UserAuthenticationMethod.ReadWrite.All");
    }
  });

  it("refuses what it does not model instead of guessing: read-only properties, query options", async () => {
    const readOnly = await graph("POST", methods(userId), { temporaryAccessPass: "chosen!" });
    assert.equal(readOnly.status, 400);
    assert.match((readOnly.body as ErrorBody).error.message, /read-only property 'temporaryAccessPass'/);
    const query = await graph("GET", `${methods(userId)}?$select=id`);
    assert.equal(query.status, 400);
  });
});

describe("sandbox group membership (members/$ref, checkMemberGroups)", () => {
  let sandbox: Sandbox;
  let graph: GraphCaller;

  useSandboxPerSuite((started) => (sandbox = started));
  before(async () => {
    sandbox.grant("User.ReadWrite.All");
    graph = graphCaller(sandbox, await accessToken(sandbox));
  });

  it("adds a user to a group once, lists it as a member, and checks membership transitively", async () => {
    const created = await graph("POST", "/v1.0/users", {
      accountEnabled: true,
      displayName: "Ada",
      mailNickname: "ada",
      userPrincipalName: "ada@contoso.example",
      passwordProfile: { password: "Sandbox-Only-1!" },
    });
    const userId = String((created.body as Json).id);
    const outer = sandbox.addGroup({ displayName: "All staff" });
    const inner = sandbox.addGroup({ displayName: "New hires" });
    const other = sandbox.addGroup({ displayName: "Contractors" });
    const ref = (id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
    assert.equal((await graph("POST", `/v1.0/groups/${inner}/members/$ref`, ref(userId))).status, 204);
    assert.equal((await graph("POST", `/v1.0/groups/${outer}/members/$ref`, ref(inner))).status, 204);
    const again = await graph("POST", `/v1.0/groups/${inner}/members/$ref`, ref(userId));
    assert.equal(again.status, 400);
    assert.deepEqual(
      [(again.body as ErrorBody).error.code, (again.body as ErrorBody).error.message],
      [
        "Request_BadRequest",
        "One or more added object references already exist for the following modified properties: 'members'.",
      ],
    );
    const members = (await graph("GET", `/v1.0/groups/${inner}/members`)).body as { value: Json[] };
    assert.deepEqual(
      members.value.map((member) => [member["@odata.type"], member.id, member.userPrincipalName]),
      [["#microsoft.graph.user", userId, "ada@contoso.example"]],
    );
    const checked = await graph("POST", `/v1.0/users/${userId}/checkMemberGroups`, {
      groupIds: [outer, other, inner],
    });
    assert.equal(checked.status, 200);
    assert.deepEqual(checked.body, {
      "@odata.context": `${sandbox.graphEndpoint}/v1.0/$metadata#Collection(Edm.String)`,
      value: [outer, inner],
    });
    sandbox.revoke("User.ReadWrite.All");
    try {
      const denied = await graph("POST", `/v1.0/users/${userId}/checkMemberGroups`, { groupIds: [outer] });
      assert.equal(
        denied.status,
        403,
        "checkMemberGroups needs a user read permission besides the group one",
      );
    } finally {
      sandbox.grant("User.ReadWrite.All");
    }
  });
});
