/**
 * Graph cuts a profile's `$expand=settings` list at 25 and adds `settings@odata.nextLink`; the
 * sandbox always answers the whole list. This makes the sandbox's next GET of the profile answer
 * in Graph's cut shape, with a nextLink into the sandbox's own paged `/settings`.
 */
import type { JsonObject, Sandbox } from "../../sandbox";

/** Settings per page, in Graph's expanded list and in `/settings`. */
export const SETTINGS_PAGE_SIZE = 25;

const POLICIES = "/beta/deviceManagement/configurationPolicies";

export function cutExpandedSettings(sandbox: Sandbox, id: string): void {
  const { settings, assignments: _assignments, ...metadata } = sandbox.configurationPolicy(id)!;
  const stored = settings as JsonObject[];
  if (stored.length <= SETTINGS_PAGE_SIZE) return;
  const skipToken = Buffer.from(JSON.stringify({ offset: SETTINGS_PAGE_SIZE })).toString("base64url");
  sandbox.fault({
    method: "GET",
    path: `${POLICIES}/${id}`,
    status: 200,
    body: {
      ...metadata,
      settings: stored.slice(0, SETTINGS_PAGE_SIZE),
      "settings@odata.nextLink": `${sandbox.graphEndpoint}${POLICIES}/${id}/settings?$skiptoken=${skipToken}`,
    },
  });
}
