/**
 * Step 1 — OOBE sign-in with a pass: the tenant's TAP policy is on, its passes are multi-use, the
 * joiners' groups are in scope, and the Autopilot profile each device of the group gets is
 * user-driven Microsoft Entra join.
 *
 * Sources: a Temporary Access Pass signs a user in during Windows setup of a Microsoft Entra
 * joined device; a used one-time pass is refused ("sign in was blocked due to User Credential
 * Policy"); hybrid-joined devices need another method before a pass can set up Windows Hello
 * (https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass).
 * Web sign-in works only on Microsoft Entra joined devices (https://learn.microsoft.com/windows/security/identity-protection/web-sign-in/).
 * Self-deploying profiles have no user at OOBE (https://learn.microsoft.com/autopilot/profiles).
 */
import { effectiveProfile, type EffectiveProfile } from "../effectiveProfile";
import { named, plural, type JourneyFacts } from "../facts";
import type { TapPolicyFact } from "../reads/temporaryAccessPass";
import { SOURCES } from "../sources";
import { step, type Finding, type JourneyStep } from "../types";

const ALL_USERS = "all_users";

function tapFindings(facts: JourneyFacts): Finding[] {
  if (!facts.tap.ok) return [{ verdict: "not checked", evidence: facts.tap.notChecked }];
  const tap = facts.tap.value;
  const findings: Finding[] = [];
  if (tap.state !== "enabled")
    findings.push({
      verdict: "blocked",
      evidence: `Temporary Access Pass policy: state "${tap.state}"`,
      why: `no pass can be issued or used to sign in (${SOURCES.tapHowTo})`,
      change: 'set temporaryAccessPass.state to "enabled" and run pulumi up',
    });
  if (tap.isUsableOnce)
    findings.push({
      verdict: "blocked",
      evidence: "Temporary Access Pass policy: isUsableOnce true (every pass is one-time)",
      why: `Windows asks for the pass again after device setup and after every restart; a used one-time pass is refused ("sign in was blocked due to User Credential Policy") (${SOURCES.tapHowTo})`,
      change:
        "set temporaryAccessPass.isUsableOnce to false and run pulumi up; issue joiners multi-use passes",
    });
  if (findings.length === 0)
    findings.push({
      verdict: "ok",
      evidence: `Temporary Access Pass policy: state "enabled", isUsableOnce false (passes can be multi-use)`,
    });
  return findings;
}

function scopeFindings(facts: JourneyFacts, tap: TapPolicyFact): Finding[] {
  if (!facts.joiners.ok) return [{ verdict: "not checked", evidence: facts.joiners.notChecked }];
  const joiners = facts.joiners.value;
  const include = new Set(tap.includeGroupIds);
  const exclude = new Set(tap.excludeGroupIds);
  const groups = [
    ...(joiners.allUsers ? [{ id: ALL_USERS, displayName: "all users" }] : []),
    ...joiners.groups,
  ];
  const findings: Finding[] = [];
  for (const group of groups) {
    const label =
      group.id === ALL_USERS
        ? ALL_USERS
        : group.displayName === ""
          ? `joiner group ${group.id}`
          : `joiner group "${group.displayName}" (${group.id})`;
    const included = include.has(group.id) || include.has(ALL_USERS);
    const excluded = exclude.has(group.id) || exclude.has(ALL_USERS);
    if (!included || excluded)
      findings.push({
        verdict: "blocked",
        evidence: `${label} is ${excluded ? "in the policy's excludeTargets" : "not in the policy's includeTargets"} (includeTargets: ${[...include].join(", ") || "none"}; excludeTargets: ${[...exclude].join(", ") || "none"})`,
        why: `a user outside the policy's scope cannot be given a pass, nor sign in with one (${SOURCES.tapHowTo})`,
        change:
          "run pulumi up so the tenant's policy matches temporaryAccessPass.includeGroupIds / excludeGroupIds",
      });
    else
      findings.push({
        verdict: "ok",
        evidence: `${label} is in the policy's scope (included, not excluded)`,
      });
  }
  if (groups.length === 0)
    findings.push({
      verdict: "blocked",
      evidence: "temporaryAccessPass.includeGroupIds names no joiner group",
      change: "add the new joiners' group to temporaryAccessPass.includeGroupIds",
    });
  return findings;
}

