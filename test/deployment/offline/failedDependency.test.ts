/**
 * A run whose failed step leaves resources of the program unregistered ends like the CLI's: the
 * failed step's error, then the run is over. The Node SDK never settles the outputs of a resource
 * whose `dependsOn` failed (it rejects the registration's own promise instead: @pulumi/pulumi
 * runtime/resource.js registerResource `.catch(... throw err)`); the language host reports that
 * unhandled rejection as the program's failure (cmd/run/run.js:368-408) and exits when its event
 * loop is empty, so the CLI waits neither for those outputs nor for the component's registerOutputs
 * that waits for them. Neither may the offline driver.
 */
import { strict as assert } from "node:assert";
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { startSandbox, type Sandbox } from "../../sandbox";
import type { RunResult } from "../driver";
import { OfflineDriver } from "./offlineDriver";

const GROUP = "azuread:index/group:Group";
const MISSING = "/groups/00000000-0000-4000-8000-000000000404";

/** Two groups under a component, the second depending on the first, as the program's component does. */
class Pair extends pulumi.ComponentResource {
  readonly first: pulumi.Output<string>;
  readonly second: pulumi.Output<string>;

  constructor(name: string) {
    super("test:index:Pair", name);
    // Imports an object that does not exist: the step fails.
    const first = new azuread.Group(
      `${name}-first`,
      { displayName: "First", securityEnabled: true },
      { parent: this, import: MISSING },
    );
    // Never registered: its outputs never settle, nor does the component's registerOutputs.
    const second = new azuread.Group(
      `${name}-second`,
      { displayName: "Second", securityEnabled: true },
      { parent: this, dependsOn: [first] },
    );
    this.first = first.objectId;
    this.second = second.objectId;
    this.registerOutputs({ second: this.second });
  }
}

describe("offline engine: a failed step that others depend on", function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let driver: OfflineDriver;

  before(async () => {
    sandbox = await startSandbox();
    driver = new OfflineDriver({
      sandbox,
      program: () => {
        const pair = new Pair("pair");
        return { second: pair.second, first: pair.first };
      },
    });
  });
  after(async () => {
    await driver?.dispose();
    await sandbox?.stop();
  });

  for (const operation of ["preview", "up"] as const) {
    it(`${operation} ends with the failed step's error instead of waiting for the dependent's outputs`, async () => {
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), 10_000)));
      try {
        const result = await Promise.race([driver[operation]({}), hung]);
        assert.notEqual(result, "hung", `${operation} did not end`);
        const run = result as RunResult;
        assert.equal(run.ok, false);
        assert.equal(run.error, `${GROUP} (pair-first): error: resource '${MISSING}' does not exist`);
        assert.deepEqual(
          run.changes.map((c) => `${c.op} ${c.name}`),
          ["import pair-first"],
        );
        assert.deepEqual(
          sandbox.graphRequests().filter((r) => r.method !== "GET"),
          [],
        );
      } finally {
        clearTimeout(timer);
      }
    });
  }
});
