/**
 * The sandbox's tenant as tests see it: deep copies of the state, shaped as Graph returns it
 * (without @odata.context), and out-of-band edits "as if made in the portal" (never logged).
 */
import type { JsonObject } from "./bodies";
import { normalizeAssignments } from "./assignments";
import { createConditionalAccessPolicy } from "./conditionalAccess";
import { createConfigurationPolicy, findPolicy } from "./configurationPolicies";
import { createGroup } from "./groups";
import { SandboxGraphError } from "./graphErrors";
import { normalizeSettings } from "./settingInstances";
import { graphTimestamp, SandboxState } from "./state";

/** Turns a Graph-style refusal of seeded data into a plain error naming the method. */
function seeding<T>(method: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof SandboxGraphError)
      throw new Error(`sandbox.${method}: ${error.message}`, { cause: error });
    throw error;
  }
}

export class SandboxTenant {
  constructor(protected readonly state: SandboxState) {}

  // Temporary Access Pass -------------------------------------------------------------------

  /** The TAP configuration (with @odata.type, without @odata.context). */
  tap(): JsonObject {
    return structuredClone(this.state.tap);
  }

  /** Out-of-band edit of the TAP configuration; properties are replaced as given (no validation). */
  setTap(partial: JsonObject): void {
    const changes = structuredClone(partial);
    delete changes.id;
    this.state.tap = { ...this.state.tap, ...changes };
  }

  // Conditional Access ------------------------------------------------------------------------

  conditionalAccessPolicies(): JsonObject[] {
    return [...this.state.conditionalAccessPolicies.values()].map((policy) => structuredClone(policy));
  }

  /** Adds a policy as if created in the portal (same validation and echo as POST); returns its id. */
  seedConditionalAccessPolicy(policy: JsonObject): string {
    const created = seeding("seedConditionalAccessPolicy", () =>
      createConditionalAccessPolicy(policy, this.state.now()),
    );
    this.state.conditionalAccessPolicies.set(String(created.id), created);
    return String(created.id);
  }

  /** Out-of-band edit of a stored policy (the callback changes it in place). */
  editConditionalAccessPolicy(id: string, edit: (policy: JsonObject) => void): void {
    const policy = this.state.conditionalAccessPolicies.get(id);
    if (!policy) throw new Error(`sandbox.editConditionalAccessPolicy: no policy with id '${id}'`);
    const draft = structuredClone(policy);
    edit(draft);
    this.state.conditionalAccessPolicies.set(id, {
      ...draft,
      id,
      modifiedDateTime: graphTimestamp(this.state.now()),
    });
  }

  // Groups ------------------------------------------------------------------------------------

  /** Every group, including ones still hidden by replication lag. */
  groups(): JsonObject[] {
    return [...this.state.groups.values()].map(({ group }) => structuredClone(group));
  }

  /**
   * Adds a group as if created elsewhere; mailEnabled, securityEnabled and mailNickname default
   * to a security group's values. `hiddenForMs` imitates replication lag. Returns the id.
   */
  addGroup(group: JsonObject, options: { hiddenForMs?: number } = {}): string {
    const created = seeding("addGroup", () => createGroup(group, this.state.now(), true));
    const id = String(created.id);
    if (this.state.groups.has(id))
      throw new Error(`sandbox.addGroup: a group with id '${id}' already exists`);
    this.state.groups.set(id, {
      group: created,
      visibleAt: Date.now() + (options.hiddenForMs ?? 0),
      owners: [],
      members: [],
    });
    return id;
  }

  /** Object ids of a group's owners (e.g. the service principal the azuread provider binds). */
  groupOwners(id: string): string[] {
    const stored = this.state.groups.get(id.toLowerCase());
    if (!stored) throw new Error(`sandbox.groupOwners: no group with id '${id}'`);
    return [...stored.owners];
  }

  /**
   * Out-of-band edit of a group "as if made in the portal" (the callback changes a copy in place;
   * no validation, not logged). `id` cannot change.
   */
  editGroup(id: string, edit: (group: JsonObject) => void): void {
    const stored = this.state.groups.get(id.toLowerCase());
    if (!stored) throw new Error(`sandbox.editGroup: no group with id '${id}'`);
    const draft = structuredClone(stored.group);
    edit(draft);
    stored.group = { ...draft, id: stored.group.id };
  }

  /** Out-of-band delete of a group (as if deleted in the portal; not logged). */
  removeGroup(id: string): void {
    if (!this.state.groups.delete(id.toLowerCase()))
      throw new Error(`sandbox.removeGroup: no group with id '${id}'`);
  }

  /** Makes a group invisible to Graph GETs and to Intune for `ms` milliseconds from now. */
  hideGroup(id: string, ms: number): void {
    const stored = this.state.groups.get(id.toLowerCase());
    if (!stored) throw new Error(`sandbox.hideGroup: no group with id '${id}'`);
    stored.visibleAt = Date.now() + ms;
  }

  // Settings catalog --------------------------------------------------------------------------

  /** Every policy with its `settings` and `assignments`. */
  configurationPolicies(): JsonObject[] {
    return [...this.state.configurationPolicies.values()].map((stored) => ({
      ...structuredClone(stored.policy),
      settings: structuredClone(stored.settings),
      assignments: structuredClone(stored.assignments),
    }));
  }

  configurationPolicy(id: string): JsonObject | undefined {
    const stored = this.state.configurationPolicies.get(id.toLowerCase());
    if (!stored) return undefined;
    return {
      ...structuredClone(stored.policy),
      settings: structuredClone(stored.settings),
      assignments: structuredClone(stored.assignments),
    };
  }

  /** Adds a policy (a POST body with settings) as if created in the portal; returns its id. */
  seedConfigurationPolicy(policy: JsonObject): string {
    const stored = seeding("seedConfigurationPolicy", () =>
      createConfigurationPolicy(policy, this.state.now()),
    );
    const id = String(stored.policy.id);
    this.state.configurationPolicies.set(id, stored);
    return id;
  }

  /**
   * Out-of-band edit of a policy's metadata or settings: the callback gets the policy with its
   * `settings` and changes it in place. Settings are re-validated and re-numbered, settingCount
   * and lastModifiedDateTime updated.
   */
  editConfigurationPolicy(id: string, edit: (policy: JsonObject) => void): void {
    const stored = seeding("editConfigurationPolicy", () => findPolicy(this.state, id));
    const draft: JsonObject = {
      ...structuredClone(stored.policy),
      settings: structuredClone(stored.settings),
    };
    edit(draft);
    const { settings, ...metadata } = draft;
    delete metadata.assignments;
    stored.settings = seeding("editConfigurationPolicy", () => normalizeSettings(settings));
    stored.policy = {
      ...metadata,
      id: stored.policy.id,
      settingCount: stored.settings.length,
      lastModifiedDateTime: graphTimestamp(this.state.now()),
    };
  }

  /** Out-of-band replacement of a policy's assignments (Graph shape; ids filled in when missing). */
  setAssignments(policyId: string, assignments: unknown[]): void {
    const stored = seeding("setAssignments", () => findPolicy(this.state, policyId));
    stored.assignments = seeding("setAssignments", () =>
      normalizeAssignments(String(stored.policy.id), assignments),
    );
  }
}
