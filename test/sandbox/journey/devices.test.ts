/** The sandbox's devices and `GET /groups/{id}/members/microsoft.graph.device`, as Graph answers it. */
import { strict as assert } from "node:assert";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandboxHooks";
import { accessToken, graphCaller } from "../testClient";
import { seedDevice } from "./devices";

interface Page {
  "@odata.context"?: string;
  "@odata.nextLink"?: string;
  value: Record<string, unknown>[];
  error?: { code: string; message: string };
}

describe("sandbox: group members cast to devices", () => {
  let sandbox: Sandbox;
  let group: string;
  let devices: string[];
  useSandboxPerSuite((started) => {
    sandbox = started;
  });
  beforeEach(() => {
    sandbox.resetTenant();
    sandbox.setPermissions("GroupMember.Read.All", "Device.Read.All");
    group = sandbox.addGroup({ displayName: "Autopilot devices" });
    devices = [
      seedDevice(sandbox, { displayName: "PC-0001", groupIds: [group] }),
      seedDevice(sandbox, { displayName: "PC-0002", groupIds: [group], trustType: "ServerAd" }),
      seedDevice(sandbox, { displayName: "PC-0003", groupIds: [group], trustType: null }),
    ];
  });
  const get = async (path: string) => {
    const answer = await graphCaller(sandbox, await accessToken(sandbox))("GET", path);
    return { status: answer.status, body: answer.body as Page };
  };
  const cast = (query: string) => `/v1.0/groups/${group}/members/microsoft.graph.device${query}`;

  it("lists the devices with the selected properties under a #devices context, without @odata.type", async () => {
    const { status, body } = await get(cast("?$select=id,displayName,trustType"));
    assert.equal(status, 200);
    assert.equal(
      body["@odata.context"],
      `${sandbox.graphEndpoint}/v1.0/$metadata#devices(id,displayName,trustType)`,
    );
    assert.deepEqual(body.value, [
      { id: devices[0], displayName: "PC-0001", trustType: "AzureAd" },
      { id: devices[1], displayName: "PC-0002", trustType: "ServerAd" },
      { id: devices[2], displayName: "PC-0003", trustType: null },
    ]);
    const full = (await get(cast(""))).body.value[0];
    assert.equal(full.operatingSystem, "Windows");
    assert.match(String((full.physicalIds as string[])[0]), /^\[ZTDID\]:[0-9a-f-]{36}$/);
  });

  it("pages with $top and an absolute nextLink", async () => {
    const first = await get(cast("?$select=id&$top=2"));
    assert.deepEqual(
      first.body.value.map((item) => item.id),
      devices.slice(0, 2),
    );
    const next = first.body["@odata.nextLink"] ?? "";
    assert.match(
      next,
      new RegExp(`^${sandbox.graphEndpoint}/v1.0/groups/${group}/members/microsoft.graph.device\\?`),
    );
    const second = await get(next.slice(sandbox.graphEndpoint.length));
    assert.deepEqual(
      second.body.value.map((item) => item.id),
      devices.slice(2),
    );
    assert.equal(second.body["@odata.nextLink"], undefined);
  });

  it("answers 'limited information' without a device read permission: the type and id, the rest null", async () => {
    sandbox.revoke("Device.Read.All");
    const { status, body } = await get(cast("?$select=id,displayName,trustType"));
    assert.equal(status, 200);
    assert.deepEqual(body.value[0], {
      "@odata.type": "#microsoft.graph.device",
      id: devices[0],
      displayName: null,
      trustType: null,
    });
  });

  it("refuses without a group read permission (403), an unknown group (404) and advanced queries (400)", async () => {
    assert.equal(
      (await get(`/v1.0/groups/${group}/members/microsoft.graph.device?$filter=trustType eq 'AzureAd'`)).body
        .error?.code,
      "Request_UnsupportedQuery",
    );
    assert.equal(
      (await get("/v1.0/groups/5f0c3a7e-2b1d-4c8e-9a6f-0d1e2f3a4b5c/members/microsoft.graph.device")).status,
      404,
    );
    sandbox.setPermissions("Device.Read.All");
    const denied = await get(cast(""));
    assert.deepEqual([denied.status, denied.body.error?.code], [403, "Authorization_RequestDenied"]);
  });

  it("lists devices among a group's members with their @odata.type, and forgets them on reset", async () => {
    const members = (await get(`/v1.0/groups/${group}/members?$select=id`)).body.value;
    assert.deepEqual(members[0], { "@odata.type": "#microsoft.graph.device", id: devices[0] });
    sandbox.resetTenant();
    group = sandbox.addGroup({ displayName: "Autopilot devices" });
    assert.deepEqual((await get(cast(""))).body.value, []);
  });
});
