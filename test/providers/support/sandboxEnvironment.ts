/**
 * Suite set-up shared by the provider tests: the Graph sandbox, with this process's environment
 * pointing at it (as `pulumi up` would point the providers at Graph), and serialization of a
 * provider while those credentials are in the environment.
 */
import * as pulumi from "@pulumi/pulumi";
import { startSandbox, type Sandbox } from "../../sandbox";

export interface SandboxInEnvironment {
  sandbox: Sandbox;
  /** Restores the environment as it was before, then stops the sandbox. */
  readonly stop: () => Promise<void>;
}

/** Starts the sandbox and copies its connection settings (tenant, client, secret, endpoints) into process.env. */
export async function startSandboxInEnvironment(): Promise<SandboxInEnvironment> {
  const sandbox = await startSandbox();
  const savedEnv = { ...process.env };
  Object.assign(process.env, sandbox.env());
  return {
    sandbox,
    stop: async () => {
      process.env = savedEnv;
      await sandbox.stop();
    },
  };
}

/**
 * Serializes a provider as `pulumi.dynamic.Resource` does, while the sandbox's secret is in this
 * process's environment: the text must still not capture it. The environment is restored after.
 */
export async function serializeWithCredentialsInEnvironment(
  sandbox: Sandbox,
  provider: pulumi.dynamic.ResourceProvider,
): Promise<string> {
  const savedEnv = { ...process.env };
  Object.assign(process.env, sandbox.env());
  try {
    return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
  } finally {
    process.env = savedEnv;
  }
}
