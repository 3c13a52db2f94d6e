/**
 * Devices in groups, read as the group's members cast to devices (direct members; a dynamic device
 * group holds no nested groups). Plain casts need no ConsistencyLevel header; pages of up to 999.
 * https://learn.microsoft.com/graph/api/group-list-members
 *
 * | What                                  | Read                                                                                  |
 * | ------------------------------------- | ------------------------------------------------------------------------------------- |
 * | the Autopilot group's devices         | GET /v1.0/groups/{id}/members/microsoft.graph.device?$select=id,displayName,trustType,operatingSystemVersion&$top=999 |
 * | which of them another assigned group holds | GET /v1.0/groups/{id}/members/microsoft.graph.device?$select=id&$top=999 (one per group) |
 *
 * Permission GroupMember.Read.All; the device properties also need Device.Read.All (or
 * Directory.Read.All): without it Graph answers 200 with every property but the id null
 * (https://learn.microsoft.com/graph/permissions-reference, "limited information"), which the
 * after-device-setup step reports as not checked. Nested groups inside another assigned group are
 * not followed: their devices count as not in it.
 */
import { isNotFound } from "../../../infra/graph/errors";
import type { GraphClient } from "../../../infra/graph/types";
import { attempt, type ReadOutcome } from "./outcome";

export const DEVICE_READ_PERMISSION = "Device.Read.All";

export interface DeviceFact {
  /** Lower-cased directory object id. */
  id: string;
  displayName: string | null;
  /** `AzureAd`, `ServerAd`, `Workplace`; null without a device read permission. */
  trustType: string | null;
  operatingSystemVersion: string | null;
}

interface DeviceDocument {
  id?: string;
  displayName?: string | null;
  trustType?: string | null;
  operatingSystemVersion?: string | null;
}

function membersPath(groupId: string): string {
  return `/groups/${encodeURIComponent(groupId)}/members/microsoft.graph.device`;
}

export function readGroupDevices(client: GraphClient, groupId: string): Promise<ReadOutcome<DeviceFact[]>> {
  return attempt("the Autopilot group's devices", async () => {
    const documents = await client.list<DeviceDocument>(membersPath(groupId), {
      query: { $select: "id,displayName,trustType,operatingSystemVersion", $top: "999" },
    });
    return documents.map((document) => ({
      id: String(document.id).toLowerCase(),
      displayName: document.displayName ?? null,
      trustType: document.trustType ?? null,
      operatingSystemVersion: document.operatingSystemVersion ?? null,
    }));
  });
}

/** Group id -> its device ids; undefined for a group that could not be read. A deleted group holds none. */
export type DeviceMembership = Map<string, Set<string> | undefined>;

export async function readMembership(
  client: GraphClient,
  groupIds: readonly string[],
): Promise<DeviceMembership> {
  const membership: DeviceMembership = new Map();
  await Promise.all(
    [...new Set(groupIds)].map(async (groupId) => {
      const outcome = await attempt(`group ${groupId}`, async () => {
        try {
          const documents = await client.list<DeviceDocument>(membersPath(groupId), {
            query: { $select: "id", $top: "999" },
          });
          return new Set(documents.map((document) => String(document.id).toLowerCase()));
        } catch (error) {
          if (isNotFound(error)) return new Set<string>();
          throw error;
        }
      });
      membership.set(groupId, outcome.ok ? outcome.value : undefined);
    }),
  );
  return membership;
}
