/**
 * One PasswordlessOnboarding per tenant in a program: the TAP policy is a tenant-wide singleton,
 * so two components acting on one tenant would fight over it (and over the registration policy's
 * and group's names). Claims are kept per Pulumi run (keyed by the run's resource monitor), so a
 * process that runs a program twice (tests, the Automation API) starts afresh each time.
 */
import * as pulumi from "@pulumi/pulumi";
import type { TenantConnection } from "./providers/connectionInput";

const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): object | undefined };
const claimsByRun = new WeakMap<object, Map<string, string>>();
const claimsWithoutMonitor = new Map<string, string>();

/** The tenant a component acts on: its connection's, or the stack's own (azuread:tenantId, ARM_TENANT_ID). */
function tenantOf(connection: TenantConnection | undefined): { key: string; label: string } {
  const tenantId =
    connection?.tenantId ??
    new pulumi.Config("azuread").get("tenantId") ??
    process.env.ARM_TENANT_ID ??
    process.env.AZURE_TENANT_ID;
  if (tenantId === undefined || tenantId === "") {
    return { key: "(the stack's connection)", label: "the stack's own tenant" };
  }
  return { key: tenantId.toLowerCase(), label: `tenant ${tenantId}` };
}

/** Records that `component` acts on its tenant; throws naming both components when another already does. */
export function claimTenant(component: string, connection: TenantConnection | undefined): void {
  const monitor = runtimeSettings.getMonitor();
  let claims = monitor === undefined ? claimsWithoutMonitor : claimsByRun.get(monitor);
  if (claims === undefined) {
    claims = new Map();
    claimsByRun.set(monitor as object, claims);
  }
  const { key, label } = tenantOf(connection);
  const earlier = claims.get(key);
  if (earlier !== undefined) {
    throw new pulumi.RunError(
      `PasswordlessOnboarding ${JSON.stringify(component)} acts on ${label}, which ${JSON.stringify(earlier)} ` +
        "already manages in this program. A tenant has one Temporary Access Pass policy, so one component per " +
        "tenant: give each component its own tenant's connection, or remove one of them.",
    );
  }
  claims.set(key, component);
}
