/**
 * Object ids -> the references written to the stack config. By default a group is written as
 * `{ displayName }` and a user as `{ userPrincipalName }`, so a config exported from one tenant
 * applies to another with the same names; `--ids` writes the object ids. A reference by name must
 * find exactly one object, so an id stays an id (with a finding) when the object was not found,
 * its name is shared by another group, or the directory could not be read.
 */
import { ALL_USERS } from "../../policies/settings";
import {
  attention,
  type Finding,
  type GraphGroup,
  type GraphUser,
  type GroupRef,
  type UserRef,
} from "./types";

export type ReferenceMode = "names" | "ids";

/** One row of the report's reference table. */
export interface ReferenceRow {
  kind: "group" | "user";
  id: string;
  /** The display name or userPrincipalName, when known. */
  name?: string;
  written: GroupRef | UserRef;
  /** Where the reference is used, e.g. `registrationPolicy.excludeGroupIds`. */
  usedIn: string[];
}

export class References {
  readonly findings: Finding[] = [];
  private readonly rows = new Map<string, ReferenceRow>();
  private readonly groupsById?: Map<string, GraphGroup>;
  private readonly groupNameCount = new Map<string, number>();

  /**
   * @param groups every group of the tenant, or undefined when they could not be read
   * @param users the users read by id (null: not found), or undefined when not read
   */
  constructor(
    private readonly mode: ReferenceMode,
    groups: readonly GraphGroup[] | undefined,
    private readonly users: ReadonlyMap<string, GraphUser | null> | undefined,
  ) {
    if (groups !== undefined) {
      this.groupsById = new Map(groups.map((group) => [group.id.toLowerCase(), group]));
      for (const group of groups) {
        const key = (group.displayName ?? "").toLowerCase();
        this.groupNameCount.set(key, (this.groupNameCount.get(key) ?? 0) + 1);
      }
    }
  }

  /** The group's display name, when the group was listed. */
  groupName(id: string): string | undefined {
    return this.groupsById?.get(id.toLowerCase())?.displayName ?? undefined;
  }

  /** `"Name" (id)` or the id alone, for messages. */
  describeGroup(id: string): string {
    const name = this.groupName(id);
    return name === undefined ? id : `"${name}" (${id})`;
  }

  /** How many groups carry this display name (case-insensitive, as Graph's `eq` compares). */
  groupsNamed(name: string): number {
    return this.groupNameCount.get(name.toLowerCase()) ?? 0;
  }

  group(id: string, usedIn: string): GroupRef {
    if (id === ALL_USERS) return ALL_USERS;
    const name = this.groupName(id);
    let written: GroupRef = id;
    if (this.mode === "names" && this.groupsById !== undefined) {
      if (!this.groupsById.has(id.toLowerCase())) {
        this.findings.push(
          attention(
            `${usedIn}: the group ${id} was not found in the tenant (deleted?); written as its object id.`,
          ),
        );
      } else if (name === undefined || name === "") {
        this.findings.push(
          attention(`${usedIn}: the group ${id} has no display name; written as its object id.`),
        );
      } else if (name.includes("'")) {
        // The program looks a name up with azuread.getGroup, whose $filter does not escape quotes.
        this.findings.push(
          attention(
            `${usedIn}: the group "${name}" has a single quote in its name, which the program cannot look up by ` +
              `name; written as its object id (${id}).`,
          ),
        );
      } else if (this.groupsNamed(name) > 1) {
        this.findings.push(
          attention(
            `${usedIn}: ${this.groupsNamed(name)} groups are named "${name}"; a reference by name must find exactly ` +
              `one, so ${id} is written as its object id.`,
          ),
        );
      } else {
        written = { displayName: name };
      }
    }
    this.record("group", id, name, written, usedIn);
    return written;
  }

  user(id: string, usedIn: string): UserRef {
    const user = this.users?.get(id.toLowerCase());
    const name = user?.userPrincipalName ?? undefined;
    let written: UserRef = id;
    if (this.mode === "names" && this.users !== undefined) {
      if (user === null) {
        this.findings.push(
          attention(
            `${usedIn}: the user ${id} was not found in the tenant (deleted?); written as its object id.`,
          ),
        );
      } else if (name === undefined || name === "") {
        this.findings.push(attention(`${usedIn}: the user ${id} was not read; written as its object id.`));
      } else {
        written = { userPrincipalName: name };
      }
    }
    this.record("user", id, name, written, usedIn);
    return written;
  }

  /** Every reference written, groups first, in the order first used. */
  table(): ReferenceRow[] {
    const rows = [...this.rows.values()];
    return [...rows.filter((row) => row.kind === "group"), ...rows.filter((row) => row.kind === "user")];
  }

  private record(
    kind: ReferenceRow["kind"],
    id: string,
    name: string | undefined,
    written: GroupRef | UserRef,
    usedIn: string,
  ): void {
    const key = `${kind}:${id.toLowerCase()}`;
    const row = this.rows.get(key);
    if (row) {
      if (!row.usedIn.includes(usedIn)) row.usedIn.push(usedIn);
      return;
    }
    this.rows.set(key, { kind, id, name, written, usedIn: [usedIn] });
  }
}
