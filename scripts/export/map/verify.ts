/**
 * The forward direction run on the exported settings and compared with what was found: which
 * properties `pulumi up` would change. For the TAP policy and the profile this is the providers'
 * own diff; for the Conditional Access policy (diffed by the azuread provider) every property of
 * the desired document is compared, id lists as sets.
 */
import { changedPolicyProperties } from "../../../infra/providers/settingsCatalog/policyDiff";
import { stateFromGraph } from "../../../infra/providers/settingsCatalog/policyDocument";
import { changedTapProperties } from "../../../infra/providers/temporaryAccessPass/diff";
import { desiredRegistrationPolicy } from "../../../policies/registrationPolicy";
import type {
  RegistrationPolicySettings,
  TemporaryAccessPassSettings,
  WebSignInSettings,
} from "../../../policies/settings";
import { desiredTemporaryAccessPassConfiguration } from "../../../policies/temporaryAccessPass";
import { desiredWebSignInProfile } from "../../../policies/webSignIn";
import type { GraphConditionalAccessPolicy, GraphProfile, GraphTapConfiguration } from "../types";
import { isRecord } from "./values";

export function tapChanges(found: GraphTapConfiguration, settings: TemporaryAccessPassSettings): string[] {
  const desired = desiredTemporaryAccessPassConfiguration(settings) as unknown as Record<string, unknown>;
  return changedTapProperties(found as Record<string, unknown>, desired).filter((key) => key !== "onDestroy");
}

export function profileChanges(found: GraphProfile, settings: WebSignInSettings): string[] {
  const current = stateFromGraph(found, found.settings, settings.adoptExisting);
  const desired = {
    ...desiredWebSignInProfile(settings),
    templateId: "",
    adoptExisting: settings.adoptExisting,
  };
  return changedPolicyProperties(current as unknown as Record<string, unknown>, desired);
}

export function registrationPolicyChanges(
  found: GraphConditionalAccessPolicy,
  settings: RegistrationPolicySettings,
): string[] {
  const changed: string[] = [];
  compare(desiredRegistrationPolicy(settings), found, "", changed);
  return changed;
}

function sortedJson(list: readonly unknown[]): string {
  return JSON.stringify(list.map((item) => JSON.stringify(item)).sort());
}

function compare(desired: unknown, found: unknown, path: string, changed: string[]): void {
  if (Array.isArray(desired)) {
    if (!Array.isArray(found) || sortedJson(desired) !== sortedJson(found)) changed.push(path);
    return;
  }
  if (isRecord(desired)) {
    const record = isRecord(found) ? found : {};
    for (const [key, value] of Object.entries(desired)) {
      compare(value, record[key], path === "" ? key : `${path}.${key}`, changed);
    }
    if (path === "grantControls" && !("authenticationStrength" in desired)) {
      const strength = record.authenticationStrength;
      if (strength !== null && strength !== undefined) changed.push("grantControls.authenticationStrength");
    }
    return;
  }
  if (path === "grantControls.authenticationStrength.id") {
    const id = found;
    if (typeof id !== "string" || id.toLowerCase() !== String(desired).toLowerCase()) changed.push(path);
    return;
  }
  if (desired !== found) changed.push(path);
}
