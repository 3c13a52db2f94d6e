/**
 * Mocha set-up shared by the scenario tests that deploy one project resource through the host:
 * an engine scenario, the resource's serialized provider and a DeployedResource, with the
 * sandbox's request log and the recorded provider calls cleared before each test.
 */
import { DeployedResource } from "./deployment";
import { startEngineScenario, stopEngineScenario, type EngineScenario } from "./engineScenario";
import { resourceRef } from "./providerHost";
import { RESOURCE_TYPES, serializedProjectProvider, type ProjectResource } from "./projectProviders";

export interface ResourceScenario {
  scenario: EngineScenario;
  resource: DeployedResource;
  /** The serialized provider, passed as `__provider` in every program. */
  providerText: string;
}

/** Registers the suite's hooks; `onReady` receives the scenario before any later `before` hook runs. */
export function useResourceScenario(
  kind: ProjectResource,
  resourceName: string,
  onReady: (ready: ResourceScenario) => void,
): void {
  let ready: ResourceScenario | undefined;

  before(async () => {
    const scenario = await startEngineScenario();
    ready = {
      scenario,
      providerText: (await serializedProjectProvider(kind)).text,
      resource: new DeployedResource(scenario.host, resourceRef(RESOURCE_TYPES[kind], resourceName)),
    };
    onReady(ready);
  });

  after(() => stopEngineScenario(ready?.scenario));

  beforeEach(() => {
    ready?.scenario.sandbox.clearLog();
    if (ready) ready.resource.calls = [];
  });
}
