/**
 * The bootstrap program: one stack per tenant. Reads its config, the main project's stack files it
 * serves (../Pulumi.<stack>.yaml), and declares the identities that run those stacks from GitHub.
 */
import * as pulumi from "@pulumi/pulumi";
import { join } from "node:path";
import { declareBootstrap } from "./src/bootstrap";
import { readMainStacks } from "./src/mainStacks";
import { BOOTSTRAP_NAMESPACE, parseBootstrapSettings } from "./src/settings";

/** The namespace's keys (unknown ones too, so they are reported) with their values as the CLI gives them. */
function rawConfig(): Record<string, unknown> {
  const prefix = `${BOOTSTRAP_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (fullKey.startsWith(prefix)) raw[fullKey.slice(prefix.length)] = value;
  }
  return raw;
}

const settings = parseBootstrapSettings(rawConfig(), pulumi.getStack());
const outputs = declareBootstrap(settings, readMainStacks(join(__dirname, ".."), settings.stacks));

export const tenantId = outputs.tenantId;
export const readerClientId = outputs.readerClientId;
export const deployerClientId = outputs.deployerClientId;
export const readerPermissions = outputs.readerPermissions;
export const deployerPermissions = outputs.deployerPermissions;
export const backendUrl = outputs.backendUrl;
export const secretsProvider = outputs.secretsProvider;
export const githubCommands = outputs.githubCommands;
