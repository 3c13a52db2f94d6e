/**
 * Reads the bootstrap stack's configuration (namespace `passwordless-onboarding-bootstrap`) into
 * typed settings. Every problem is collected and reported in one error before any resource is
 * declared; each message names the full key, what was expected and what was found, as the main
 * program's config reader does.
 */
export const BOOTSTRAP_NAMESPACE = "passwordless-onboarding-bootstrap";

export interface BootstrapSettings {
  /** The Azure subscription the identities (and the shared state) are created in. */
  subscriptionId: string;
  /** Created by this stack (default passwordless-onboarding-ci-<bootstrap stack>); holds both identities and, with sharedState, the storage and vault. */
  resourceGroupName: string;
  /** Azure region, e.g. westeurope. */
  location: string;
  /** GitHub repository `owner/name` whose workflows sign in as these identities. */
  repository: string;
  /** The branch deploy.yml and drift.yml run on. */
  defaultBranch: string;
  /** The main project's stacks for this tenant: each is a Pulumi.<name>.yaml and a GitHub environment. */
  stacks: string[];
  /** Also create an azblob:// state backend and an azurekeyvault:// secrets provider. */
  sharedState: boolean;
}

export const BOOTSTRAP_KEYS = [
  "subscriptionId",
  "resourceGroupName",
  "location",
  "repository",
  "defaultBranch",
  "stacks",
  "sharedState",
] as const;

type BootstrapKey = (typeof BOOTSTRAP_KEYS)[number];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// GitHub: owner 1-39 letters, digits or single hyphens; repository letters, digits, ".", "-", "_".
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9._-]{1,100}$/;
// Azure resource group names: 1-90 of letters, digits, "_", "-", ".", "(" and ")", not ending in ".".
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;
const LOCATION = /^[a-z][a-z0-9]{2,30}$/;
// Pulumi stack names: letters, digits, "-", "_" and "."; also used as a GitHub environment name.
const STACK = /^[A-Za-z0-9_.-]{1,100}$/;
// Git refuses these in branch names (git check-ref-format); enough to catch a pasted URL or ref.
const BRANCH = /^(?!\/|.*\/\/|.*\.\.|.*\/$|refs\/)[^\s~^:?*[\\]{1,250}$/;

export class BootstrapSettingsError extends Error {
  /** Pulumi prints a RunError's message without a stack trace (runtime `RunError.isInstance`). */
  readonly __pulumiRunError = true;
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid bootstrap configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "BootstrapSettingsError";
  }
}

function found(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `a list ${JSON.stringify(value)}`;
  if (typeof value === "object" && value !== null) return "a mapping";
  return JSON.stringify(value);
}

/**
 * Validates `raw` (the namespace's keys without the namespace, as the Pulumi config gives them:
 * strings, or parsed values for structured keys); throws a BootstrapSettingsError naming every problem.
 */
export function parseBootstrapSettings(
  raw: Record<string, unknown>,
  bootstrapStack: string,
): BootstrapSettings {
  const problems: string[] = [];
  const key = (name: BootstrapKey) => `${BOOTSTRAP_NAMESPACE}:${name}`;
  for (const name of Object.keys(raw)) {
    if (!(BOOTSTRAP_KEYS as readonly string[]).includes(name)) {
      problems.push(
        `${BOOTSTRAP_NAMESPACE}:${name}: unknown key; expected one of ${BOOTSTRAP_KEYS.join(", ")}`,
      );
    }
  }
  const text = (name: BootstrapKey, pattern: RegExp, expected: string, fallback?: string): string => {
    const value = raw[name] ?? fallback;
    if (typeof value === "string" && pattern.test(value)) return value;
    problems.push(`${key(name)}: expected ${expected}; found ${found(value)}`);
    return "";
  };
  const settings: BootstrapSettings = {
    subscriptionId: text(
      "subscriptionId",
      GUID,
      "the subscription id (a GUID, `az account show --query id`)",
    ),
    resourceGroupName: text(
      "resourceGroupName",
      RESOURCE_GROUP,
      "a resource group name (1-90 letters, digits, -, _, ., parentheses)",
      `passwordless-onboarding-ci-${bootstrapStack}`,
    ),
    location: text(
      "location",
      LOCATION,
      "an Azure region name such as westeurope (`az account list-locations`)",
    ),
    repository: text(
      "repository",
      REPOSITORY,
      "the GitHub repository as owner/name, e.g. contoso/passwordless-onboarding",
    ),
    defaultBranch: text("defaultBranch", BRANCH, "a branch name such as main (not refs/heads/…)", "main"),
    stacks: readStacks(raw.stacks, key("stacks"), problems),
    sharedState: readBoolean(raw.sharedState, key("sharedState"), problems),
  };
  if (problems.length > 0) throw new BootstrapSettingsError(problems);
  return settings;
}

function readStacks(value: unknown, fullKey: string, problems: string[]): string[] {
  const list = typeof value === "string" ? parseJsonList(value) : value;
  if (!Array.isArray(list) || list.length === 0) {
    problems.push(
      `${fullKey}: expected a non-empty list of the main project's stack names, e.g. [dev]; found ${found(value)}`,
    );
    return [];
  }
  const names: string[] = [];
  list.forEach((item: unknown, index) => {
    if (typeof item === "string" && STACK.test(item) && !names.includes(item)) names.push(item);
    else if (names.includes(item as string))
      problems.push(`${fullKey}[${index}]: ${JSON.stringify(item)} is listed twice`);
    else
      problems.push(
        `${fullKey}[${index}]: expected a stack name (letters, digits, -, _, .); found ${found(item)}`,
      );
  });
  return names;
}

function parseJsonList(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function readBoolean(value: unknown, fullKey: string, problems: string[]): boolean {
  if (value === undefined || value === false || value === "false") return false;
  if (value === true || value === "true") return true;
  problems.push(`${fullKey}: expected true or false; found ${found(value)}`);
  return false;
}