function profileFinding(effective: EffectiveProfile, devices: number, standIn: boolean): Finding[] {
  const { profile } = effective;
  const reaching = standIn ? "is assigned to the group" : `reaches ${plural(devices, "device")}`;
  const how = effective.how === "default" ? " as the default profile (assigned to all devices)" : "";
  const described = `${profile.joinType}, ${profile.deviceUsageType === "shared" ? "self-deploying" : "user-driven"} profile ${named(profile)} ${reaching}${how}`;
  const findings: Finding[] = [];
  if (profile.joinType === "hybrid join")
    findings.push({
      verdict: "blocked",
      evidence: described,
      why: `Web sign-in works only on Microsoft Entra joined devices: a hybrid-joined device asks for Active Directory credentials after its restart, and a pass sets up Windows Hello there only after another method (${SOURCES.webSignIn}; ${SOURCES.tapHowTo})`,
      change:
        "assign a Microsoft Entra join, user-driven profile to the Autopilot group, or keep hybrid devices out of it (autopilot.groupTag)",
    });
  else if (profile.joinType !== "Microsoft Entra join")
    findings.push({
      verdict: "at risk",
      evidence: described,
      why: "the profile's type is neither Microsoft Entra join nor hybrid join: the journey cannot be predicted",
    });
  else if (profile.deviceUsageType === "shared")
    findings.push({
      verdict: "at risk",
      evidence: described,
      why: `self-deploying: nobody signs in during OOBE, so the first sign-in is at the Windows sign-in screen (Web sign-in only), and only device-targeted Enrollment Status Pages apply (${SOURCES.autopilotProfiles})`,
      change: "give new joiners' devices a user-driven profile (deviceUsageType singleUser)",
    });
  else findings.push({ verdict: "ok", evidence: described });
  if (effective.uncertain)
    findings.push({
      verdict: "at risk",
      evidence: `${named(profile)} reaches the devices only through an assignment filter, or through a group whose members could not be read`,
      why: "assignment filters are evaluated on the device: the check cannot tell which devices they keep",
    });
  if (profile.preprovisioningAllowed)
    findings.push({
      verdict: "at risk",
      evidence: `${named(profile)}: preprovisioningAllowed true`,
      why: `a field report (Windows 11 24H2) has pre-provisioned devices lose the Web sign-in tile after the first Web sign-in with a pass (${SOURCES.preProvisioningTileReport})`,
      change: "for new joiners' devices, prefer user-driven deployment without pre-provisioning",
    });
  return findings;
}

function profileFindings(facts: JourneyFacts): Finding[] {
  if (!facts.group.ok) return [{ verdict: "not checked", evidence: facts.group.notChecked }];
  if (!facts.profiles.ok) return [{ verdict: "not checked", evidence: facts.profiles.notChecked }];
  const profiles = facts.profiles.value;
  const byProfile = new Map<string, { effective: EffectiveProfile; devices: number }>();
  let without = 0;
  for (const device of facts.audience.devices) {
    const effective = effectiveProfile(profiles, facts.audience, device);
    if (effective === undefined) {
      without += 1;
      continue;
    }
    const entry = byProfile.get(effective.profile.id) ?? { effective, devices: 0 };
    entry.devices += 1;
    byProfile.set(effective.profile.id, entry);
  }
  const findings = [...byProfile.values()].flatMap(({ effective, devices }) =>
    profileFinding(effective, devices, facts.audience.standIn),
  );
  if (without > 0)
    findings.push({
      verdict: "at risk",
      evidence: `no Autopilot deployment profile reaches ${facts.audience.standIn ? "the group" : plural(without, "device")}, and no profile is assigned to all devices (${plural(profiles.length, "profile")} in the tenant)`,
      why: `which deployment these devices run cannot be predicted (${SOURCES.autopilotProfiles})`,
      change: "assign a Microsoft Entra join, user-driven Autopilot profile to the Autopilot group",
    });
  return findings;
}

export function oobeSignInStep(facts: JourneyFacts): JourneyStep {
  const findings = [...tapFindings(facts)];
  if (facts.tap.ok) findings.push(...scopeFindings(facts, facts.tap.value));
  findings.push(...profileFindings(facts));
  return step(1, "OOBE sign-in with a pass", findings);
}
