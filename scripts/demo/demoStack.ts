/**
 * The demo's tenant and stack: the sandbox gets a "New hires" group, and the example stack
 * Pulumi.dev.yaml is used as it is, with each placeholder id replaced by a sandbox object of the
 * kind its key asks for (the step a real user does with `az ad group show` / `az ad user show`).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Sandbox } from "../../test/sandbox";

export const EXAMPLE_STACK_FILE = "Pulumi.dev.yaml";
export const NEW_HIRES_GROUP = "New hires";

const PLACEHOLDER = /^00000000-0000-0000-0000-0000000000[0-9a-f]{2}$/i;
const PROJECT_ROOT = join(__dirname, "..", "..");

export interface DemoStack {
  /** The stack config, keys as in the stack file (`passwordless-onboarding:temporaryAccessPass`). */
  config: Record<string, unknown>;
  /** Object id -> display name, for the plain-words output. */
  names: Map<string, string>;
}

/** Seeds the sandbox's tenant and returns the example stack pointed at it. */
export function demoStack(sandbox: Sandbox): DemoStack {
  const newHires = sandbox.addGroup({
    displayName: NEW_HIRES_GROUP,
    securityEnabled: true,
    mailEnabled: false,
    mailNickname: "newhires",
  });
  const names = new Map<string, string>([[newHires, `group "${NEW_HIRES_GROUP}"`]]);
  let breakGlassCount = 0;
  const replacement = (key: string, placeholder: string): string => {
    if (key === "includeGroupIds" || key === "excludeGroupIds" || key === "existingGroupId") return newHires;
    if (key === "breakGlassUserIds") {
      // The Conditional Access policy only stores the ids; no user object is needed for the demo.
      breakGlassCount += 1;
      const id = randomUUID();
      names.set(id, `break-glass account ${breakGlassCount}`);
      return id;
    }
    throw new Error(
      `${EXAMPLE_STACK_FILE}: the placeholder ${placeholder} under ${key} has no sandbox stand-in; ` +
        "add one in scripts/demo/demoStack.ts",
    );
  };
  const document = parseYaml(readFileSync(join(PROJECT_ROOT, EXAMPLE_STACK_FILE), "utf8")) as {
    config: Record<string, unknown>;
  };
  return { config: replacePlaceholders(document.config, "", replacement) as Record<string, unknown>, names };
}

function replacePlaceholders(
  value: unknown,
  key: string,
  replacement: (key: string, placeholder: string) => string,
): unknown {
  if (typeof value === "string" && PLACEHOLDER.test(value)) return replacement(key, value);
  if (Array.isArray(value)) return value.map((item) => replacePlaceholders(item, key, replacement));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([child, item]) => [child, replacePlaceholders(item, child, replacement)]),
    );
  }
  return value;
}
