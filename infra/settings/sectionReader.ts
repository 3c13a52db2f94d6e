/**
 * The primitives every section of the stack config is read with: typed values, enums, ranges,
 * GUIDs, id lists and groups or users given by object id or by name (./references.ts), each
 * reporting its problem with the full key instead of throwing.
 */
import {
  ALL_USERS,
  type GroupRef,
  type GroupReference,
  type UserRef,
  type UserReference,
} from "../../policies/settings";
import { GUID_EXAMPLE, GUID_PATTERN } from "../providers/graphIds";
import { describe, isRecord } from "./foundValue";
import { CONFIG_NAMESPACE, type SettingsKey } from "./keys";
import {
  formatReference,
  readReference,
  referenceTemplate,
  writeAsReferenceHint,
  type ReferenceKind,
  type ReferenceProblems,
} from "./references";
import { unknownKeyMessage } from "./suggestions";

/** One entry of an id list: an id (or `all_users`), or a reference by name where the list takes them. */
type Entry = string | GroupReference | UserReference;

export interface IdListRules {
  /** What one entry is, for messages ("group object id"). */
  noun: string;
  /** Accept the special `all_users` target. */
  allowAllUsers?: boolean;
  /** Refuse an empty list (and an empty value). */
  nonEmpty?: boolean;
  /**
   * What to do instead of an empty value, for the message. Default: remove the key for the
   * default, or (lists that may be empty) write `[]` for none.
   */
  emptyAdvice?: string;
}

/**
 * Reads the properties of one structured key. Each reader records a problem and returns the
 * fallback when the value is wrong, so that every problem is found in one pass. A missing or
 * null property takes the fallback silently, except an id list that must not be empty or whose
 * fallback is not empty: there an empty value (YAML `key:` with nothing after it, which reaches
 * the program as null) is reported, because it reads as "none" but would silently mean the default.
 */
export class SectionReader {
  private readonly read = new Set<string>();
  private readonly refused = new Set<string>();

  constructor(
    readonly key: SettingsKey,
    private readonly section: Record<string, unknown>,
    private readonly problems: string[],
  ) {}

  fullKey(property: string): string {
    return `${CONFIG_NAMESPACE}:${this.key}.${property}`;
  }

  problem(property: string, message: string): void {
    this.problems.push(`${this.fullKey(property)} ${message}`);
  }

  private value(property: string): unknown {
    this.read.add(property);
    const value = this.section[property];
    return value === null || this.refused.has(property) ? undefined : value;
  }

  has(property: string): boolean {
    return this.value(property) !== undefined;
  }

