/** Microsoft's default Temporary Access Pass configuration, as a never-configured tenant returns it. */
import type { JsonObject } from "./bodies";

export const TAP_ODATA_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";

export function defaultTemporaryAccessPass(): JsonObject {
  return {
    "@odata.type": TAP_ODATA_TYPE,
    id: "TemporaryAccessPass",
    state: "disabled",
    defaultLifetimeInMinutes: 60,
    defaultLength: 8,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    isUsableOnce: false,
    excludeTargets: [],
    includeTargets: [{ targetType: "group", id: "all_users", isRegistrationRequired: false }],
  };
}
