/** Everything the sandbox's tenant holds. Route files read and change it; Sandbox exposes copies. */
import type { JsonObject } from "./bodies";
import { defaultTemporaryAccessPass } from "./tapDefaults";

export interface StoredGroup {
  group: JsonObject;
  /** Epoch ms before which Graph GETs and Intune do not see the group (replication lag). */
  visibleAt: number;
  /** Object ids of the group's owners (directory objects), in the order they were added. */
  owners: string[];
  /** Object ids of the group's direct members. */
  members: string[];
}

export interface StoredConfigurationPolicy {
  /** The policy's own properties, as Graph returns them (without settings and assignments). */
  policy: JsonObject;
  settings: JsonObject[];
  assignments: JsonObject[];
  /** Epoch ms from which collection GETs list the policy (list lag after a create); absent: at once. */
  listedFrom?: number;
}

export class SandboxState {
  tap: JsonObject = defaultTemporaryAccessPass();
  readonly conditionalAccessPolicies = new Map<string, JsonObject>();
  readonly groups = new Map<string, StoredGroup>();
  readonly configurationPolicies = new Map<string, StoredConfigurationPolicy>();
  /** How long a newly created settings-catalog profile stays out of collection GETs. */
  profileListLagMs = 0;

  /**
   * @param servicePrincipal The client application's service principal (a directory object, as
   *   Graph returns it), so it can be bound as a group owner and listed under `/owners`.
   */
  constructor(
    readonly groupReplicationLagMs: number,
    readonly servicePrincipal: JsonObject = {},
  ) {}

  now(): Date {
    return new Date();
  }

  /** Back to a tenant nobody has configured: Microsoft's TAP defaults, no policies, groups or profiles. */
  reset(): void {
    this.tap = defaultTemporaryAccessPass();
    this.conditionalAccessPolicies.clear();
    this.groups.clear();
    this.configurationPolicies.clear();
    this.profileListLagMs = 0;
  }

  /** A group Graph and Intune can see now (created, and past its replication lag). */
  visibleGroup(id: string): JsonObject | undefined {
    const stored = this.groups.get(id.toLowerCase());
    if (!stored || stored.visibleAt > Date.now()) return undefined;
    return stored.group;
  }

  /**
   * A directory object by id, as Graph lists it under a group's `/owners` or `/members` (with
   * its `@odata.type`): the client's service principal or a visible group; undefined otherwise.
   */
  directoryObject(id: string): JsonObject | undefined {
    const key = id.toLowerCase();
    if (typeof this.servicePrincipal.id === "string" && this.servicePrincipal.id.toLowerCase() === key)
      return {
        "@odata.type": "#microsoft.graph.servicePrincipal",
        ...structuredClone(this.servicePrincipal),
      };
    const group = this.visibleGroup(key);
    if (group) return { "@odata.type": "#microsoft.graph.group", ...structuredClone(group) };
    return undefined;
  }
}

/** Graph's DateTimeOffset format: ISO 8601 with seven fractional digits and Z. */
export function graphTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}
