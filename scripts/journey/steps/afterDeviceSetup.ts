/**
 * Step 2 — after device setup: Windows shows its normal sign-in screen, where only the Web sign-in
 * credential provider accepts a pass. The stack's Web sign-in profile must enable it and reach every
 * device of the Autopilot group (no exclusion group holding one, no assignment filter left to
 * chance), and the devices must be Microsoft Entra joined (trustType AzureAd; ServerAd is on-premises
 * or hybrid joined, Workplace only registered).
 * https://learn.microsoft.com/windows/security/identity-protection/web-sign-in/;
 * https://learn.microsoft.com/graph/api/resources/device
 */
import { managesWebSignIn } from "../../../policies/managed";
import { ENABLE_WEB_SIGN_IN_ENABLED, ENABLE_WEB_SIGN_IN_SETTING_ID } from "../../../policies/webSignIn";
import type { AudienceDevice } from "../audience";
import { named, plural, type JourneyFacts } from "../facts";
import { DEVICE_READ_PERMISSION } from "../reads/groupDevices";
import { WEB_SIGN_IN_UNMANAGED } from "../reads/stackGroups";
import type { IntunePolicyFact } from "../reads/intunePolicies";
import { SOURCES } from "../sources";
import { step, type Finding, type JourneyStep } from "../types";

const WHY_WEB_SIGN_IN = `after device setup (and after any restart) only Web sign-in accepts the pass (${SOURCES.webSignIn})`;
const SHOWN_DEVICES = 5;

function list(devices: AudienceDevice[]): string {
  const shown = devices.slice(0, SHOWN_DEVICES).map((device) => `${device.label} (${device.id})`);
  return devices.length > SHOWN_DEVICES
    ? `${shown.join(", ")} and ${devices.length - SHOWN_DEVICES} more`
    : shown.join(", ");
}

function settingFinding(profile: IntunePolicyFact): Finding {
  if (profile.settings === undefined)
    return {
      verdict: "not checked",
      evidence: profile.settingsNotRead ?? `the settings of ${named(profile)} were not read`,
    };
  const value = profile.settings.find(
    (setting) => setting.definitionId === ENABLE_WEB_SIGN_IN_SETTING_ID,
  )?.value;
  if (value === ENABLE_WEB_SIGN_IN_ENABLED)
    return {
      verdict: "ok",
      evidence: `Web sign-in profile ${named(profile)}: ${ENABLE_WEB_SIGN_IN_SETTING_ID} = ${value}`,
    };
  return {
    verdict: "blocked",
    evidence: `Web sign-in profile ${named(profile)}: ${ENABLE_WEB_SIGN_IN_SETTING_ID} is ${value === undefined ? "not set" : `${value}, not ${ENABLE_WEB_SIGN_IN_ENABLED}`}`,
    why: WHY_WEB_SIGN_IN,
    change: "run pulumi up to restore the profile's settings",
  };
}

function reachFindings(facts: JourneyFacts, profile: IntunePolicyFact): Finding[] {
  const audience = facts.audience;
  const counts = audience.count(profile.targets);
  const which = (devices: AudienceDevice[]): string =>
    audience.standIn
      ? "the Autopilot group"
      : `${plural(devices.length, "device")} of ${audience.devices.length} (${list(devices)})`;
  const findings: Finding[] = [];
  if (counts.excluded.length > 0) {
    const groups = [
      ...new Set(counts.excluded.map((device) => audience.reach(profile.targets, device).excludedBy)),
    ];
    findings.push({
      verdict: "blocked",
      evidence: `${named(profile)} does not reach ${which(counts.excluded)}: excluded by group ${groups.join(", ")}`,
      why: WHY_WEB_SIGN_IN,
      change: `remove the exclusion of group ${groups.join(", ")} from the Web sign-in profile, or take those devices out of that group`,
    });
  }
  if (counts["not assigned"].length > 0)
    findings.push({
      verdict: "blocked",
      evidence: `${named(profile)} is not assigned to ${which(counts["not assigned"])}`,
      why: WHY_WEB_SIGN_IN,
      change: "run pulumi up: the stack assigns the profile to the Autopilot group",
    });
  if (counts.filtered.length > 0) {
    const filter = audience.reach(profile.targets, counts.filtered[0]).filter;
    findings.push({
      verdict: "at risk",
      evidence: `${named(profile)} reaches ${which(counts.filtered)} only through assignment filter ${filter?.id ?? "?"} (${filter?.type ?? "?"})`,
      why: "assignment filters are evaluated on the device: the check cannot tell which devices they keep",
      change: "drop the filter from the Web sign-in assignment, or make sure it keeps every Autopilot device",
    });
  }
  if (counts.unknown.length > 0)
    findings.push({
      verdict: "at risk",
      evidence: `whether ${named(profile)} reaches ${which(counts.unknown)} is unknown: a targeted group's members could not be read`,
    });
  if (findings.length === 0)
    findings.push({
      verdict: "ok",
      evidence: `${named(profile)} reaches ${audience.standIn ? "the Autopilot group (assigned, not excluded)" : `all ${plural(audience.devices.length, "device")} of the Autopilot group`}`,
    });
  return findings;
}

