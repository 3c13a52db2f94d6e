/**
 * One Graph sandbox plus one dynamic-provider host configured to talk to it: the setting of every
 * scenario test. The host gets the sandbox's connection variables and PATH, nothing else.
 */
import { startSandbox, type Sandbox } from "../sandbox";
import { ProviderHost } from "./providerHost";

export interface EngineScenario {
  sandbox: Sandbox;
  host: ProviderHost;
}

export interface EngineScenarioOptions {
  groupReplicationLagMs?: number;
  /** Stack config sent through Configure (namespaced keys, e.g. `azuread:clientSecret`). */
  config?: (sandbox: Sandbox) => Record<string, string>;
  /** Which of `config`'s keys are secret (sent in the secret envelope). */
  secretConfigKeys?: string[];
}

export function hostEnvironment(sandbox: Sandbox): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ...sandbox.env() };
}

export async function startEngineScenario(options: EngineScenarioOptions = {}): Promise<EngineScenario> {
  const sandbox = await startSandbox({ groupReplicationLagMs: options.groupReplicationLagMs });
  try {
    const host = await ProviderHost.start({ env: hostEnvironment(sandbox) });
    try {
      await host.configure(options.config?.(sandbox) ?? {}, options.secretConfigKeys ?? []);
    } catch (error) {
      await host.stop();
      throw error;
    }
    return { sandbox, host };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

export async function stopEngineScenario(scenario: EngineScenario | undefined): Promise<void> {
  if (!scenario) return;
  await scenario.host.stop();
  await scenario.sandbox.stop();
}
