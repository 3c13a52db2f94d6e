import { strict as assert } from "node:assert";
import { NativeInitError, UNKNOWN } from "../nativeProvider";
import { checkAndCreate, graphCalls, GROUP_URN, groupInputs, useEmulation } from "./testSupport";

const NAME = "Autopilot devices (dev)";
const RULE = '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))';
const DESCRIPTION =
  "All Windows Autopilot devices; receives the Web sign-in profile. Managed by passwordless-onboarding.";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DUPLICATE_DETAIL =
  'To be managed via Terraform, this resource needs to be imported into the State. Please see the resource documentation for "azuread_group" for more information.';

function objectIdOf(id: string): string {
  return id.replace(/^\/groups\//, "");
}

describe("azuread emulation: Group", () => {
  const e = useEmulation();

  it("check keeps the program's inputs, adds __defaults: [] and injects no falsy TF default (bridge v3.130.0)", async () => {
    const inputs = groupInputs();
    const checked = await e.group.check(GROUP_URN, {}, inputs);
    assert.deepEqual(checked.failures, []);
    assert.deepEqual(checked.inputs, {
      displayName: NAME,
      description: DESCRIPTION,
      securityEnabled: true,
      types: ["DynamicMembership"],
      dynamicMembership: { enabled: true, rule: RULE, __defaults: [] },
      preventDuplicateNames: true,
      __defaults: [],
    });
    const withoutFlag = { ...inputs };
    delete withoutFlag.preventDuplicateNames;
    assert.deepEqual((await e.group.check(GROUP_URN, {}, withoutFlag)).inputs.__defaults, []);
    assert.ok(!("preventDuplicateNames" in (await e.group.check(GROUP_URN, {}, withoutFlag)).inputs));
    // A default an older bridge recorded in state is replayed from the olds.
    const legacy = await e.group.check(
      GROUP_URN,
      { ...inputs, writebackEnabled: false, __defaults: ["writebackEnabled"] },
      inputs,
    );
    assert.equal(legacy.inputs.writebackEnabled, false);
    assert.deepEqual(legacy.inputs.__defaults, ["writebackEnabled"]);
    assert.deepEqual(e.sandbox.requests, [], "check sends nothing");
  });

  it("check reports TF validation errors as the bridge words them (TF keys, Pulumi paths, case-sensitive enums)", async () => {
    const inputs: Record<string, unknown> = {
      ...groupInputs(),
      displayName: "",
      types: ["dynamicMembership"],
    };
    delete inputs.securityEnabled;
    const { failures } = await e.group.check(GROUP_URN, {}, inputs);
    assert.deepEqual(
      failures.map((f) => f.reason),
      [
        `expected "display_name" to not be an empty string, got . Examine values at 'onboarding-autopilot-group.displayName'.`,
        "Missing required argument. \"mail_enabled\": one of `mail_enabled,security_enabled` must be specified. Examine values at 'onboarding-autopilot-group.mailEnabled'.",
        "Missing required argument. \"security_enabled\": one of `mail_enabled,security_enabled` must be specified. Examine values at 'onboarding-autopilot-group.securityEnabled'.",
        `expected types.0 to be one of ["DynamicMembership" "Unified"], got dynamicMembership. Examine values at 'onboarding-autopilot-group.types[0]'.`,
      ],
    );
    assert.ok(failures.every((f) => f.property === ""));
  });

  it("preview create sends nothing and plans computed outputs as unknown", async () => {
    const checked = await e.group.check(GROUP_URN, {}, groupInputs());
    const { id, outputs } = await e.group.create(GROUP_URN, checked.inputs, true);
    assert.equal(id, "");
    assert.deepEqual(e.sandbox.requests, [], "no login and no Graph request");
    for (const computed of [
      "id",
      "objectId",
      "mailNickname",
      "owners",
      "members",
      "mail",
      "visibility",
      "proxyAddresses",
    ])
      assert.equal(outputs[computed], UNKNOWN, computed);
    assert.equal(outputs.displayName, NAME);
    assert.equal(outputs.preventDuplicateNames, true);
    assert.equal(outputs.writebackEnabled, false);
    assert.equal(outputs.mailEnabled, null);
    assert.deepEqual(outputs.dynamicMembership, { enabled: true, rule: RULE });
  });

  it("a plan-time (CustomizeDiff) error stops a preview create with the bridge's diffing text", async () => {
    const inputs = groupInputs();
    delete inputs.dynamicMembership;
    const checked = await e.group.check(GROUP_URN, {}, inputs);
    assert.deepEqual(checked.failures, []);
    await assert.rejects(e.group.create(GROUP_URN, checked.inputs, true), {
      message: `diffing ${GROUP_URN}: 1 error occurred:\n\t* \`dynamic_membership\` must be specified when \`types\` contains "DynamicMembership"\n\n`,
    });
    assert.deepEqual(e.sandbox.requests, []);
  });

  it("create sends the provider's exact sequence and bodies and returns its output shapes", async () => {
    const started = Date.now();
    const { id, outputs } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
    assert.ok(Date.now() - started < 2000, "the 5 s polls are scaled down");
    assert.match(id, /^\/groups\/[0-9a-f-]{36}$/);
    const objectId = objectIdOf(id);
    assert.match(objectId, GUID);
    assert.deepEqual(graphCalls(e.sandbox), [
      `GET /beta/groups?$filter=displayName eq '${NAME}'`,
      "POST /beta/groups",
      `PATCH /beta/groups/${objectId}`,
      `PATCH /beta/groups/${objectId}`,
      ...Array<string>(5).fill(`GET /beta/groups/${objectId}`),
      `GET /beta/groups/${objectId}`,
      `GET /beta/groups/${objectId}/owners`,
      `GET /beta/groups/${objectId}/members`,
      `GET /beta/groups/${objectId}/memberOf`,
    ]);
    const requests = e.sandbox.graphRequests();
    const post = requests[1].body as Record<string, unknown>;
    assert.match(String(post.mailNickname), /^[0-9a-f]{8}-[0-9a-f]$/);
    // Keys in the order sent: alphabetical, as Go marshals the decoded map.
    assert.equal(
      JSON.stringify(post),
      JSON.stringify({
        "@odata.type": "#microsoft.graph.group",
        description: DESCRIPTION,
        displayName: NAME,
        groupTypes: ["DynamicMembership"],
        isAssignableToRole: false,
        mailEnabled: false,
        mailNickname: post.mailNickname,
        membershipRule: RULE,
        membershipRuleProcessingState: "On",
        "owners@odata.bind": [
          `${e.sandbox.graphEndpoint}/beta/directoryObjects/${e.sandbox.servicePrincipalId}`,
        ],
        resourceBehaviorOptions: [],
        resourceProvisioningOptions: [],
        securityEnabled: true,
      }),
    );
    const temporary = requests[2].body as Record<string, unknown>;
    assert.deepEqual(Object.keys(temporary), ["@odata.type", "displayName"]);
    assert.match(String(temporary.displayName), /^TERRAFORM_UPDATE_[0-9a-f-]{36}$/);
    assert.equal(
      JSON.stringify(requests[3].body),
      JSON.stringify({ "@odata.type": "#microsoft.graph.group", displayName: NAME }),
    );
    for (const request of requests) {
      assert.equal(request.headers.accept, "application/json; charset=utf-8; IEEE754Compatible=false");
      assert.equal(request.headers["content-type"], "application/json; charset=utf-8");
      assert.equal(request.headers["odata-version"], "4.0");
      assert.equal(request.headers["odata-maxversion"], "4.0");
      assert.match(
        request.headers["user-agent"],
        /terraform-provider-azuread\/v3\.8\.0 .*pid-222c6c49-1b0a-5959-a213-6608f9eb8820$/,
      );
    }
    assert.deepEqual(e.sandbox.groupOwners(objectId), [e.sandbox.servicePrincipalId]);

    assert.equal(outputs.id, id);
    assert.equal(outputs.objectId, objectId);
    assert.equal(outputs.mailNickname, post.mailNickname);
    assert.deepEqual(outputs.owners, [e.sandbox.servicePrincipalId]);
    assert.deepEqual(outputs.members, []);
    assert.deepEqual(outputs.dynamicMembership, { enabled: true, rule: RULE });
    assert.equal(outputs.preventDuplicateNames, true);
    assert.equal(outputs.writebackEnabled, false);
    assert.equal(outputs.description, DESCRIPTION);
    assert.equal(outputs.mail, "");
    assert.equal(outputs.visibility, "");
    assert.equal(outputs.theme, "");
    assert.equal(outputs.mailEnabled, false);
    assert.equal(outputs.assignableToRole, false);
    assert.equal(outputs.onpremisesSyncEnabled, false);
    assert.deepEqual(outputs.proxyAddresses, []);
    assert.deepEqual(outputs.types, ["DynamicMembership"]);
    // Omitted collections stay null after apply (SDK normalizeNullValues), [] after a refresh.
    assert.equal(outputs.behaviors, null);
    assert.equal(outputs.administrativeUnitIds, null);
    assert.equal(
      outputs.__meta,
      '{"e2bfb730-ecaa-11e6-8f88-34363bc7c4c0":{"create":1800000000000,"delete":300000000000,"read":300000000000,"update":1800000000000},"schema_version":"1"}',
    );
    assert.equal(
      e.sandbox.requests.filter((r) => r.kind === "login").length,
      1,
      "one client-credentials token for the whole create",
    );
  });

  it("fails create at apply (not in preview) when a group with the name exists and preventDuplicateNames is set", async () => {
    const existing = e.sandbox.addGroup({ displayName: NAME });
    const checked = await e.group.check(GROUP_URN, {}, groupInputs());
    await e.group.create(GROUP_URN, checked.inputs, true);
    assert.deepEqual(graphCalls(e.sandbox), [], "preview does not look for duplicates");
    const failure = await e.group.create(GROUP_URN, checked.inputs, false).then(
      () => assert.fail("create should fail"),
      (error: Error) => error,
    );
    assert.ok(!(failure instanceof NativeInitError), "nothing was created: no partial state");
    assert.equal(
      failure.message,
      `1 error occurred:\n\t* [id] An existing "azuread_group" with name "${NAME}" (ID: "${existing}") was found and \`prevent_duplicate_names\` was specified: ${DUPLICATE_DETAIL}\n\n`,
    );
    assert.deepEqual(graphCalls(e.sandbox), [`GET /beta/groups?$filter=displayName eq '${NAME}'`]);
    assert.equal(e.sandbox.groups().length, 1);
  });

  it("an unchanged group has no diff; an out-of-band edit shows after refresh and the update sends the managed set", async () => {
    const { inputs, id, outputs } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
    const objectId = objectIdOf(id);
    assert.deepEqual(await e.group.diff(GROUP_URN, id, outputs, inputs, inputs), {
      changes: false,
      diffs: [],
      replaces: [],
      deleteBeforeReplace: false,
    });

    e.sandbox.editGroup(objectId, (group) => {
      group.description = "edited in the portal";
    });
    e.sandbox.clearLog();
    const refreshed = await e.group.read(GROUP_URN, id, outputs, inputs);
    assert.deepEqual(graphCalls(e.sandbox), [
      `GET /beta/groups/${objectId}`,
      `GET /beta/groups/${objectId}/owners`,
      `GET /beta/groups/${objectId}/members`,
      `GET /beta/groups/${objectId}/memberOf`,
    ]);
    assert.equal(refreshed.id, id);
    assert.equal(refreshed.outputs.description, "edited in the portal");
    assert.deepEqual(refreshed.outputs.behaviors, [], "a refresh reads omitted collections as []");
    assert.equal(refreshed.inputs.description, "edited in the portal");
    assert.ok(!("__defaults" in refreshed.inputs), "empty __defaults dropped on refresh");
    // Refresh diff (engine: Diff(refreshed state, old inputs)) and the next preview see the edit.
    const drift = await e.group.diff(GROUP_URN, id, refreshed.outputs, inputs, inputs);
    assert.deepEqual(drift, {
      changes: true,
      diffs: ["description"],
      replaces: [],
      deleteBeforeReplace: false,
    });

    e.sandbox.clearLog();
    const previewed = await e.group.update(GROUP_URN, id, refreshed.outputs, inputs, inputs, true);
    assert.deepEqual(e.sandbox.graphRequests(), [], "preview update sends nothing");
    assert.equal(previewed.description, DESCRIPTION);

    const updated = await e.group.update(GROUP_URN, id, refreshed.outputs, inputs, inputs, false);
    assert.deepEqual(graphCalls(e.sandbox), [
      `GET /beta/groups?$filter=displayName eq '${NAME}'`,
      `PATCH /beta/groups/${objectId}`,
      `GET /beta/groups/${objectId}`,
      `GET /beta/groups/${objectId}/owners`,
      `GET /beta/groups/${objectId}/members`,
      `GET /beta/groups/${objectId}/memberOf`,
    ]);
    assert.equal(
      JSON.stringify(e.sandbox.graphRequests()[1].body),
      JSON.stringify({
        "@odata.type": "#microsoft.graph.group",
        description: DESCRIPTION,
        displayName: NAME,
        mailEnabled: false,
        membershipRule: RULE,
        membershipRuleProcessingState: "On",
        securityEnabled: true,
      }),
    );
    assert.equal(updated.description, DESCRIPTION);
    assert.equal((await e.group.diff(GROUP_URN, id, updated, inputs, inputs)).changes, false);
  });

  it("queries for duplicates on every update and fails it, keeping the planned state, when another group has the name", async () => {
    const { inputs, id, outputs } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
    const other = e.sandbox.addGroup({ displayName: NAME });
    const news = (await e.group.check(GROUP_URN, inputs, { ...groupInputs(), description: "new text" }))
      .inputs;
    const failure = await e.group.update(GROUP_URN, id, outputs, news, inputs, false).then(
      () => assert.fail("update should fail"),
      (error: Error) => error,
    );
    assert.ok(failure instanceof NativeInitError);
    assert.equal(
      failure.message,
      `updating ${GROUP_URN}: 1 error occurred:\n\t* [id] An existing "azuread_group" with name "${NAME}" (ID: "${other}") was found and \`prevent_duplicate_names\` was specified: ${DUPLICATE_DETAIL}\n\n`,
    );
    assert.equal(failure.id, id);
    assert.equal(
      failure.outputs.description,
      "new text",
      "SDKv2 keeps the planned values after a failed update",
    );
  });

  it("a new name makes the plan query Graph for duplicates (never reporting one); types and mailNickname force replacement", async () => {
    const { inputs, id, outputs } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
    e.sandbox.addGroup({ displayName: "Renamed" });
    e.sandbox.clearLog();
    const renamed = (await e.group.check(GROUP_URN, inputs, { ...groupInputs(), displayName: "Renamed" }))
      .inputs;
    assert.deepEqual(await e.group.diff(GROUP_URN, id, outputs, renamed, inputs), {
      changes: true,
      diffs: ["displayName"],
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(graphCalls(e.sandbox), ["GET /beta/groups?$filter=displayName eq 'Renamed'"]);

    const retyped = (await e.group.check(GROUP_URN, inputs, { ...groupInputs(), types: [] })).inputs;
    const typeDiff = await e.group.diff(
      GROUP_URN,
      id,
      outputs,
      { ...retyped, dynamicMembership: undefined },
      inputs,
    );
    assert.deepEqual(typeDiff.replaces, ["types"]);
    assert.deepEqual(typeDiff.diffs, ["dynamicMembership", "types"]);
    const nickname = await e.group.diff(
      GROUP_URN,
      id,
      outputs,
      { ...inputs, mailNickname: "autopilot" },
      inputs,
    );
    assert.deepEqual(nickname.replaces, ["mailNickname"]);
  });

  it("import reads the group into inputs (preventDuplicateNames false, so the program's true is an update) and refuses a bare guid", async () => {
    const { inputs, id, outputs } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
    const imported = await e.group.read(GROUP_URN, id, {}, {});
    assert.equal(imported.id, id);
    assert.deepEqual(imported.inputs, {
      description: DESCRIPTION,
      displayName: NAME,
      dynamicMembership: { enabled: true, rule: RULE, __defaults: [] },
      mailNickname: outputs.mailNickname,
      owners: [e.sandbox.servicePrincipalId],
      securityEnabled: true,
      types: ["DynamicMembership"],
      __defaults: [],
    });
    assert.equal(imported.outputs.preventDuplicateNames, false);
    assert.deepEqual((await e.group.diff(GROUP_URN, id, imported.outputs, inputs, inputs)).diffs, [
      "preventDuplicateNames",
    ]);
    const bare = objectIdOf(id);
    await assert.rejects(e.group.read(GROUP_URN, bare, {}, {}), (error: Error) =>
      error.message.startsWith(
        `importing ${bare}: 1 error occurred:\n\t* parsing "${bare}": parsing the Group ID: the number of segments didn't match\n`,
      ),
    );
  });

  it('read of a group deleted out of band returns id ""', async () => {
    const { inputs, id, outputs } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
    e.sandbox.removeGroup(objectIdOf(id));
    e.sandbox.clearLog();
    assert.deepEqual(await e.group.read(GROUP_URN, id, outputs, inputs), { id: "", outputs: {}, inputs: {} });
    assert.deepEqual(graphCalls(e.sandbox), [`GET /beta/groups/${objectIdOf(id)}`]);
  });

  it("delete GETs, DELETEs once and waits for five 404s; a group already gone is an error", async () => {
    const { inputs, id, outputs } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
    const objectId = objectIdOf(id);
    e.sandbox.clearLog();
    await e.group.delete(GROUP_URN, id, outputs, inputs);
    assert.deepEqual(graphCalls(e.sandbox), [
      `GET /beta/groups/${objectId}`,
      `DELETE /beta/groups/${objectId}`,
      ...Array<string>(5).fill(`GET /beta/groups/${objectId}`),
    ]);
    assert.deepEqual(e.sandbox.groups(), []);
    await assert.rejects(e.group.delete(GROUP_URN, id, outputs, inputs), {
      message: `deleting ${GROUP_URN}: 1 error occurred:\n\t* [id] Retrieving Group (Group: "${objectId}"): group was not found\n\n`,
    });
  });

  it("retries a 503 on POST and a 429 honouring Retry-After, with scaled waits", async () => {
    e.sandbox.fault({ method: "POST", path: "/beta/groups", status: 503 });
    e.sandbox.fault({ method: "GET", path: "/beta/groups", status: 429, retryAfter: "30" });
    const started = Date.now();
    const { id } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
    assert.ok(Date.now() - started < 2000, "Retry-After 30 s is waited as 30 ms");
    assert.deepEqual(e.sandbox.pendingFaults(), []);
    const calls = graphCalls(e.sandbox);
    assert.deepEqual(calls.slice(0, 4), [
      `GET /beta/groups?$filter=displayName eq '${NAME}'`,
      `GET /beta/groups?$filter=displayName eq '${NAME}'`,
      "POST /beta/groups",
      "POST /beta/groups",
    ]);
    assert.equal(e.sandbox.groups().length, 1);
    assert.equal(e.sandbox.groups()[0].id, objectIdOf(id));
  });

  it("a connection reset after the POST applied is a plain error (no id yet): the group is left behind", async () => {
    e.sandbox.fault({ method: "POST", path: "/beta/groups", reset: "after" });
    const checked = await e.group.check(GROUP_URN, {}, groupInputs());
    const failure = await e.group.create(GROUP_URN, checked.inputs, false).then(
      () => assert.fail("create should fail"),
      (error: Error) => error,
    );
    assert.ok(!(failure instanceof NativeInitError));
    assert.equal(
      failure.message,
      `1 error occurred:\n\t* Creating group "${NAME}": Post "${e.sandbox.graphEndpoint}/beta/groups": HTTP response was nil; connection may have been reset\n\n`,
    );
    assert.equal(e.sandbox.groups().length, 1, "POST is not retried, and the group it created exists");
    await assert.rejects(
      e.group.create(GROUP_URN, checked.inputs, false),
      /An existing "azuread_group" with name/,
    );
  });

  it("a failure after the POST returned an id keeps the group in state (NativeInitError with the planned values)", async () => {
    e.sandbox.fault({ method: "PATCH", path: /^\/beta\/groups\//, reset: "after" });
    const checked = await e.group.check(GROUP_URN, {}, groupInputs());
    const failure = await e.group.create(GROUP_URN, checked.inputs, false).then(
      () => assert.fail("create should fail"),
      (error: Error) => error,
    );
    assert.ok(failure instanceof NativeInitError);
    const objectId = e.sandbox.groups()[0].id as string;
    assert.equal(failure.id, `/groups/${objectId}`);
    assert.equal(
      failure.message,
      `creating ${GROUP_URN}: 1 error occurred:\n\t* Failed to patch Group (Group: "${objectId}") after creating: Patch "${e.sandbox.graphEndpoint}/beta/groups/${objectId}": HTTP response was nil; connection may have been reset\n\n`,
    );
    assert.equal(failure.outputs.id, failure.id);
    assert.equal(failure.outputs.displayName, NAME);
    assert.equal(failure.outputs.objectId, null, "computed values were never read");
    assert.equal(failure.outputs.preventDuplicateNames, true);
  });
});

describe("azuread emulation: Group against replication lag and least privilege", () => {
  describe("with a 60 ms replication lag", () => {
    const e = useEmulation({ groupReplicationLagMs: 60 });

    it("retries the post-create PATCH on 404 and waits for five consistent reads", async () => {
      const { outputs } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
      const patches = e.sandbox.graphRequests().filter((r) => r.method === "PATCH");
      assert.ok(patches.filter((r) => r.status === 404).length >= 1, "the first PATCH met the lag");
      assert.equal(patches.filter((r) => r.status === 204).length, 2);
      assert.equal(outputs.displayName, NAME);
    });
  });

  describe("with only Group.ReadWrite.All granted", () => {
    const e = useEmulation({ permissions: ["Group.ReadWrite.All"] });

    it("creates, refreshes, updates and deletes", async () => {
      const { inputs, id, outputs } = await checkAndCreate(e.group, GROUP_URN, groupInputs());
      const refreshed = await e.group.read(GROUP_URN, id, outputs, inputs);
      const news = (await e.group.check(GROUP_URN, inputs, { ...groupInputs(), description: "changed" }))
        .inputs;
      await e.group.update(GROUP_URN, id, refreshed.outputs, news, inputs, false);
      await e.group.delete(GROUP_URN, id, refreshed.outputs, news);
      const refused = e.sandbox.graphRequests().filter((r) => r.status === 401 || r.status === 403);
      assert.deepEqual(refused, [], "no request was refused");
      assert.deepEqual(e.sandbox.groups(), []);
    });
  });
});
