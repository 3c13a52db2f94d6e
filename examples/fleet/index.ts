/**
 * One program, several tenants: a PasswordlessOnboarding per entry of the fleet file
 * (tenants.yaml, or the file named by FLEET_FILE), each acting on its own tenant through its
 * connection. Suits a handful of tenants managed together; for many, use one stack per tenant of
 * the main project (docs/fleet.md).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { PasswordlessOnboarding } from "../../infra/onboarding";
import { readFleet } from "./fleet";

const file = resolve(process.env.FLEET_FILE ?? join(__dirname, "tenants.yaml"));
const fleet = readFleet(parse(readFileSync(file, "utf8")), file);

export const tenants = Object.fromEntries(
  fleet.map((tenant) => {
    const onboarding = new PasswordlessOnboarding(tenant.name, {
      config: tenant.config,
      connection: tenant.connection,
    });
    return [
      tenant.name,
      {
        temporaryAccessPassPolicyId: onboarding.temporaryAccessPassPolicyId,
        registrationPolicyId: onboarding.registrationPolicyId,
        autopilotGroupId: onboarding.autopilotGroupId,
        webSignInPolicyId: onboarding.webSignInPolicyId,
        summary: onboarding.summary,
      },
    ];
  }),
);
