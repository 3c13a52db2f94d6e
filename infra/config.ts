/**
 * Reads the stack configuration (namespace `passwordless-onboarding`) into typed settings.
 * Every problem is collected and reported in one error before any resource is declared; each
 * message names the full key, what was expected and what was found.
 */
import * as pulumi from "@pulumi/pulumi";
import { groupTagProblem } from "../policies/autopilotGroup";
import {
  ALL_USERS,
  DEFAULT_SETTINGS,
  type AutopilotSettings,
  type GuardrailSettings,
  type OnboardingSettings,
  type RegistrationPolicySettings,
  type TemporaryAccessPassSettings,
  type WebSignInSettings,
} from "../policies/settings";

export const CONFIG_NAMESPACE = "passwordless-onboarding";
/** The structured keys of the namespace, in the order they are reported. */
export const SETTINGS_KEYS = [
  "temporaryAccessPass",
  "registrationPolicy",
  "autopilot",
  "webSignIn",
  "guardrails",
] as const;
type SettingsKey = (typeof SETTINGS_KEYS)[number];

/** Allowed range of every TAP lifetime, in minutes (10 minutes to 30 days). */
export const TAP_LIFETIME_RANGE = { min: 10, max: 43200 } as const;
/** Allowed TAP length, in characters. */
export const TAP_LENGTH_RANGE = { min: 8, max: 48 } as const;
/** Longest display name Graph accepts for a group. */
const GROUP_DISPLAY_NAME_MAX_LENGTH = 256;

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID_EXAMPLE = "00000000-0000-0000-0000-000000000000";