  boolean(property: string, fallback: boolean): boolean {
    const value = this.value(property);
    if (value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    this.problem(property, `must be true or false; got ${describe(value)}`);
    return fallback;
  }

  string(property: string, fallback: string, options: { nonEmpty: boolean; maxLength?: number }): string {
    const value = this.value(property);
    if (value === undefined) return fallback;
    if (typeof value !== "string") {
      this.problem(property, `must be a string; got ${describe(value)}`);
      return fallback;
    }
    if (options.nonEmpty && value.trim() === "") {
      this.problem(property, `must be a non-empty string; got ${describe(value)}`);
      return fallback;
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      this.problem(property, `must be at most ${options.maxLength} characters; got ${value.length}`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(property: string, fallback: T, allowed: readonly T[]): T {
    const value = this.value(property);
    if (value === undefined) return fallback;
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    this.problem(
      property,
      `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}; got ${describe(value)}`,
    );
    return fallback;
  }

  integer(property: string, fallback: number, range: { min: number; max: number }): number {
    const value = this.value(property);
    if (value === undefined) return fallback;
    if (typeof value === "number" && Number.isInteger(value) && value >= range.min && value <= range.max) {
      return value;
    }
    this.problem(
      property,
      `must be an integer between ${range.min} and ${range.max}; got ${describe(value)}`,
    );
    return fallback;
  }

  /** An optional object id; undefined when absent or wrong. */
  guid(property: string, noun: string): string | undefined {
    const value = this.value(property);
    if (value === undefined) return undefined;
    if (typeof value === "string" && GUID_PATTERN.test(value)) return value;
    this.problem(property, `must be ${noun} (a GUID such as ${GUID_EXAMPLE}); got ${describe(value)}`);
    return undefined;
  }

  /** An optional string checked by `check`, which describes the problem or returns undefined. */
  checkedString(property: string, check: (value: string) => string | undefined): string | undefined {
    const value = this.value(property);
    if (value === undefined) return undefined;
    if (typeof value !== "string") {
      this.problem(property, `must be a string; got ${describe(value)}`);
      return undefined;
    }
    const problem = check(value);
    if (problem !== undefined) {
      this.problem(property, problem);
      return undefined;
    }
    return value;
  }

  idList(property: string, fallback: readonly string[], rules: IdListRules): string[] {
    return this.entryList(property, fallback, rules) as string[];
  }

  /** A list of group object ids (and `all_users` when allowed) or `{ displayName }` references. */
  groupRefList(property: string, fallback: readonly GroupRef[], rules: IdListRules): GroupRef[] {
    return this.entryList(property, fallback, rules, "group") as GroupRef[];
  }

  /** A list of user object ids or `{ userPrincipalName }` references. */
  userRefList(property: string, fallback: readonly UserRef[], rules: IdListRules): UserRef[] {
    return this.entryList(property, fallback, rules, "user") as UserRef[];
  }

  /** An optional group object id or `{ displayName }` reference; undefined when absent or wrong. */
  groupRef(property: string, noun: string): GroupRef | undefined {
    const value = this.value(property);
    if (value === undefined) return undefined;
    const expected = `${noun} (a GUID such as ${GUID_EXAMPLE}) or ${referenceTemplate("group")}`;
    if (typeof value === "string" && GUID_PATTERN.test(value)) return value;
    if (isRecord(value)) {
      return readReference("group", value, property, expected, this.referenceProblems()) as
        GroupReference | undefined;
    }
    const hint = typeof value === "string" ? writeAsReferenceHint("group", value) : "";
    this.problem(property, `must be ${expected}; got ${describe(value)}${hint}`);
    return undefined;
  }

  private referenceProblems(): ReferenceProblems {
    return {
      problem: (path, message) => this.problem(path, message),
      unknownKey: (path, name, known) =>
        this.problems.push(unknownKeyMessage(this.fullKey(path), name, known)),
    };
  }

  private entryList(
    property: string,
    fallback: readonly Entry[],
    rules: IdListRules,
    references?: ReferenceKind,
  ): Entry[] {
    const explicitlyEmpty = this.section[property] === null;
    const value = this.value(property);
    const requirement = rules.nonEmpty
      ? `must list at least one ${rules.noun}${rules.allowAllUsers ? `, or "${ALL_USERS}"` : ""}`
      : "must be a list";
    const advice =
      rules.emptyAdvice ??
      `Remove ${property} to use the default ${JSON.stringify(fallback)}` +
        (rules.nonEmpty ? "" : `, or write ${property}: [] for none`);
    if (explicitlyEmpty && (rules.nonEmpty || fallback.length > 0)) {
      this.problem(property, `${requirement}; got an empty value (null). ${advice}`);
      return [...fallback];
    }
    if (value === undefined) return [...fallback];
    const id = `a ${rules.noun} (a GUID such as ${GUID_EXAMPLE})`;
    const forms = [id, ...(rules.allowAllUsers ? [`"${ALL_USERS}"`] : [])];
    if (references !== undefined) forms.push(referenceTemplate(references));
    const expected = forms.length === 1 ? forms[0] : `${forms.slice(0, -1).join(", ")} or ${forms.at(-1)}`;
    if (!Array.isArray(value)) {
      this.problem(property, `must be a list, each entry ${expected}; got ${describe(value)}`);
      return [...fallback];
    }
    const entries: Entry[] = [];
    const firstPosition = new Map<string, number>();
    let valid = true;
    value.forEach((entry: unknown, index) => {
      const entryKey = `${property}[${index}]`;
      let read: Entry | undefined;
      if (
        typeof entry === "string" &&
        (GUID_PATTERN.test(entry) || (rules.allowAllUsers && entry === ALL_USERS))
      ) {
        read = entry;
      } else if (references !== undefined && isRecord(entry)) {
        read = readReference(references, entry, entryKey, expected, this.referenceProblems());
      } else {
        const hint =
          references !== undefined && typeof entry === "string" && entry !== ALL_USERS
            ? writeAsReferenceHint(references, entry)
            : "";
        this.problem(entryKey, `must be ${expected}; got ${describe(entry)}${hint}`);
      }
      if (read === undefined) {
        valid = false;
        return;
      }
      const identity = typeof read === "string" ? read.toLowerCase() : formatReference(read).toLowerCase();
      const earlier = firstPosition.get(identity);
      if (earlier !== undefined) {
        const shown = typeof read === "string" ? read : formatReference(read);
        const once = typeof read === "string" ? "id" : references === "user" ? "user" : "group";
        this.problem(
          property,
          `lists ${shown} more than once (entries ${earlier} and ${index}); list each ${once} once`,
        );
        valid = false;
        return;
      }
      firstPosition.set(identity, index);
      entries.push(read);
    });
    if (valid && rules.nonEmpty && entries.length === 0) {
      this.problem(property, `${requirement}; got an empty list. ${advice}`);
      return [...fallback];
    }
    return valid ? entries : [...fallback];
  }

  /** A mapping of name -> non-empty string. */
  reasons(property: string, fallback: Record<string, string>): Record<string, string> {
    const value = this.value(property);
    if (value === undefined) return { ...fallback };
    if (!isRecord(value)) {
      this.problem(property, `must be a mapping of rule id to a written reason; got ${describe(value)}`);
      return { ...fallback };
    }
    const result: Record<string, string> = {};
    for (const [ruleId, reason] of Object.entries(value)) {
      if (typeof reason !== "string" || reason.trim() === "") {
        this.problem(`${property}.${ruleId}`, `must be a non-empty written reason; got ${describe(reason)}`);
        continue;
      }
      result[ruleId] = reason;
    }
    return result;
  }

  /**
   * `<section>.manage: false` leaves the tenant's object alone, so every other property given would
   * be silently ignored: each is a problem instead, and is then read as absent (its default).
   */
  refuseSettingsWhenUnmanaged(manage: boolean): void {
    if (manage) return;
    this.refuseAll(
      `is not used when ${this.key}.manage is false (this stack leaves the tenant's own object alone); remove it, or set ${this.key}.manage to true`,
    );
  }

  /** Every property given (but `manage`) is a problem with `message`, then read as absent. */
  refuseAll(message: string): void {
    for (const [property, value] of Object.entries(this.section)) {
      if (property === "manage" || value === null || value === undefined) continue;
      this.problem(property, message);
      this.refused.add(property);
    }
  }

  /** Reports every property of the section that no reader asked for (typos). */
  reportUnknownProperties(): void {
    const known = [...this.read];
    for (const property of Object.keys(this.section)) {
      if (!this.read.has(property)) {
        this.problems.push(unknownKeyMessage(this.fullKey(property), property, known));
      }
    }
  }
}
