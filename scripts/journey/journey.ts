/**
 * The journey check: read the tenant (GET only), then judge the six steps. Independent reads run
 * together; the Autopilot group's devices come next, then the device members of the other groups
 * the read assignments name (only when the group has devices), then the settings of the
 * settings-catalog policies that reach the devices or the joiners (and of the Web sign-in profile).
 */
import type { GraphClient } from "../../infra/graph/types";
import type { DeclaredOnboardingSettings } from "../../policies/settings";
import { Audience } from "./audience";
import type { JourneyFacts } from "./facts";
import { readAutopilotProfiles } from "./reads/autopilotProfiles";
import { readCompliancePolicies } from "./reads/compliancePolicies";
import { readConditionalAccess } from "./reads/conditionalAccess";
import { readDeviceConfigurations } from "./reads/deviceConfigurations";
import { readEnrollmentConfigurations } from "./reads/enrollmentConfigurations";
import {
  readGroupDevices,
  readMembership,
  type DeviceFact,
  type DeviceMembership,
} from "./reads/groupDevices";
import { readIntunePolicies, readPolicySettings, type IntunePolicyFact } from "./reads/intunePolicies";
import type { ReadOutcome } from "./reads/outcome";
import { readAutopilotGroup, readJoinerGroups } from "./reads/stackGroups";
import { readTapPolicy } from "./reads/temporaryAccessPass";
import { readWin32Apps } from "./reads/win32Apps";
import { afterDeviceSetupStep } from "./steps/afterDeviceSetup";
import { oobeSignInStep } from "./steps/oobeSignIn";
import { rebootsStep } from "./steps/reboots";
import { registrationStep } from "./steps/registration";
import { timeStep } from "./steps/time";
import { windowsHelloStep } from "./steps/windowsHello";
import { groupIdsOf, type Assigned } from "./targets";
import type { JourneyStep } from "./types";

const WINDOWS = /windows10/i;

function values<T>(outcome: ReadOutcome<T[]>): T[] {
  return outcome.ok ? outcome.value : [];
}

/** Reads everything the steps judge. */
export async function readJourneyFacts(
  client: GraphClient,
  settings: DeclaredOnboardingSettings,
): Promise<JourneyFacts> {
  const [
    group,
    joiners,
    tap,
    profiles,
    enrollment,
    deviceConfigurations,
    intunePolicies,
    compliance,
    apps,
    conditionalAccess,
  ] = await Promise.all([
    readAutopilotGroup(client, settings),
    readJoinerGroups(client, settings),
    readTapPolicy(client),
    readAutopilotProfiles(client),
    readEnrollmentConfigurations(client),
    readDeviceConfigurations(client),
    readIntunePolicies(client),
    readCompliancePolicies(client),
    readWin32Apps(client),
    readConditionalAccess(client),
  ]);
  const devices: ReadOutcome<DeviceFact[]> = group.ok
    ? await readGroupDevices(client, group.value.id)
    : { ok: false, notChecked: group.notChecked };
  const groupId = group.ok ? group.value.id : "";
  const joinerGroupIds = joiners.ok ? joiners.value.groups.map((joiner) => joiner.id) : [];
  const windowsPolicies = values(intunePolicies).filter((policy) => WINDOWS.test(policy.platforms));
  const assigned: Assigned[] = [
    ...values(profiles),
    ...(enrollment.ok ? [...enrollment.value.pages, ...enrollment.value.hello] : []),
    ...values(deviceConfigurations),
    ...windowsPolicies,
    ...values(compliance),
    ...values(apps),
  ];
  const hasDevices = devices.ok && devices.value.length > 0;
  const otherGroups = groupIdsOf(assigned).filter((id) => id !== groupId && !joinerGroupIds.includes(id));
  const membership: DeviceMembership = hasDevices
    ? await readMembership(client, otherGroups)
    : new Map<string, Set<string> | undefined>();
  const audience = new Audience({
    groupId,
    devices: devices.ok
      ? devices.value.map((device) => ({ id: device.id, label: device.displayName ?? device.id }))
      : [],
    membership,
    joinerGroupIds,
  });
  const needsSettings = (policy: IntunePolicyFact): boolean =>
    policy.name === settings.webSignIn.policyName ||
    (policy.templateFamily !== "baseline" &&
      WINDOWS.test(policy.platforms) &&
      (audience.mayReachDevices(policy.targets) || audience.reachesJoiners(policy.targets)));
  await readPolicySettings(client, values(intunePolicies).filter(needsSettings));
  return {
    settings,
    group,
    joiners,
    devices,
    audience,
    tap,
    profiles,
    enrollment,
    deviceConfigurations,
    intunePolicies,
    compliance,
    apps,
    conditionalAccess,
  };
}

/** The six steps, in the order the new joiner meets them. */
export function judgeJourney(facts: JourneyFacts): JourneyStep[] {
  return [
    oobeSignInStep(facts),
    afterDeviceSetupStep(facts),
    rebootsStep(facts),
    timeStep(facts),
    registrationStep(facts),
    windowsHelloStep(facts),
  ];
}
