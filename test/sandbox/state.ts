/** Everything the sandbox's tenant holds. Route files read and change it; Sandbox exposes copies. */
import type { JsonObject } from "./bodies";
import { defaultTemporaryAccessPass } from "./tapDefaults";

export interface StoredGroup {
  group: JsonObject;
  /** Epoch ms before which Graph GETs and Intune do not see the group (replication lag). */
  visibleAt: number;
}

export interface StoredConfigurationPolicy {
  /** The policy's own properties, as Graph returns them (without settings and assignments). */
  policy: JsonObject;
  settings: JsonObject[];
  assignments: JsonObject[];
}

export class SandboxState {
  tap: JsonObject = defaultTemporaryAccessPass();
  readonly conditionalAccessPolicies = new Map<string, JsonObject>();
  readonly groups = new Map<string, StoredGroup>();
  readonly configurationPolicies = new Map<string, StoredConfigurationPolicy>();

  constructor(readonly groupReplicationLagMs: number) {}

  now(): Date {
    return new Date();
  }

  /** A group Graph and Intune can see now (created, and past its replication lag). */
  visibleGroup(id: string): JsonObject | undefined {
    const stored = this.groups.get(id.toLowerCase());
    if (!stored || stored.visibleAt > Date.now()) return undefined;
    return stored.group;
  }
}

/** Graph's DateTimeOffset format: ISO 8601 with seven fractional digits and Z. */
export function graphTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}
