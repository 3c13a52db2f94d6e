/** The PATCH body that sets the whole TAP configuration in one request. */
import { TAP_ODATA_TYPE, TapConfiguration } from "./model";

export interface TapPatchBody extends TapConfiguration {
  "@odata.type": string;
}

/** Graph requires `@odata.type` on this PATCH; every managed property is sent so the result is exact. */
export function tapPatchBody(configuration: TapConfiguration): TapPatchBody {
  return {
    "@odata.type": TAP_ODATA_TYPE,
    state: configuration.state,
    defaultLifetimeInMinutes: configuration.defaultLifetimeInMinutes,
    minimumLifetimeInMinutes: configuration.minimumLifetimeInMinutes,
    maximumLifetimeInMinutes: configuration.maximumLifetimeInMinutes,
    defaultLength: configuration.defaultLength,
    isUsableOnce: configuration.isUsableOnce,
    includeTargets: configuration.includeTargets.map((t) => ({
      id: t.id,
      targetType: t.targetType,
      isRegistrationRequired: t.isRegistrationRequired,
    })),
    excludeTargets: configuration.excludeTargets.map((t) => ({ id: t.id, targetType: t.targetType })),
  };
}
