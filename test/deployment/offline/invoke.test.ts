/**
 * Invokes of `azuread.getGroup` and `azuread.getUser` through the offline engine, as a program
 * sees them: the requests azuread 6.9.1 sends (checked on the sandbox's log), the result shapes
 * of @pulumi/azuread's getGroup.d.ts / getUser.d.ts, and the errors the Node SDK throws
 * (`new Error(details)` of the engine's `invocation of <token> returned an error: ...`).
 */
import { strict as assert } from "node:assert";
import * as azuread from "@pulumi/azuread";
import { startSandbox, type RequestLogEntry, type Sandbox } from "../../sandbox";
import { GraphTenant, type GraphObject } from "../tenant";
import { USER_SELECT } from "../azuread/user/dataSource";
import { OfflineDriver } from "./offlineDriver";

const GET_GROUP = "azuread:index/getGroup:getGroup";
const GET_USER = "azuread:index/getUser:getUser";
const RULE = '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))';

interface Outcome {
  value?: Record<string, unknown>;
  error?: string;
}

/** `invocation of <token> returned an error: invoking <token>: <one diagnostic>` as the program sees it. */
function invokeFailure(token: string, diagnostic: string): string {
  return `invocation of ${token} returned an error: invoking ${token}: 1 error occurred:\n\t* ${diagnostic}\n\n`;
}

function line(entry: RequestLogEntry): string {
  const query = Object.entries(entry.query)
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return `${entry.method} ${entry.path}${query ? `?${query}` : ""} ${entry.status}`;
}

