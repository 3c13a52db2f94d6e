/** The Graph routes the journey check reads beyond the ones the stack itself uses. */
import type { Route } from "../router";
import type { SandboxState } from "../state";
import { compliancePolicyRoutes } from "./compliancePolicies";
import { deviceConfigurationRoutes } from "./deviceConfigurations";
import { deviceRoutes } from "./devices";
import { enrollmentConfigurationRoutes } from "./enrollmentConfigurations";
import { mobileAppRoutes } from "./mobileApps";

export function journeyRoutes(state: SandboxState): Route[] {
  return [
    ...deviceRoutes(state),
    ...enrollmentConfigurationRoutes(state),
    ...deviceConfigurationRoutes(state),
    ...compliancePolicyRoutes(state),
    ...mobileAppRoutes(state),
  ];
}
