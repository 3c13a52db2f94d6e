/** Every Graph route the sandbox serves. */
import { assignmentRoutes } from "./assignments";
import { authenticationStrengthRoutes } from "./authenticationStrengths";
import { autopilotProfileRoutes } from "./autopilotProfiles";
import { conditionalAccessRoutes } from "./conditionalAccess";
import { configurationPolicyRoutes } from "./configurationPolicies";
import { directoryRoleRoutes } from "./directoryRoles";
import { evaluateRoutes } from "./evaluate";
import { groupLinkRoutes } from "./groupLinks";
import { groupRoutes } from "./groups";
import { journeyRoutes } from "./journey/routes";
import type { Route } from "./router";
import { settingDefinitionRoutes } from "./settingDefinitions";
import type { SandboxState } from "./state";
import { tapRoutes } from "./tap";
import { temporaryAccessPassMethodRoutes } from "./temporaryAccessPassMethods";
import { userRoutes } from "./users";

export function allRoutes(state: SandboxState): Route[] {
  return [
    ...tapRoutes(state),
    ...temporaryAccessPassMethodRoutes(state),
    ...conditionalAccessRoutes(state),
    ...groupRoutes(state),
    ...groupLinkRoutes(state),
    ...configurationPolicyRoutes(state),
    ...assignmentRoutes(state),
    ...userRoutes(state),
    ...authenticationStrengthRoutes(state),
    ...autopilotProfileRoutes(state),
    ...directoryRoleRoutes(),
    ...settingDefinitionRoutes(),
    ...evaluateRoutes(),
    ...journeyRoutes(state),
  ];
}
