/** Keeps the values of keys set with `pulumi config set --secret` out of problem messages. */
import { CONFIG_NAMESPACE, type SettingsKey } from "./keys";

/** Whether a config key was set with `--secret`; its value must then never appear in a message. */
export function isSecretKey(fullKey: string): boolean {
  // Exported by the SDK's runtime but absent from its typings.
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as {
    isConfigSecret?: (key: string) => boolean;
  };
  return runtimeConfig.isConfigSecret?.(fullKey) ?? true;
}

/** A problem of a key set with `--secret` keeps only the setting's name, never the value found. */
export function redactIfSecret(problem: string, secretKeys: readonly SettingsKey[]): string {
  const settingName = problem.split(" ")[0];
  const secret = secretKeys.some(
    (key) =>
      settingName === `${CONFIG_NAMESPACE}:${key}` || settingName.startsWith(`${CONFIG_NAMESPACE}:${key}.`),
  );
  return secret
    ? `${settingName} is not valid; the value is not shown because ${settingName.split(".")[0]} is a secret (the rules for each setting are in Pulumi.yaml)`
    : problem;
}
