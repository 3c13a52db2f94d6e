import { strict as assert } from "node:assert";
import { startSandbox, Sandbox } from ".";
import { accessToken, graphCaller, GraphCaller } from "./testClient";

interface ErrorBody {
  error: { code: string; message: string };
}

const AUTOPILOT_RULE = '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))';

function autopilotGroup(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName: "Autopilot devices",
    description: "All Windows Autopilot registered devices",
    groupTypes: ["DynamicMembership"],
    mailEnabled: false,
    mailNickname: "1a2b3c4d-5",
    securityEnabled: true,
    membershipRule: AUTOPILOT_RULE,
    membershipRuleProcessingState: "On",
    ...overrides,
  };
}

describe("sandbox groups", () => {
  let sandbox: Sandbox;
  let graph: GraphCaller;

  async function start(groupReplicationLagMs = 0): Promise<void> {
    sandbox = await startSandbox({ groupReplicationLagMs });
    graph = graphCaller(sandbox, await accessToken(sandbox));
  }
  afterEach(async () => {
    await sandbox.stop();
  });

  it("POST answers 201 with the group, storing the dynamic rule exactly as given", async () => {
    await start();
    const result = await graph("POST", "/v1.0/groups", autopilotGroup());
    assert.equal(result.status, 201);
    const group = result.body as Record<string, unknown>;
    assert.match(String(group.id), /^[0-9a-f-]{36}$/);
    assert.equal(group.membershipRule, AUTOPILOT_RULE);
    assert.equal(group.membershipRuleProcessingState, "On");
    assert.deepEqual(group.groupTypes, ["DynamicMembership"]);
    assert.equal(group.mail, null);
    assert.deepEqual(group.proxyAddresses, []);
    assert.equal(group["@odata.context"], `${sandbox.graphEndpoint}/v1.0/$metadata#groups/$entity`);
    assert.equal(sandbox.groups()[0].membershipRule, AUTOPILOT_RULE);
  });

  it("reads a group with only GroupMember.Read.All, the least-privileged read permission", async () => {
    sandbox = await startSandbox({ permissions: ["GroupMember.Read.All"] });
    const id = sandbox.addGroup(autopilotGroup());
    graph = graphCaller(sandbox, await accessToken(sandbox));
    const read = await graph("GET", `/v1.0/groups/${id}`);
    assert.equal(read.status, 200);
    assert.equal((read.body as Record<string, unknown>).id, id);
    const create = await graph("POST", "/v1.0/groups", autopilotGroup({ displayName: "Other" }));
    assert.equal(create.status, 403);
    assert.equal((create.body as ErrorBody).error.code, "Authorization_RequestDenied");
  });

  it("refuses a group without mailNickname with 400 Request_BadRequest", async () => {
    await start();
    const body = autopilotGroup();
    delete body.mailNickname;
    const result = await graph("POST", "/v1.0/groups", body);
    assert.equal(result.status, 400);
    assert.equal((result.body as ErrorBody).error.code, "Request_BadRequest");
    assert.equal(
      (result.body as ErrorBody).error.message,
      "Invalid value specified for property 'mailNickname' of resource 'Group'.",
    );
    assert.deepEqual(sandbox.groups(), []);
  });

  it("refuses a processing state other than On/Paused and an unknown property", async () => {
    await start();
    const state = await graph(
      "POST",
      "/v1.0/groups",
      autopilotGroup({ membershipRuleProcessingState: "on" }),
    );
    assert.equal(state.status, 400);
    assert.match((state.body as ErrorBody).error.message, /membershipRuleProcessingState/);
    const unknown = await graph("POST", "/v1.0/groups", autopilotGroup({ dynamicRule: "x" }));
    assert.equal(unknown.status, 400);
    assert.equal(
      (unknown.body as ErrorBody).error.message,
      "Property 'dynamicRule' does not exist as a declared property or extension property.",
    );
  });

  it("GETs one group and answers 404 Request_ResourceNotFound for an unknown id", async () => {
    await start();
    const id = sandbox.addGroup(autopilotGroup());
    const found = await graph("GET", `/v1.0/groups/${id}`);
    assert.equal(found.status, 200);
    assert.equal((found.body as { displayName: string }).displayName, "Autopilot devices");
    const missing = await graph("GET", "/v1.0/groups/00000000-0000-4000-8000-000000000009");
    assert.equal(missing.status, 404);
    assert.equal((missing.body as ErrorBody).error.code, "Request_ResourceNotFound");
    assert.equal(
      (missing.body as ErrorBody).error.message,
      "Resource '00000000-0000-4000-8000-000000000009' does not exist or one of its queried reference-property objects are not present.",
    );
  });

  it("lists with $filter=displayName eq '...' (quotes doubled)", async () => {
    await start();
    sandbox.addGroup({ displayName: "Autopilot devices" });
    sandbox.addGroup({ displayName: "Kiosk's devices" });
    const result = await graph(
      "GET",
      `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Kiosk''s devices'")}`,
    );
    assert.equal(result.status, 200);
    assert.deepEqual(
      (result.body as { value: { displayName: string }[] }).value.map((g) => g.displayName),
      ["Kiosk's devices"],
    );
  });

  it("answers a $filter literal with an unescaped quote with Graph's 400 BadRequest 'Invalid filter clause'", async () => {
    await start();
    sandbox.addGroup({ displayName: "Kiosk's devices" });
    const list = (filter: string) => graph("GET", `/beta/groups?$filter=${encodeURIComponent(filter)}`);
    const early = "displayName eq 'Kiosk's devices'";
    const broken = await list(early);
    assert.equal(broken.status, 400);
    assert.equal((broken.body as ErrorBody).error.code, "BadRequest");
    // The literal ends at the second quote; the lexer stands after the token `s` that follows it.
    assert.equal(
      (broken.body as ErrorBody).error.message,
      `Invalid filter clause: Syntax error at position 23 in '${early}'.`,
    );
    const open = "displayName eq 'Kiosk''";
    assert.equal(
      ((await list(open)).body as ErrorBody).error.message,
      `Invalid filter clause: There is an unterminated string literal at position 23 in '${open}'.`,
    );
    const fine = await list("displayName eq 'Kiosk''s devices' and securityEnabled eq true");
    assert.equal(fine.status, 200);
    assert.equal((fine.body as { value: unknown[] }).value.length, 1);
  });

  it("PATCH answers 204 and DELETE 204, after which the group is 404", async () => {
    await start();
    const id = sandbox.addGroup(autopilotGroup());
    const patch = await graph("PATCH", `/v1.0/groups/${id}`, {
      membershipRule: '(device.devicePhysicalIds -any (_ -eq "[OrderID]:Kiosk"))',
    });
    assert.equal(patch.status, 204);
    assert.equal(
      sandbox.groups()[0].membershipRule,
      '(device.devicePhysicalIds -any (_ -eq "[OrderID]:Kiosk"))',
    );
    assert.equal((await graph("DELETE", `/v1.0/groups/${id}`)).status, 204);
    assert.equal((await graph("GET", `/v1.0/groups/${id}`)).status, 404);
  });

  it("hides a group created through the API for groupReplicationLagMs (GET 404, missing from lists), then shows it", async () => {
    await start(150);
    const created = (await graph("POST", "/v1.0/groups", autopilotGroup())).body as { id: string };
    assert.equal((await graph("GET", `/v1.0/groups/${created.id}`)).status, 404);
    const listed = await graph(
      "GET",
      `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Autopilot devices'")}`,
    );
    assert.deepEqual((listed.body as { value: unknown[] }).value, []);
    assert.equal(sandbox.groups().length, 1, "the state view includes hidden groups");
    await new Promise((resolve) => setTimeout(resolve, 170));
    assert.equal((await graph("GET", `/v1.0/groups/${created.id}`)).status, 200);
  });

  it("hideGroup makes an existing group invisible for the given time", async () => {
    await start();
    const id = sandbox.addGroup({ displayName: "Autopilot devices" });
    sandbox.hideGroup(id, 100);
    assert.equal((await graph("GET", `/v1.0/groups/${id}`)).status, 404);
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.equal((await graph("GET", `/v1.0/groups/${id}`)).status, 200);
  });

  it("pages a long list with an absolute @odata.nextLink when $top is given", async () => {
    await start();
    for (let i = 0; i < 5; i++) sandbox.addGroup({ displayName: `Group ${i}` });
    const first = await graph("GET", "/v1.0/groups?$top=2");
    const body = first.body as { value: unknown[]; "@odata.nextLink": string };
    assert.equal(body.value.length, 2);
    assert.ok(body["@odata.nextLink"].startsWith(`${sandbox.graphEndpoint}/v1.0/groups?$top=2&$skiptoken=`));
    const seen: unknown[] = [...body.value];
    let next: string | undefined = body["@odata.nextLink"];
    for (let guard = 0; next && guard < 5; guard++) {
      const page = (await graph("GET", next)).body as { value: unknown[]; "@odata.nextLink"?: string };
      seen.push(...page.value);
      next = page["@odata.nextLink"];
    }
    assert.equal(seen.length, 5);
  });

  it("binds owners@odata.bind on POST and lists them under /owners as directory objects with @odata.type", async () => {
    await start();
    const owner = `${sandbox.graphEndpoint}/beta/directoryObjects/${sandbox.servicePrincipalId}`;
    const created = await graph("POST", "/beta/groups", autopilotGroup({ "owners@odata.bind": [owner] }));
    assert.equal(created.status, 201);
    const id = (created.body as { id: string }).id;
    assert.ok(!("owners@odata.bind" in (created.body as object)), "the annotation is not echoed");
    assert.deepEqual(sandbox.groupOwners(id), [sandbox.servicePrincipalId]);
    const owners = await graph("GET", `/beta/groups/${id}/owners`);
    assert.equal(owners.status, 200);
    const body = owners.body as { "@odata.context": string; value: Record<string, unknown>[] };
    assert.equal(body["@odata.context"], `${sandbox.graphEndpoint}/beta/$metadata#directoryObjects`);
    assert.equal(body.value.length, 1);
    assert.equal(body.value[0]["@odata.type"], "#microsoft.graph.servicePrincipal");
    assert.equal(body.value[0].id, sandbox.servicePrincipalId);
    assert.equal(body.value[0].appId, sandbox.clientId);
    assert.equal(body.value[0].servicePrincipalType, "Application");
  });

  it("answers an owner it cannot find with 404 and a malformed bind URL or a repeated owner with 400", async () => {
    await start();
    const missing = await graph(
      "POST",
      "/beta/groups",
      autopilotGroup({
        "owners@odata.bind": [
          `${sandbox.graphEndpoint}/beta/directoryObjects/00000000-0000-4000-8000-0000000000aa`,
        ],
      }),
    );
    assert.equal(missing.status, 404);
    assert.equal((missing.body as ErrorBody).error.code, "Request_ResourceNotFound");
    assert.equal(
      (missing.body as ErrorBody).error.message,
      "Resource '00000000-0000-4000-8000-0000000000aa' does not exist or one of its queried reference-property objects are not present.",
    );
    const malformed = await graph(
      "POST",
      "/beta/groups",
      autopilotGroup({ "owners@odata.bind": ["not-a-url"] }),
    );
    assert.equal(malformed.status, 400);
    assert.equal(
      (malformed.body as ErrorBody).error.message,
      "Invalid URL format specified in @odata.bind for owners",
    );
    const owner = `${sandbox.graphEndpoint}/beta/directoryObjects/${sandbox.servicePrincipalId}`;
    const repeated = await graph(
      "POST",
      "/beta/groups",
      autopilotGroup({ "owners@odata.bind": [owner, owner] }),
    );
    assert.equal(repeated.status, 400);
    assert.equal(
      (repeated.body as ErrorBody).error.message,
      "Request contains a property with duplicate values.",
    );
    assert.deepEqual(sandbox.groups(), []);
  });

  it("refuses @odata.bind annotations it does not model (members on POST, any bind on PATCH)", async () => {
    await start();
    const members = await graph("POST", "/beta/groups", autopilotGroup({ "members@odata.bind": [] }));
    assert.equal(members.status, 400);
    assert.match((members.body as ErrorBody).error.message, /members@odata\.bind/);
    const id = sandbox.addGroup(autopilotGroup());
    const patch = await graph("PATCH", `/beta/groups/${id}`, { "owners@odata.bind": [] });
    assert.equal(patch.status, 400);
    assert.match((patch.body as ErrorBody).error.message, /owners@odata\.bind/);
  });

  it("stores resourceBehaviorOptions and resourceProvisioningOptions sent on create, as the azuread provider sends them", async () => {
    await start();
    const created = await graph(
      "POST",
      "/beta/groups",
      autopilotGroup({
        resourceBehaviorOptions: [],
        resourceProvisioningOptions: [],
        isAssignableToRole: false,
      }),
    );
    assert.equal(created.status, 201);
    const group = created.body as Record<string, unknown>;
    assert.deepEqual(group.resourceBehaviorOptions, []);
    assert.deepEqual(group.resourceProvisioningOptions, []);
    assert.equal(group.isAssignableToRole, false);
  });

  it("lists /members and /memberOf (empty for a dynamic device group: the sandbox has no devices) and 404s them for an unknown group", async () => {
    await start();
    const id = sandbox.addGroup(autopilotGroup());
    for (const link of ["members", "memberOf", "owners"]) {
      const result = await graph("GET", `/beta/groups/${id}/${link}`);
      assert.equal(result.status, 200, link);
      assert.deepEqual((result.body as { value: unknown[] }).value, [], link);
      const missing = await graph("GET", `/v1.0/groups/00000000-0000-4000-8000-000000000009/${link}`);
      assert.equal(missing.status, 404, link);
      assert.equal((missing.body as ErrorBody).error.code, "Request_ResourceNotFound");
    }
  });

  it("shows out-of-band edits made with editGroup and deletes made with removeGroup, neither logged", async () => {
    await start();
    const id = sandbox.addGroup(autopilotGroup());
    sandbox.editGroup(id, (group) => {
      group.description = "changed in the portal";
    });
    const read = await graph("GET", `/beta/groups/${id}`);
    assert.equal((read.body as { description: string }).description, "changed in the portal");
    sandbox.removeGroup(id);
    assert.equal((await graph("GET", `/beta/groups/${id}`)).status, 404);
    assert.deepEqual(
      sandbox.graphRequests().map((r) => r.method),
      ["GET", "GET"],
    );
  });
});
