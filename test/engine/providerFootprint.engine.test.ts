/**
 * How big each serialized provider is (it is stored in state for every resource as `__provider`)
 * and how long the host takes to start and then to load, configure and answer for each provider.
 * Prints the figures; fails when a provider outgrows its budget, which is what an accidentally
 * captured SDK or credential looks like.
 */
import { strict as assert } from "node:assert";
import { PROJECT_RESOURCES, RESOURCE_TYPES, serializedProjectProvider } from "./projectProviders";
import { ProviderHost, resourceRef } from "./providerHost";

/** What the project aims for: the entry holds a location and options, nothing else. */
const TARGET_BYTES = 5 * 1024;
/** What fails the suite: anything captured by value beyond plain data looks like this. */
const BUDGET_BYTES = 10 * 1024;

describe("serialized provider size and host cold start", function () {
  this.timeout(60_000);
  let host: ProviderHost;

  before(async () => {
    host = await ProviderHost.start({ env: { PATH: process.env.PATH ?? "" } });
    await host.configure({});
    console.log(`      provider host: spawn to port ${host.startupMs.toFixed(0)} ms`);
  });

  after(() => host?.stop());

  for (const resource of PROJECT_RESOURCES) {
    it(`${resource}: serializes within ${BUDGET_BYTES / 1024} KB and loads in the host`, async () => {
      const serialized = await serializedProjectProvider(resource);

      const started = performance.now();
      // Inputs Check rejects: the failures prove the provider's own code answered.
      const result = await host.check(
        resourceRef(RESOURCE_TYPES[resource], "footprint"),
        {},
        {
          __provider: serialized.text,
          unexpected: { not: "an input" },
        },
      );
      const firstCheckMs = performance.now() - started;

      const kb = (serialized.bytes / 1024).toFixed(1);
      const note = serialized.bytes > TARGET_BYTES ? ` (over the ${TARGET_BYTES / 1024} KB target)` : "";
      console.log(
        `      ${resource}: __provider ${kb} KB${note}; serialize ${serialized.serializeMs.toFixed(0)} ms; ` +
          `first Check (load + configure + check) ${firstCheckMs.toFixed(0)} ms`,
      );
      assert.ok(result.failures.length > 0, `${resource} accepted empty inputs`);
      assert.ok(
        serialized.bytes < BUDGET_BYTES,
        `${resource} serializes to ${kb} KB, over the ${BUDGET_BYTES / 1024} KB budget: look for a captured SDK or object`,
      );
    });
  }
});