function profileFindings(facts: JourneyFacts): Finding[] {
  if (!managesWebSignIn(facts.settings)) return [{ verdict: "not checked", evidence: WEB_SIGN_IN_UNMANAGED }];
  if (!facts.intunePolicies.ok)
    return [{ verdict: "not checked", evidence: facts.intunePolicies.notChecked }];
  const name = facts.settings.webSignIn.policyName;
  const profiles = facts.intunePolicies.value.filter((policy) => policy.name === name);
  if (profiles.length === 0)
    return [
      {
        verdict: "blocked",
        evidence: `no settings-catalog profile is named "${name}" (webSignIn.policyName)`,
        why: WHY_WEB_SIGN_IN,
        change: "run pulumi up to create the Web sign-in profile and its assignment",
      },
    ];
  return profiles.flatMap((profile) => [
    settingFinding(profile),
    ...(facts.group.ok ? reachFindings(facts, profile) : []),
  ]);
}

function trustTypeFindings(facts: JourneyFacts): Finding[] {
  if (!facts.devices.ok) return [{ verdict: "not checked", evidence: facts.devices.notChecked }];
  const devices = facts.devices.value;
  if (devices.length === 0)
    return [
      {
        verdict: "at risk",
        evidence: "the Autopilot group has no devices yet: no device's join type could be counted",
        why: "the group fills as devices are registered in Autopilot; run the check again once some are",
      },
    ];
  const unread = devices.filter((device) => device.trustType === null);
  if (unread.length === devices.length)
    return [
      {
        verdict: "not checked",
        evidence: `the group's ${plural(devices.length, "device")} show no trustType: the identity lacks ${DEVICE_READ_PERMISSION} (without it Graph returns only their ids)`,
        change: `grant ${DEVICE_READ_PERMISSION} to the identity running the check`,
      },
    ];
  const counts = new Map<string, number>();
  for (const device of devices)
    counts.set(device.trustType ?? "unknown", (counts.get(device.trustType ?? "unknown") ?? 0) + 1);
  const described = [...counts].map(([type, count]) => `${type} ${count}`).join(", ");
  const notJoined = devices.filter((device) => device.trustType !== "AzureAd");
  if (notJoined.length === 0)
    return [{ verdict: "ok", evidence: `devices by trustType: ${described} (all Microsoft Entra joined)` }];
  return [
    {
      verdict: "at risk",
      evidence: `devices by trustType: ${described}; not Microsoft Entra joined: ${notJoined
        .slice(0, SHOWN_DEVICES)
        .map(
          (device) => `${device.displayName ?? device.id} (${device.id}, ${device.trustType ?? "unknown"})`,
        )
        .join(", ")}`,
      why: `Web sign-in needs Microsoft Entra joined devices; ServerAd is on-premises or hybrid joined, Workplace only registered (${SOURCES.deviceTrustType})`,
      change:
        "keep devices that are not Microsoft Entra joined out of the Autopilot group (autopilot.groupTag)",
    },
  ];
}

export function afterDeviceSetupStep(facts: JourneyFacts): JourneyStep {
  const groupFinding: Finding[] = facts.group.ok
    ? []
    : [
        facts.group.missing === true
          ? {
              verdict: "blocked",
              evidence: facts.group.notChecked,
              why: WHY_WEB_SIGN_IN,
              change: "run pulumi up to create the Autopilot group, or fix autopilot.existingGroupId",
            }
          : { verdict: "not checked", evidence: facts.group.notChecked },
      ];
  return step(2, "After device setup: Web sign-in", [
    ...groupFinding,
    ...profileFindings(facts),
    ...trustTypeFindings(facts),
  ]);
}
