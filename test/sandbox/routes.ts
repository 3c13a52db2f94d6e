/** Every Graph route the sandbox serves. */
import { assignmentRoutes } from "./assignments";
import { conditionalAccessRoutes } from "./conditionalAccess";
import { configurationPolicyRoutes } from "./configurationPolicies";
import { groupLinkRoutes } from "./groupLinks";
import { groupRoutes } from "./groups";
import type { Route } from "./router";
import type { SandboxState } from "./state";
import { tapRoutes } from "./tap";
import { userRoutes } from "./users";

export function allRoutes(state: SandboxState): Route[] {
  return [
    ...tapRoutes(state),
    ...conditionalAccessRoutes(state),
    ...groupRoutes(state),
    ...groupLinkRoutes(state),
    ...configurationPolicyRoutes(state),
    ...assignmentRoutes(state),
    ...userRoutes(state),
  ];
}
