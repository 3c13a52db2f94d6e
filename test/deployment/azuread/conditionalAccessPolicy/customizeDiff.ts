/**
 * The policy's CustomizeDiff and the DiffSuppressFunc of `session_controls`
 * (terraform-provider-azuread
 * internal/services/conditionalaccess/conditional_access_policy_resource.go:539-610 @38d1993a),
 * evaluated on planned values.
 */
import { UNKNOWN } from "../../nativeProvider";
import { isObject, PropertyMap } from "../schema";

function text(value: unknown): string {
  return typeof value === "string" && value !== UNKNOWN ? value : "";
}

function number(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

/** The plan-time error for these planned values, or undefined. */
export function policyPlanError(planned: PropertyMap): string | undefined {
  const session = isObject(planned.sessionControls) ? planned.sessionControls : undefined;
  const hasGrant = isObject(planned.grantControls);
  const ineffective =
    session !== undefined &&
    session.applicationEnforcedRestrictionsEnabled !== true &&
    text(session.cloudAppSecurityPolicy) === "" &&
    session.disableResilienceDefaults !== true &&
    text(session.persistentBrowserMode) === "" &&
    number(session.signInFrequency) === 0 &&
    text(session.signInFrequencyAuthenticationType) === "primaryAndSecondaryAuthentication" &&
    text(session.signInFrequencyInterval) === "timeBased";
  if (!hasGrant && ineffective)
    return "when specifying `session_controls` but not `grant_controls`, one of the properties in the `session_controls` block must be set to an effective value in order for session controls to work";
  if (session && text(session.signInFrequencyInterval) === "everyTime") {
    if (number(session.signInFrequency) !== 0 || text(session.signInFrequencyPeriod) !== "")
      return "when `session_controls.sign_in_frequency_interval` is set to `everyTime`, `sign_in_frequency` and `sign_in_frequency_period` are not valid";
  }
  return undefined;
}

/**
 * `conditionalAccessPolicyDiffSuppress`: adding a `session_controls` block whose members are all
 * unset is not a change (Graph condenses ineffective session controls to null).
 */
export function sessionControlsAdditionSuppressed(prior: PropertyMap, planned: PropertyMap): boolean {
  const before = prior.sessionControls;
  const after = planned.sessionControls;
  if ((before !== null && before !== undefined) || !isObject(after)) return false;
  return Object.values(after).every(
    (value) =>
      value === null ||
      value === undefined ||
      value === UNKNOWN ||
      value === false ||
      value === "" ||
      value === 0,
  );
}