describe("offline engine: azuread getGroup and getUser invokes", () => {
  let sandbox: Sandbox;
  let tenant: GraphTenant;
  let driver: OfflineDriver;
  let call: () => Promise<unknown>;
  let outcome: Promise<Outcome>;

  before(async () => {
    sandbox = await startSandbox();
    // Seeding users needs User.ReadWrite.All; getUser needs User.Read.All or more (not in the default grant).
    sandbox.grant("User.ReadWrite.All");
    tenant = GraphTenant.fromEnvironment(sandbox.env());
    driver = new OfflineDriver({
      sandbox,
      program: () => {
        outcome = call().then(
          (value) => ({ value: value as Record<string, unknown> }),
          (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
        );
        return {};
      },
    });
  });
  after(async () => {
    await driver.dispose();
    await sandbox.stop();
  });
  beforeEach(() => {
    sandbox.resetTenant();
  });

  /** Runs the program that makes `invoke` (as `up`, or as `preview`) and returns what it saw. */
  async function invoke(make: () => Promise<unknown>, operation: "up" | "preview" = "up"): Promise<Outcome> {
    call = make;
    sandbox.clearLog();
    const result = await driver[operation]({});
    assert.equal(result.error, undefined);
    return outcome;
  }
  const requests = () => sandbox.graphRequests().map(line);

  async function seedGroup(displayName: string, extra: GraphObject = {}): Promise<string> {
    const group = await tenant.createGroup({
      displayName,
      mailEnabled: false,
      mailNickname: `g${Math.random().toString(16).slice(2, 10)}`,
      securityEnabled: true,
      ...extra,
    });
    return String(group.id);
  }

  it("getGroup by displayName lists the groups with that name, then members and owners, and returns the data source's shape", async () => {
    const id = await seedGroup("Autopilot devices", {
      description: "All Autopilot devices",
      groupTypes: ["DynamicMembership"],
      membershipRule: RULE,
      membershipRuleProcessingState: "On",
      "owners@odata.bind": [
        `https://graph.microsoft.com/v1.0/directoryObjects/${sandbox.servicePrincipalId}`,
      ],
    });
    for (const operation of ["preview", "up"] as const) {
      const { value, error } = await invoke(
        () => azuread.getGroup({ displayName: "Autopilot devices" }),
        operation,
      );
      assert.equal(error, undefined);
      assert.deepEqual(requests(), [
        "GET /beta/groups?$filter=displayName eq 'Autopilot devices' 200",
        `GET /beta/groups/${id}/members 200`,
        `GET /beta/groups/${id}/owners 200`,
      ]);
      assert.deepEqual(value, {
        assignableToRole: false,
        autoSubscribeNewMembers: false,
        behaviors: [],
        description: "All Autopilot devices",
        displayName: "Autopilot devices",
        dynamicMemberships: [{ enabled: true, rule: RULE }],
        externalSendersAllowed: false,
        hideFromAddressLists: false,
        hideFromOutlookClients: false,
        id: `/groups/${id}`,
        includeTransitiveMembers: false,
        mail: "",
        mailEnabled: false,
        mailNickname: value?.mailNickname,
        members: [],
        objectId: id,
        onpremisesDomainName: "",
        onpremisesGroupType: null,
        onpremisesNetbiosName: "",
        onpremisesSamAccountName: "",
        onpremisesSecurityIdentifier: "",
        onpremisesSyncEnabled: false,
        owners: [sandbox.servicePrincipalId],
        preferredLanguage: "",
        provisioningOptions: [],
        proxyAddresses: [],
        securityEnabled: true,
        theme: "",
        types: ["DynamicMembership"],
        visibility: "",
        writebackEnabled: null,
      });
    }
    // The flags become part of the filter.
    const filtered = await invoke(() =>
      azuread.getGroup({ displayName: "Autopilot devices", securityEnabled: true }),
    );
    assert.equal(filtered.value?.objectId, id);
    assert.equal(
      requests()[0],
      "GET /beta/groups?$filter=displayName eq 'Autopilot devices' and securityEnabled eq true 200",
    );
  });

  it("getGroup fails with the provider's texts when no group or several groups have the name", async () => {
    const none = await invoke(() => azuread.getGroup({ displayName: "Nobody" }));
    assert.equal(
      none.error,
      invokeFailure(
        GET_GROUP,
        "[display_name] No group found matching specified filter (displayName eq 'Nobody')",
      ),
    );
    assert.deepEqual(requests(), ["GET /beta/groups?$filter=displayName eq 'Nobody' 200"]);

    await seedGroup("Twins");
    await seedGroup("Twins");
    const several = await invoke(() => azuread.getGroup({ displayName: "Twins" }));
    assert.equal(
      several.error,
      invokeFailure(
        GET_GROUP,
        "[display_name] More than one group found matching specified filter (displayName eq 'Twins')",
      ),
    );
    assert.deepEqual(requests(), ["GET /beta/groups?$filter=displayName eq 'Twins' 200"]);
  });

  it("getGroup sends a name with a quote unescaped, which Graph refuses with 400 (not retried)", async () => {
    await seedGroup("Kiosk's devices");
    const { error } = await invoke(() => azuread.getGroup({ displayName: "Kiosk's devices" }));
    const filter = "displayName eq 'Kiosk's devices'";
    assert.equal(
      error,
      invokeFailure(
        GET_GROUP,
        `Retrieving groups for filter (${filter}): unexpected status 400 (400 Bad Request) with error: BadRequest: Invalid filter clause: Syntax error at position 23 in '${filter}'.`,
      ),
    );
    assert.deepEqual(requests(), [`GET /beta/groups?$filter=${filter} 400`]);
  });

  it("getGroup without a lookup argument fails the SDK's way before any request (check failures)", async () => {
    const { error } = await invoke(() => azuread.getGroup({ securityEnabled: true }));
    const failure = (attribute: string) =>
      `[${attribute}] Invalid combination of arguments: "${attribute}": one of \`display_name,mail_nickname,object_id\` must be specified ()`;
    assert.equal(
      error,
      `Invoke of '${GET_GROUP}' failed: ${["display_name", "mail_nickname", "object_id"].map(failure).join("; ")}`,
    );
    assert.deepEqual(requests(), []);
  });

  it("getUser by UPN lists with the UPN quote-escaped, reads the 42 properties and the manager", async () => {
    const boss = await tenant.createUser({ userPrincipalName: "boss@contoso.example", displayName: "Boss" });
    const user = await tenant.createUser({
      userPrincipalName: "pat.o'brien@contoso.example",
      displayName: "Pat O'Brien",
      mailNickname: "patobrien",
      extra: { givenName: "Pat", employeeId: "E-1001" },
    });
    await tenant.setManager(String(user.id), String(boss.id));
    const { value, error } = await invoke(() =>
      azuread.getUser({ userPrincipalName: "pat.o'brien@contoso.example" }),
    );
    assert.equal(error, undefined);
    assert.deepEqual(requests(), [
      "GET /v1.0/users?$filter=userPrincipalName eq 'pat.o''brien@contoso.example' 200",
      `GET /v1.0/users/${String(user.id)}?$select=${USER_SELECT.join(",")} 200`,
      `GET /v1.0/users/${String(user.id)}/manager 200`,
    ]);
    assert.equal(value?.id, `/users/${String(user.id)}`);
    assert.equal(value?.objectId, user.id);
    assert.equal(value?.managerId, boss.id);
    assert.equal(value?.accountEnabled, true);
    assert.equal(value?.userType, "Member");
    assert.equal(value?.displayName, "Pat O'Brien");
    assert.equal(value?.employeeId, "E-1001");
    assert.equal(value?.costCenter, null);
    assert.deepEqual(value?.businessPhones, []);
    assert.equal(value?.city, "");
    assert.equal(value?.showInAddressList, false);

    const bossRead = await invoke(() => azuread.getUser({ objectId: String(boss.id) }));
    assert.equal(bossRead.value?.managerId, "", "a 404 from /manager means no manager");
    assert.deepEqual(requests(), [
      `GET /v1.0/users/${String(boss.id)} 200`,
      `GET /v1.0/users/${String(boss.id)}?$select=${USER_SELECT.join(",")} 200`,
      `GET /v1.0/users/${String(boss.id)}/manager 404`,
    ]);
  });

  it("getUser fails with the provider's texts for an unknown UPN, an unknown object id and a missing user read permission", async () => {
    const none = await invoke(() => azuread.getUser({ userPrincipalName: "nobody@contoso.example" }));
    assert.equal(
      none.error,
      invokeFailure(GET_USER, '[user_principal_name] User with UPN "nobody@contoso.example" was not found'),
    );
    assert.deepEqual(requests(), [
      "GET /v1.0/users?$filter=userPrincipalName eq 'nobody@contoso.example' 200",
    ]);

    const unknownId = "00000000-0000-4000-8000-0000000000aa";
    const missing = await invoke(() => azuread.getUser({ objectId: unknownId }));
    assert.equal(
      missing.error,
      invokeFailure(GET_USER, `[object_id] User not found with object ID: "${unknownId}"`),
    );

    await tenant.createUser({
      userPrincipalName: "guest@contoso.example",
      displayName: "Guest",
      accountEnabled: false,
      userType: "Guest",
    });
    const guest = await invoke(() => azuread.getUser({ userPrincipalName: "guest@contoso.example" }));
    assert.equal(guest.value?.accountEnabled, false);
    assert.equal(guest.value?.userType, "Guest");

    sandbox.revoke("User.ReadWrite.All");
    try {
      const refused = await invoke(() => azuread.getUser({ userPrincipalName: "guest@contoso.example" }));
      assert.equal(
        refused.error,
        invokeFailure(
          GET_USER,
          'Finding user with UPN: "guest@contoso.example": unexpected status 403 (403 Forbidden) with error: Authorization_RequestDenied: Insufficient privileges to complete the operation.',
        ),
      );
    } finally {
      sandbox.grant("User.ReadWrite.All");
    }
  });
});
