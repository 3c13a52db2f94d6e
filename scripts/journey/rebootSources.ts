/**
 * What restarts a device during the Enrollment Status Page, recognised from Graph. Any restart in
 * device setup clears the cached credentials and turns autologon off, so the new joiner meets the
 * Windows sign-in screen again before account setup (where only Web sign-in takes the pass):
 * https://learn.microsoft.com/intune/intune-service/enrollment/windows-enrollment-status (known issues).
 * Each rule names its own source; causes the reference leaves unverified (App Control for Business,
 * DeviceLock password rules, legacy intent baselines) are not flagged.
 */
import type { EnrollmentStatusPageFact } from "./reads/enrollmentConfigurations";
import type { DeviceConfigurationFact } from "./reads/deviceConfigurations";
import type { ConfiguredSetting, IntunePolicyFact } from "./reads/intunePolicies";
import type { Win32AppFact } from "./reads/win32Apps";
import { SOURCES } from "./sources";

export interface RebootReason {
  /** The setting and value, or property and value, that restarts the device. */
  setting: string;
  why: string;
  source: string;
}

const APPLOCKER_WHY =
  "the AppLocker CSP restarts the device when its policy is applied, and the restart cannot be suppressed or postponed";
const DEVICE_GUARD_WHY = "Device Guard / virtualization-based security takes effect only at the next restart";
const UAC_WHY = "User Account Control elevation and admin-approval settings need a restart";
const PREVIEW_BUILDS_WHY =
  "it sets Update/ManagePreviewBuilds, which restarts the device during enrollment (a field report; rings made before Intune 2111 carry it)";

/** Device Guard / VBS setting ids and the values that turn them on (undefined: any value). */
const DEVICE_GUARD_SETTINGS: Record<string, string[] | undefined> = {
  device_vendor_msft_policy_config_deviceguard_enablevirtualizationbasedsecurity: ["_1"],
  device_vendor_msft_policy_config_deviceguard_lsacfgflags: ["_1", "_2"],
  device_vendor_msft_policy_config_deviceguard_requireplatformsecurityfeatures: undefined,
  device_vendor_msft_policy_config_deviceguard_configuresystemguardlaunch: ["_1"],
  device_vendor_msft_policy_config_virtualizationbasedtechnology_hypervisorenforcedcodeintegrity: [
    "_1",
    "_2",
  ],
};

/** Update ring, custom AppLocker profile, or legacy endpoint protection with AppLocker. */
export function deviceConfigurationReboot(profile: DeviceConfigurationFact): RebootReason | undefined {
  const document = profile.profile;
  if (profile.type === "#microsoft.graph.windowsupdateforbusinessconfiguration") {
    const branch = document.businessReadyUpdatesOnly;
    if (typeof branch !== "string" || branch === "userDefined") return undefined;
    return {
      setting: `businessReadyUpdatesOnly "${branch}"`,
      why: PREVIEW_BUILDS_WHY,
      source: SOURCES.updateRingReport,
    };
  }
  if (profile.type === "#microsoft.graph.windows10customconfiguration") {
    const settings = Array.isArray(document.omaSettings)
      ? (document.omaSettings as { omaUri?: unknown }[])
      : [];
    const appLocker = settings.find((setting) => /\/Vendor\/MSFT\/AppLocker\//i.test(String(setting.omaUri)));
    if (appLocker === undefined) return undefined;
    return {
      setting: `OMA-URI ${String(appLocker.omaUri)}`,
      why: APPLOCKER_WHY,
      source: SOURCES.autopilotPolicyConflicts,
    };
  }
  if (profile.type === "#microsoft.graph.windows10endpointprotectionconfiguration") {
    const control = document.appLockerApplicationControl;
    if (typeof control !== "string" || control === "notConfigured") return undefined;
    return {
      setting: `appLockerApplicationControl "${control}"`,
      why: APPLOCKER_WHY,
      source: SOURCES.autopilotPolicyConflicts,
    };
  }
  return undefined;
}

function settingReboot(setting: ConfiguredSetting): RebootReason | undefined {
  const id = setting.definitionId.toLowerCase();
  const shown = `${setting.definitionId} = ${setting.value}`;
  if (id in DEVICE_GUARD_SETTINGS) {
    const values = DEVICE_GUARD_SETTINGS[id];
    if (values !== undefined && !values.some((suffix) => setting.value.toLowerCase().endsWith(suffix)))
      return undefined;
    return { setting: shown, why: DEVICE_GUARD_WHY, source: SOURCES.deviceGuardCsp };
  }
  if (id.startsWith("device_vendor_msft_policy_config_localpoliciessecurityoptions_useraccountcontrol_"))
    return { setting: shown, why: UAC_WHY, source: SOURCES.autopilotPolicyConflicts };
  if (id === "device_vendor_msft_policy_config_update_managepreviewbuilds")
    return { setting: shown, why: PREVIEW_BUILDS_WHY, source: SOURCES.updateRingReport };
  if (id === "device_vendor_msft_bitlocker_requiredeviceencryption" && setting.value.endsWith("_1"))
    return {
      setting: shown,
      why: "BitLocker's state is measured at boot: the device reports it (and becomes compliant) only after a restart",
      source: SOURCES.compliance,
    };
  return undefined;
}

/** A security baseline as a whole, or each restarting setting of another settings-catalog policy. */
export function intunePolicyReboots(policy: IntunePolicyFact): RebootReason[] {
  if (policy.templateFamily === "baseline")
    return [
      {
        setting: `security baseline (templateFamily "baseline")`,
        why: `its ${UAC_WHY.charAt(0).toLowerCase()}${UAC_WHY.slice(1)}, as does "Enable virtualization based security"`,
        source: SOURCES.autopilotPolicyConflicts,
      },
    ];
  return (policy.settings ?? [])
    .map(settingReboot)
    .filter((reason): reason is RebootReason => reason !== undefined);
}

export function appReboot(app: Win32AppFact): RebootReason | undefined {
  if (app.deviceRestartBehavior !== "force") return undefined;
  return {
    setting: `installExperience.deviceRestartBehavior "force"`,
    why: "Intune restarts the device after installing it",
    source: SOURCES.enrollmentStatusPage,
  };
}

export function enrollmentStatusPageReboot(page: EnrollmentStatusPageFact): RebootReason | undefined {
  if (!page.installQualityUpdates) return undefined;
  return {
    setting: "installQualityUpdates true",
    why: "Windows quality updates install after the page, add 20–40 minutes and may restart the device; after that restart the user is not signed in automatically",
    source: SOURCES.enrollmentStatusPage,
  };
}