/** Thrown when the stack configuration is invalid; `problems` holds one line per problem. */
export class SettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "SettingsError";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How a found value is shown in a message. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list ${JSON.stringify(value)}`;
  if (isRecord(value)) return "a mapping";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(
        previous[j] + 1,
        previous[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length];
}

function unknownKeyMessage(fullKey: string, name: string, known: readonly string[]): string {
  const closest = known
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance)[0];
  const hint = closest !== undefined && closest.distance <= 3 ? ` Did you mean ${closest.candidate}?` : "";
  return `${fullKey} is not a known setting.${hint} Known settings: ${[...known].sort().join(", ")}`;
}

interface IdListRules {
  /** What one entry is, for messages ("group object id"). */
  noun: string;
  /** Accept the special `all_users` target. */
  allowAllUsers?: boolean;
}

/**
 * Reads the properties of one structured key. Each reader records a problem and returns the
 * fallback when the value is wrong, so that every problem is found in one pass. A missing or
 * null property takes the fallback silently.
 */
class SectionReader {
  private readonly read = new Set<string>();

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
    return value === null ? undefined : value;
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
    const value = this.value(property);
    if (value === undefined) return [...fallback];
    const expected = rules.allowAllUsers
      ? `a ${rules.noun} (a GUID such as ${GUID_EXAMPLE}) or "${ALL_USERS}"`
      : `a ${rules.noun} (a GUID such as ${GUID_EXAMPLE})`;
    if (!Array.isArray(value)) {
      this.problem(property, `must be a list, each entry ${expected}; got ${describe(value)}`);
      return [...fallback];
    }
    const ids: string[] = [];
    const firstPosition = new Map<string, number>();
    let valid = true;
    value.forEach((entry: unknown, index) => {
      const entryKey = `${property}[${index}]`;
      const acceptable =
        typeof entry === "string" &&
        (GUID_PATTERN.test(entry) || (rules.allowAllUsers && entry === ALL_USERS));
      if (!acceptable) {
        this.problem(entryKey, `must be ${expected}; got ${describe(entry)}`);
        valid = false;
        return;
      }
      const normalized = entry.toLowerCase();
      const earlier = firstPosition.get(normalized);
      if (earlier !== undefined) {
        this.problem(
          property,
          `lists ${entry} more than once (entries ${earlier} and ${index}); list each id once`,
        );
        valid = false;
        return;
      }
      firstPosition.set(normalized, index);
      ids.push(entry);
    });
    return valid ? ids : [...fallback];
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

function readTemporaryAccessPass(
  reader: SectionReader,
  problems: readonly string[],
): TemporaryAccessPassSettings {
  const defaults = DEFAULT_SETTINGS.temporaryAccessPass;
  const problemsBefore = problems.length;
  const lifetimes = {
    defaultLifetimeInMinutes: reader.integer(
      "defaultLifetimeInMinutes",
      defaults.defaultLifetimeInMinutes,
      TAP_LIFETIME_RANGE,
    ),
    minimumLifetimeInMinutes: reader.integer(
      "minimumLifetimeInMinutes",
      defaults.minimumLifetimeInMinutes,
      TAP_LIFETIME_RANGE,
    ),
    maximumLifetimeInMinutes: reader.integer(
      "maximumLifetimeInMinutes",
      defaults.maximumLifetimeInMinutes,
      TAP_LIFETIME_RANGE,
    ),
  };
  // Compare the lifetimes only when each is valid on its own, so a message never cites a default
  // that replaced a rejected value.
  if (problems.length === problemsBefore) {
    const {
      defaultLifetimeInMinutes: lifetime,
      minimumLifetimeInMinutes: min,
      maximumLifetimeInMinutes: max,
    } = lifetimes;
    if (min > max) {
      reader.problem(
        "minimumLifetimeInMinutes",
        `must not be greater than maximumLifetimeInMinutes (${max}); got ${min}`,
      );
    } else if (lifetime < min || lifetime > max) {
      reader.problem(
        "defaultLifetimeInMinutes",
        `must be between minimumLifetimeInMinutes (${min}) and maximumLifetimeInMinutes (${max}); got ${lifetime}`,
      );
    }
  }
  const settings: TemporaryAccessPassSettings = {
    state: reader.oneOf("state", defaults.state, ["enabled", "disabled"]),
    ...lifetimes,
    defaultLength: reader.integer("defaultLength", defaults.defaultLength, TAP_LENGTH_RANGE),
    isUsableOnce: reader.boolean("isUsableOnce", defaults.isUsableOnce),
    includeGroupIds: reader.idList("includeGroupIds", defaults.includeGroupIds, {
      noun: "group object id",
      allowAllUsers: true,
    }),
    excludeGroupIds: reader.idList("excludeGroupIds", defaults.excludeGroupIds, { noun: "group object id" }),
    onDestroy: reader.oneOf("onDestroy", defaults.onDestroy, ["restore", "reset", "retain"]),
  };
  if (reader.has("includeGroupIds")) {
    const ids = settings.includeGroupIds;
    if (ids.length === 0) {
      reader.problem(
        "includeGroupIds",
        `must list at least one group object id, or "${ALL_USERS}"; got an empty list`,
      );
    } else if (ids.includes(ALL_USERS) && ids.length > 1) {
      reader.problem(
        "includeGroupIds",
        `must be either ["${ALL_USERS}"] or a list of group object ids, not both; got ${describe(ids)}`,
      );
    }
  }
  return settings;
}

function readRegistrationPolicy(reader: SectionReader): RegistrationPolicySettings {
  const defaults = DEFAULT_SETTINGS.registrationPolicy;
  const settings: RegistrationPolicySettings = {
    displayName: reader.string("displayName", defaults.displayName, { nonEmpty: true }),
    state: reader.oneOf("state", defaults.state, [
      "enabled",
      "disabled",
      "enabledForReportingButNotEnforced",
    ]),
    breakGlassUserIds: reader.idList("breakGlassUserIds", defaults.breakGlassUserIds, {
      noun: "user object id",
    }),
    excludeGroupIds: reader.idList("excludeGroupIds", defaults.excludeGroupIds, { noun: "group object id" }),
    excludeGuests: reader.boolean("excludeGuests", defaults.excludeGuests),
    excludeRoleTemplateIds: reader.idList("excludeRoleTemplateIds", defaults.excludeRoleTemplateIds, {
      noun: "directory role template id",
    }),
    allowFromTrustedLocations: reader.boolean(
      "allowFromTrustedLocations",
      defaults.allowFromTrustedLocations,
    ),
  };
  const strength = reader.guid("authenticationStrengthPolicyId", "an authentication strength policy id");
  if (strength !== undefined) {
    settings.authenticationStrengthPolicyId = strength;
  }
  return settings;
}

function readAutopilot(reader: SectionReader): AutopilotSettings {
  const defaults = DEFAULT_SETTINGS.autopilot;
  const settings: AutopilotSettings = {
    groupDisplayName: reader.string("groupDisplayName", defaults.groupDisplayName, {
      nonEmpty: true,
      maxLength: GROUP_DISPLAY_NAME_MAX_LENGTH,
    }),
  };
  const groupTag = reader.checkedString("groupTag", groupTagProblem);
  const existingGroupId = reader.guid("existingGroupId", "a group object id");
  if (groupTag !== undefined) settings.groupTag = groupTag;
  if (existingGroupId !== undefined) settings.existingGroupId = existingGroupId;
  if (reader.has("groupTag") && reader.has("existingGroupId")) {
    reader.problem(
      "groupTag",
      "cannot be combined with existingGroupId: an existing group keeps its own membership rule; remove one of them",
    );
  }
  return settings;
}

function readWebSignIn(reader: SectionReader): WebSignInSettings {
  const defaults = DEFAULT_SETTINGS.webSignIn;
  return {
    policyName: reader.string("policyName", defaults.policyName, { nonEmpty: true }),
    description: reader.string("description", defaults.description, { nonEmpty: false }),
    enablePasswordlessExperience: reader.boolean(
      "enablePasswordlessExperience",
      defaults.enablePasswordlessExperience,
    ),
    adoptExisting: reader.boolean("adoptExisting", defaults.adoptExisting),
  };
}

function readGuardrails(reader: SectionReader): GuardrailSettings {
  return { suppress: reader.reasons("suppress", DEFAULT_SETTINGS.guardrails.suppress) };
}

function readSection<T>(
  raw: Record<string, unknown>,
  key: SettingsKey,
  problems: string[],
  readProperties: (reader: SectionReader, problems: readonly string[]) => T,
): T {
  const value = raw[key] ?? {};
  const section = isRecord(value) ? value : {};
  if (!isRecord(value)) {
    problems.push(`${CONFIG_NAMESPACE}:${key} must be a mapping of settings; got ${describe(value)}`);
  }
  const reader = new SectionReader(key, section, problems);
  const settings = readProperties(reader, problems);
  reader.reportUnknownProperties();
  return settings;
}

/** Validates without throwing: the settings (defaults where a value was wrong) and every problem. */
export function validateSettings(raw: Record<string, unknown>): {
  settings: OnboardingSettings;
  problems: string[];
} {
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!(SETTINGS_KEYS as readonly string[]).includes(key)) {
      problems.push(unknownKeyMessage(`${CONFIG_NAMESPACE}:${key}`, key, SETTINGS_KEYS));
    }
  }
  const settings: OnboardingSettings = {
    temporaryAccessPass: readSection(raw, "temporaryAccessPass", problems, readTemporaryAccessPass),
    registrationPolicy: readSection(raw, "registrationPolicy", problems, readRegistrationPolicy),
    autopilot: readSection(raw, "autopilot", problems, readAutopilot),
    webSignIn: readSection(raw, "webSignIn", problems, readWebSignIn),
    guardrails: readSection(raw, "guardrails", problems, readGuardrails),
  };
  return { settings, problems };
}

/**
 * Turns the namespace's structured keys (plain objects; any may be missing) into settings, or
 * throws a SettingsError listing every problem.
 */
export function parseSettings(raw: Record<string, unknown>): OnboardingSettings {
  const { settings, problems } = validateSettings(raw);
  if (problems.length > 0) {
    throw new SettingsError(problems);
  }
  return settings;
}

/** Whether a config key was set with `--secret`; its value must then never appear in a message. */
function isSecretKey(fullKey: string): boolean {
  // Exported by the SDK's runtime but absent from its typings.
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as {
    isConfigSecret?: (key: string) => boolean;
  };
  return runtimeConfig.isConfigSecret?.(fullKey) ?? true;
}

/** A problem of a key set with `--secret` keeps only the setting's name, never the value found. */
function redactIfSecret(problem: string, secretKeys: readonly string[]): string {
  const settingName = problem.split(" ")[0];
  const secret = secretKeys.some(
    (key) =>
      settingName === `${CONFIG_NAMESPACE}:${key}` || settingName.startsWith(`${CONFIG_NAMESPACE}:${key}.`),
  );
  return secret
    ? `${settingName} is not valid; the value is not shown because ${settingName.split(".")[0]} is a secret (the rules for each setting are in Pulumi.yaml)`
    : problem;
}

/** Reads and validates the current stack's `passwordless-onboarding:*` configuration. */
export function readSettings(): OnboardingSettings {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const fullKey of Object.keys(pulumi.runtime.allConfig())) {
    const key = fullKey.slice(prefix.length);
    if (fullKey.startsWith(prefix) && !(SETTINGS_KEYS as readonly string[]).includes(key)) {
      raw[key] = null; // reported as an unknown key; its value does not matter
    }
  }
  for (const key of SETTINGS_KEYS) {
    try {
      const value = config.getObject<unknown>(key);
      if (value !== undefined) raw[key] = value;
    } catch {
      const found = isSecretKey(`${CONFIG_NAMESPACE}:${key}`)
        ? "a secret plain-text value (not shown)"
        : `the plain text ${JSON.stringify(config.get(key))}`;
      problems.push(`${CONFIG_NAMESPACE}:${key} must be a mapping of settings; got ${found}`);
    }
  }
  const validated = validateSettings(raw);
  const secretKeys = SETTINGS_KEYS.filter((key) => isSecretKey(`${CONFIG_NAMESPACE}:${key}`));
  const all = [...problems, ...validated.problems.map((problem) => redactIfSecret(problem, secretKeys))];
  if (all.length > 0) {
    throw new SettingsError(all);
  }
  return validated.settings;
}
