/**
 * Reads the fleet file: one entry per tenant, each with the connection to act on and the same
 * settings a stack's `passwordless-onboarding:*` keys hold. Every problem is reported at once,
 * naming the tenant and key, before anything is declared.
 */
import type { TenantConnection } from "../../infra/providers/connectionInput";

export interface FleetTenant {
  name: string;
  connection: TenantConnection;
  config: Record<string, unknown>;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class FleetFileError extends Error {
  /** Pulumi prints a RunError's message without a stack trace (runtime `RunError.isInstance`). */
  readonly __pulumiRunError = true;
}

export function readFleet(document: unknown, file: string): FleetTenant[] {
  const problems: string[] = [];
  const tenants = isRecord(document) ? document.tenants : undefined;
  if (!isRecord(tenants) || Object.keys(tenants).length === 0) {
    throw new FleetFileError(
      `${file}: expected a mapping "tenants" of tenant name to { connection, config }`,
    );
  }
  const fleet: FleetTenant[] = [];
  for (const [name, entry] of Object.entries(tenants)) {
    const where = `${file}: tenants.${name}`;
    if (!NAME.test(name)) {
      problems.push(
        `${where}: the name must be 1-40 lower-case letters, digits or "-" (it names the resources)`,
      );
    }
    if (!isRecord(entry) || !isRecord(entry.connection)) {
      problems.push(`${where}.connection: expected a mapping with tenantId (and clientId, useOidc, ...)`);
      continue;
    }
    if (entry.config !== undefined && !isRecord(entry.config)) {
      problems.push(`${where}.config: expected a mapping of the passwordless-onboarding settings`);
      continue;
    }
    fleet.push({
      name,
      connection: entry.connection as unknown as TenantConnection,
      config: entry.config ?? {},
    });
  }
  if (problems.length > 0) throw new FleetFileError(problems.join("\n"));
  return fleet;
}
