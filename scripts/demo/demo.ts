/**
 * The demo's steps: the module's main job on the example stack, through the offline deployment
 * harness (the real program, the real dynamic-provider host, an emulation of the azuread provider)
 * against the Graph sandbox. Each step prints what it changed in the tenant and checks it; a step
 * that does not do what it should throws a DemoFailure naming it.
 */
import { TAP_PROPERTIES } from "../../infra/providers/temporaryAccessPass/model";
import type { RunResult } from "../../test/deployment/driver";
import { HostPool } from "../../test/deployment/offline/hostPool";
import { OfflineDriver } from "../../test/deployment/offline/offlineDriver";
import { startSandbox, type JsonObject } from "../../test/sandbox";
import { changeLines, graphWritesWords, RESOURCE, type TenantContext } from "./changeWords";
import { demoStack, EXAMPLE_STACK_FILE } from "./demoStack";
import { driftCheck } from "./driftCheck";
import { tapWords } from "./tenantWords";

export class DemoFailure extends Error {
  constructor(step: string, problem: string) {
    super(`${step}: ${problem}`);
    this.name = "DemoFailure";
  }
}

const DEMO_STACK = "demo";

/** The portal edit: someone lengthens every pass to 12 hours. */
const PORTAL_EDIT = { property: "maximumLifetimeInMinutes", value: 720 } as const;

function expectOk(step: string, result: RunResult): void {
  if (!result.ok) throw new DemoFailure(step, result.error ?? "failed");
}

function changed(result: RunResult) {
  return result.changes.filter((change) => !["same", "refresh", "read"].includes(change.op));
}

function sameTap(a: JsonObject, b: JsonObject): boolean {
  return TAP_PROPERTIES.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

export async function runDemo(print: (line: string) => void): Promise<void> {
  const sandbox = await startSandbox();
  const hosts = new HostPool(sandbox.env());
  const driver = new OfflineDriver({ sandbox, hosts, stack: DEMO_STACK });
  try {
    const { config, names } = demoStack(sandbox);
    const context: TenantContext = { sandbox, names, labels: new Map(), outputs: {} };
    const tapFound = sandbox.tap();
    const indent = (line: string) => print(`   ${line}`);

    print(
      `Demo: the example stack ${EXAMPLE_STACK_FILE} deployed to the Graph sandbox (${sandbox.graphEndpoint}).`,
    );
    print(
      "No tenant, no Pulumi CLI and no network: the real program and providers run through the offline " +
        "deployment harness, and nothing is written outside temporary directories.",
    );
    print(
      `The tenant starts with a group "New hires" and its Temporary Access Pass policy ${tapWords(tapFound, names)}.`,
    );

    print("");
    print("1. pulumi up");
    sandbox.clearLog();
    const up = await driver.up(config);
    expectOk("pulumi up", up);
    context.outputs = up.outputs;
    changeLines(up, context).forEach(indent);
    indent(`(${graphWritesWords(sandbox)}.) Stack output summary: ${String(up.outputs.summary)}`);

    print("");
    print("2. pulumi preview");
    sandbox.clearLog();
    const preview = await driver.preview(config);
    expectOk("pulumi preview", preview);
    if (changed(preview).length > 0 || graphWritesWords(sandbox) !== "no write to Graph") {
      throw new DemoFailure("pulumi preview", `expected no change, got ${JSON.stringify(changed(preview))}`);
    }
    indent("No changes: the tenant already holds what the stack declares (no write to Graph).");

    print("");
    print("3. Someone edits the Temporary Access Pass policy in the portal; the drift check finds it");
    const before = sandbox.tap()[PORTAL_EDIT.property];
    sandbox.setTap({ [PORTAL_EDIT.property]: PORTAL_EDIT.value });
    indent(
      `Someone changed ${PORTAL_EDIT.property} from ${String(before)} to ${PORTAL_EDIT.value} minutes in the portal.`,
    );
    const drift = await driftCheck(
      { name: DEMO_STACK, driver, sandbox, hosts, config },
      "What pulumi up would set back",
    );
    const row = drift.report.split("\n").find((line) => line.includes(`\`${PORTAL_EDIT.property}\``));
    if (drift.exitCode !== 3 || !row) {
      throw new DemoFailure(
        "drift check",
        `expected the report to name ${PORTAL_EDIT.property}:\n${drift.report}`,
      );
    }
    indent(
      "The drift report (`pulumi preview --refresh --json` piped to `npm run drift-report`, as the drift " +
        "workflow runs it) shows:",
    );
    drift.report
      .trimEnd()
      .split("\n")
      .filter((line) => line !== "")
      .forEach((line) => indent(`  ${line}`));

    print("");
    print("4. pulumi up --refresh (what the deploy workflow runs)");
    sandbox.clearLog();
    const repair = await driver.up(config, { refresh: true });
    expectOk("pulumi up --refresh", repair);
    const repaired = changed(repair).map((change) => change.name);
    if (repaired.join() !== RESOURCE.tap || sandbox.tap()[PORTAL_EDIT.property] === PORTAL_EDIT.value) {
      throw new DemoFailure(
        "pulumi up --refresh",
        `expected to set the TAP policy back, changed ${repaired.join(", ")}`,
      );
    }
    changeLines(repair, context).forEach(indent);
    indent(`(${graphWritesWords(sandbox)}.) \`pulumi up\` set the portal edit back; nothing else changed.`);

    print("");
    print("5. pulumi destroy");
    sandbox.clearLog();
    const destroy = await driver.destroy(config);
    expectOk("pulumi destroy", destroy);
    changeLines(destroy, context).forEach(indent);
    if (!sameTap(sandbox.tap(), tapFound)) {
      throw new DemoFailure("pulumi destroy", "the TAP policy is not what the first up found");
    }
    const left = [
      ...sandbox.conditionalAccessPolicies(),
      ...sandbox.configurationPolicies(),
      ...sandbox.groups().filter((group) => group.id === context.outputs.autopilotGroupId),
    ];
    if (left.length > 0) throw new DemoFailure("pulumi destroy", `${left.length} objects were left behind`);
    indent(
      `(${graphWritesWords(sandbox)}.) The tenant is as the demo found it; the group "New hires" was never the stack's.`,
    );
    print("");
    print("Next: `npm test`, then the quick start in README.md for your own tenant.");
  } finally {
    await driver.dispose();
    await hosts.dispose();
    await sandbox.stop();
  }
}
