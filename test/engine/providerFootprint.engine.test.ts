/**
 * How big each serialized provider is (it is stored in state for every resource as `__provider`)
 * and how long a fresh host takes before it can answer for it. Prints the figures; fails when a
 * provider outgrows its budget, which is what an accidentally captured SDK or credential looks like.
 */
import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import { ConfigurationPolicyAssignmentProvider } from "../../infra/providers/configurationPolicyAssignment";
import { SettingsCatalogPolicyProvider } from "../../infra/providers/settingsCatalogPolicy";
import { TemporaryAccessPassPolicyProvider } from "../../infra/providers/temporaryAccessPassPolicy";
import { ProviderHost, resourceRef } from "./providerHost";
import { serializeProvider } from "./serializeProvider";

/** What the project aims for. */
const TARGET_BYTES = 50 * 1024;
/** What fails the suite: far above the project's own code, far below any SDK captured by value. */
const BUDGET_BYTES = 120 * 1024;

interface Subject {
  name: string;
  type: string;
  provider: () => pulumi.dynamic.ResourceProvider;
  /** Inputs Check accepts (its answer is not the point; reaching the provider is). */
  inputs: Record<string, unknown>;
}

const SUBJECTS: Subject[] = [
  {
    name: "TemporaryAccessPassPolicy",
    type: "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy",
    provider: () => new TemporaryAccessPassPolicyProvider(),
    inputs: { state: "enabled" },
  },
  {
    name: "SettingsCatalogPolicy",
    type: "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy",
    provider: () => new SettingsCatalogPolicyProvider(),
    inputs: { name: "Web sign-in" },
  },
  {
    name: "ConfigurationPolicyAssignment",
    type: "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment",
    provider: () => new ConfigurationPolicyAssignmentProvider(),
    inputs: { policyId: "00000000-0000-0000-0000-000000000001", assignments: [] },
  },
];

describe("serialized provider size and host cold start", function () {
  this.timeout(60_000);

  for (const subject of SUBJECTS) {
    it(`${subject.name}: stays within ${BUDGET_BYTES / 1024} KB serialized and answers from a fresh host`, async () => {
      const serializeStarted = performance.now();
      const serialized = await serializeProvider(subject.provider(), { label: subject.name });
      const serializeMs = performance.now() - serializeStarted;

      const host = await ProviderHost.start({ env: { PATH: process.env.PATH ?? "" } });
      let firstCheckMs: number;
      try {
        await host.configure({});
        const checkStarted = performance.now();
        await host.check(resourceRef(subject.type, "footprint"), {}, { ...subject.inputs, __provider: serialized.text });
        firstCheckMs = performance.now() - checkStarted;
      } finally {
        await host.stop();
      }

      const kb = (serialized.bytes / 1024).toFixed(1);
      const note = serialized.bytes > TARGET_BYTES ? ` (over the ${TARGET_BYTES / 1024} KB target)` : "";
      console.log(
        `      ${subject.name}: __provider ${kb} KB${note}; serialize ${serializeMs.toFixed(0)} ms; ` +
          `host start ${host.startupMs.toFixed(0)} ms; first Check (load + configure) ${firstCheckMs.toFixed(0)} ms`,
      );
      assert.ok(
        serialized.bytes < BUDGET_BYTES,
        `${subject.name} serializes to ${kb} KB, over the ${BUDGET_BYTES / 1024} KB budget: look for a captured SDK or object`,
      );
    });
  }
});
