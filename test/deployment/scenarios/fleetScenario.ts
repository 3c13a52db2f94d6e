/**
 * What the fleet scenario needs beside scenario.ts: the fleet example (examples/fleet) run by the
 * offline driver as the CLI runs that project (its own name, main module and directory, where the
 * provider hosts start), against two tenants of one sandbox, with the fleet file written to a
 * temporary directory and named by FLEET_FILE in the CLI's environment. The CLI's environment
 * otherwise holds what an MSP's would: the multi-tenant app's client id and secret, and the first
 * tenant as ARM_TENANT_ID, which every fleet entry's `connection` overrides.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { startSandboxes, type Sandbox } from "../../sandbox";
import { HostPool } from "../offline/hostPool";
import { OfflineDriver } from "../offline/offlineDriver";
import { readProject } from "../offline/project";
import { seedScenarioTenant, type TenantIds } from "./scenario";

export const FLEET_EXAMPLE = path.resolve(__dirname, "..", "..", "..", "examples", "fleet");

/** One sandbox tenant of the fleet, with what it held before the first run. */
export interface FleetTenant {
  /** The fleet entry's name (it prefixes the tenant's resource names). */
  name: string;
  sandbox: Sandbox;
  ids: TenantIds;
  tapBefore: Record<string, unknown>;
  groupIdsBefore: string[];
}

export interface Fleet {
  driver: OfflineDriver;
  tenants: FleetTenant[];
  /** Writes the fleet file the next run reads: `{ tenants: { <name>: { connection, config } } }`. */
  writeFleet(entries: Record<string, { tenantId: string; config: Record<string, unknown> }>): void;
}

/** Registers the suite's hooks for a fleet of two fresh sandbox tenants named `names`. */
export function useFleet(suite: Mocha.Suite, names: [string, string]): () => Fleet {
  let fleet: Fleet | undefined;
  let directory = "";
  let hosts: HostPool | undefined;
  suite.timeout(60_000);
  suite.beforeAll(async function () {
    if (process.env.PASSWORDLESS_ACCEPTANCE === "1") this.skip(); // two tenants of one sandbox
    const sandboxes = await startSandboxes(2);
    directory = mkdtempSync(path.join(tmpdir(), "fleet-scenario-"));
    const file = path.join(directory, "tenants.yaml");
    const project = readProject(FLEET_EXAMPLE);
    const cliEnv = { ...sandboxes[0].env(), FLEET_FILE: file };
    hosts = new HostPool(cliEnv, project);
    const driver = new OfflineDriver({
      sandbox: sandboxes[0],
      project,
      hosts,
      hostEnv: { FLEET_FILE: file },
    });
    const tenants = sandboxes.map((sandbox, index): FleetTenant => {
      const ids = seedScenarioTenant(sandbox);
      return {
        name: names[index],
        sandbox,
        ids,
        tapBefore: sandbox.tap(),
        groupIdsBefore: sandbox.groups().map((group) => String(group.id)),
      };
    });
    const clientId = sandboxes[0].clientId;
    fleet = {
      driver,
      tenants,
      writeFleet: (entries) => {
        const document = {
          tenants: Object.fromEntries(
            Object.entries(entries).map(([name, { tenantId, config }]) => [
              name,
              { connection: { tenantId, clientId }, config },
            ]),
          ),
        };
        writeFileSync(file, stringify(document));
      },
    };
  });
  suite.afterAll(async () => {
    await fleet?.driver.dispose();
    await hosts?.dispose();
    await fleet?.tenants[0].sandbox.stop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    if (!fleet) throw new Error("the fleet scenario has not started");
    return fleet;
  };
}

/** Graph writes each tenant has seen since its log was last cleared, as `METHOD path` lines. */
export function fleetWrites(fleet: Fleet): Record<string, string[]> {
  return Object.fromEntries(
    fleet.tenants.map((tenant) => [
      tenant.name,
      tenant.sandbox
        .graphRequests()
        .filter((request) => request.method !== "GET")
        .map((request) => `${request.method} ${request.path}`),
    ]),
  );
}

/** Everything a tenant holds that the stack may touch, as Graph returns it. */
export function tenantObjects(sandbox: Sandbox): Record<string, unknown> {
  return {
    tap: sandbox.tap(),
    conditionalAccessPolicies: sandbox.conditionalAccessPolicies(),
    groups: sandbox.groups(),
    configurationPolicies: sandbox.configurationPolicies(),
  };
}
