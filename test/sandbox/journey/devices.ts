/**
 * Entra device objects and the members of a group cast to devices:
 * `GET /groups/{id}/members/microsoft.graph.device` (v1.0 and beta), as the journey check reads the
 * Autopilot group. Tests seed devices "as if registered through Autopilot" with `seedDevice`;
 * `resetTenant()` removes them.
 *
 * Where the behaviour comes from:
 * - The cast works without `ConsistencyLevel`; adding `$filter`, `$count`, `$orderby` or `$search`
 *   needs `ConsistencyLevel: eventual` + `$count=true` (refused here with a 400 whose code and
 *   wording are [inferred]: the sandbox does not model advanced queries). Direct members only. Pages of 100 unless `$top` (up to 999), absolute
 *   `@odata.nextLink` (https://learn.microsoft.com/graph/api/group-list-members;
 *   https://learn.microsoft.com/graph/aad-advanced-queries).
 * - Permission: `GroupMember.Read.All` (least) or a higher group read. Without a device read
 *   permission (`Device.Read.All`, `Directory.Read.All`) Graph still answers 200 but with "limited
 *   information": the device's type and object id, every other property null
 *   (https://learn.microsoft.com/graph/permissions-reference, "limited information").
 * - Device properties: `trustType` `AzureAd` (Entra joined), `ServerAd` (on-premises or hybrid
 *   joined), `Workplace` (registered) (https://learn.microsoft.com/graph/api/resources/device);
 *   a device registered in Autopilot carries `[ZTDID]:<id>` in `physicalIds` and, before its first
 *   enrollment, its serial number as `displayName` (public Autopilot tooling captures).
 * - Items carry no `@odata.type` under the cast (the declared type, device, is concrete) and the
 *   context is `$metadata#devices` (`#devices(<select>)` with `$select`): OData minimal metadata,
 *   [inferred]; the limited-information items do carry it, as the permissions page describes.
 * - A device also shows up under `GET /groups/{id}/members` (groupLinks.ts), with its
 *   `@odata.type`.
 */
import { randomUUID } from "node:crypto";
import type { JsonObject } from "../bodies";
import { directoryNotFound, SandboxGraphError } from "../graphErrors";
import { GROUP_READ_PERMISSIONS } from "../groups";
import { applySelect, page, parseTop } from "../odata";
import type { GraphRequest, Route } from "../router";
import { GRAPH_VERSIONS } from "../router";
import type { Sandbox } from "../sandbox";
import { graphTimestamp, type SandboxState } from "../state";
import { grantedNow, stateOf, tenantStore } from "./tenantStore";

export type TrustType = "AzureAd" | "ServerAd" | "Workplace";

/** Permissions that let a caller see a device's properties (not just its id). */
const DEVICE_READ = [
  "Device.Read.All",
  "Device.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];
const DEVICE_TYPE = "#microsoft.graph.device";

export interface SeededDevice {
  displayName: string;
  /** Default `AzureAd`; null as a pre-created object may show before the first sign-in. */
  trustType?: TrustType | null;
  /** Groups the device is a direct member of (the Autopilot group, exclusion groups, ...). */
  groupIds: string[];
  operatingSystemVersion?: string;
  id?: string;
}

const listedAsMembers = new WeakSet<SandboxState>();

function devicesOf(state: SandboxState): Map<string, JsonObject> {
  if (!listedAsMembers.has(state)) {
    // Once per tenant: let the group-links routes (`/members`) list devices too.
    listedAsMembers.add(state);
    const directoryObject = state.directoryObject.bind(state);
    state.directoryObject = (id: string) => {
      const device = devicesOf(state).get(id.toLowerCase());
      return device === undefined
        ? directoryObject(id)
        : { "@odata.type": DEVICE_TYPE, ...structuredClone(device) };
    };
  }
  return tenantStore(state, "devices", () => new Map<string, JsonObject>());
}

/** Adds a device and makes it a direct member of `groupIds` (not logged). Returns its object id. */
export function seedDevice(sandbox: Sandbox, seed: SeededDevice): string {
  const state = stateOf(sandbox);
  const devices = devicesOf(state);
  const id = (seed.id ?? randomUUID()).toLowerCase();
  const ztdId = randomUUID();
  const now = graphTimestamp(state.now());
  devices.set(id, {
    id,
    deletedDateTime: null,
    accountEnabled: true,
    approximateLastSignInDateTime: now,
    createdDateTime: now,
    deviceId: randomUUID(),
    displayName: seed.displayName,
    enrollmentProfileName: null,
    isCompliant: null,
    isManaged: false,
    manufacturer: null,
    model: null,
    operatingSystem: "Windows",
    operatingSystemVersion: seed.operatingSystemVersion ?? "10.0.26100.4061",
    physicalIds: [`[ZTDID]:${ztdId}`, `[HWID]:h:${String(Date.now()).slice(-16)}`],
    profileType: "RegisteredDevice",
    registrationDateTime: now,
    systemLabels: [],
    trustType: seed.trustType === undefined ? "AzureAd" : seed.trustType,
  });
  for (const groupId of seed.groupIds) {
    const group = state.groups.get(groupId.toLowerCase());
    if (group === undefined) throw new Error(`seedDevice: no group with id '${groupId}'`);
    if (!group.members.includes(id)) group.members.push(id);
  }
  return id;
}

/** What a caller without a device read permission sees of a device. */
function limited(device: JsonObject, select: string | undefined): JsonObject {
  const names = select === undefined ? Object.keys(device) : select.split(",").map((name) => name.trim());
  const shown: JsonObject = { "@odata.type": DEVICE_TYPE, id: device.id };
  for (const name of names) if (name !== "id") shown[name] = null;
  return shown;
}

function membersCast(state: SandboxState, request: GraphRequest) {
  const stored = state.groups.get(request.params.id.toLowerCase());
  if (stored === undefined || state.visibleGroup(request.params.id) === undefined)
    throw directoryNotFound(request.params.id);
  const advanced = ["$filter", "$count", "$orderby", "$search"].filter((key) => key in request.query);
  if (advanced.length > 0)
    throw new SandboxGraphError(
      400,
      "Request_UnsupportedQuery",
      `${advanced.join(", ")} on an OData cast needs the ConsistencyLevel: eventual header and $count=true, which the Graph sandbox does not model.`,
    );
  const devices = devicesOf(state);
  const members = stored.members
    .map((id) => devices.get(id))
    .filter((device): device is JsonObject => device !== undefined);
  const top = parseTop(request.query.$top);
  const result = page(members, Math.min(top ?? 100, 999), request);
  const select = request.query.$select;
  const canReadDevices = DEVICE_READ.some((permission) => grantedNow(state).has(permission));
  return {
    status: 200,
    body: {
      "@odata.context": `${request.origin}/${request.version}/$metadata#devices${select === undefined ? "" : `(${select})`}`,
      ...(result.nextLink ? { "@odata.nextLink": result.nextLink } : {}),
      value: result.value.map((device) =>
        canReadDevices ? applySelect(structuredClone(device), select) : limited(device, select),
      ),
    },
  };
}

export function deviceRoutes(state: SandboxState): Route[] {
  return [
    {
      method: "GET",
      template: "/groups/{id}/members/microsoft.graph.device",
      versions: GRAPH_VERSIONS,
      permissions: GROUP_READ_PERMISSIONS,
      handle: (request) => membersCast(state, request),
    },
  ];
}
