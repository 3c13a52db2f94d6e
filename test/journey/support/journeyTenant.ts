/**
 * Sandbox tenants for the journey check: a healthy one a new joiner gets through (every step ok),
 * built "as if made in the portal" (seeded, not logged), that each test then breaks one way; the
 * stack file; and an in-process run of the command.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { clearCredentialCache } from "../../../infra/graph/credentialCache";
import { run } from "../../../scripts/journey/main";
import type { Sandbox } from "../../sandbox";
import { seedAutopilotProfile } from "../../sandbox/autopilotProfiles";
import { seedDevice } from "../../sandbox/journey/devices";
import {
  seedEnrollmentStatusPage,
  setDefaultWindowsHelloForBusiness,
} from "../../sandbox/journey/enrollmentConfigurations";
import { seedUpdateRing } from "../../sandbox/journey/deviceConfigurations";
import { choiceSetting, seedIntunePolicy } from "../../sandbox/journey/intunePolicies";
import type { RequestLogEntry } from "../../sandbox/requestLog";
import { runInProcess, type CommandRun } from "../../support/commandRun";

export const WEB_SIGN_IN_NAME = "Windows - Enable Web Sign-in";
export const WEB_SIGN_IN_SETTING = "device_vendor_msft_policy_config_authentication_enablewebsignin";
export const REGISTRATION_POLICY_NAME = "Require MFA to register security info";

/**
 * The read grant the journey check documents: DeviceManagementConfiguration.Read.All also covers
 * the Autopilot profile and enrollment configuration reads (whose least permission is
 * DeviceManagementServiceConfig.Read.All).
 */
export const JOURNEY_READ_PERMISSIONS = [
  "Policy.Read.All",
  "GroupMember.Read.All",
  "Device.Read.All",
  "DeviceManagementConfiguration.Read.All",
  "DeviceManagementApps.Read.All",
];

export interface HealthyTenant {
  autopilotGroup: string;
  newHires: string;
  devices: { id: string; displayName: string }[];
  profile: string;
  enrollmentStatusPage: string;
  /** The tenant-wide Windows Hello for Business enrollment policy. */
  hello: string;
  webSignIn: string;
  registrationPolicy: string;
}

/**
 * A tenant where a new joiner gets through: three Entra-joined devices in "Autopilot devices",
 * an Entra join user-driven profile and a 60-minute ESP on that group, a multi-use pass lasting
 * 120 minutes by default, Windows Hello enabled, the Web sign-in profile assigned to the group, an
 * update ring that does not restart devices, and a registration policy requiring MFA.
 */
export function seedHealthyTenant(sandbox: Sandbox): HealthyTenant {
  sandbox.setPermissions(...JOURNEY_READ_PERMISSIONS);
  const autopilotGroup = sandbox.addGroup({
    displayName: "Autopilot devices",
    groupTypes: ["DynamicMembership"],
    membershipRule: '(device.devicePhysicalIDs -any (_ -startsWith "[ZTDId]"))',
    membershipRuleProcessingState: "On",
  });
  const newHires = sandbox.addGroup({ displayName: "New hires" });
  const devices = ["PC-0001", "PC-0002", "PC-0003"].map((displayName) => ({
    id: seedDevice(sandbox, { displayName, groupIds: [autopilotGroup] }),
    displayName,
  }));
  sandbox.setTap({
    state: "enabled",
    isUsableOnce: false,
    defaultLifetimeInMinutes: 120,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    includeTargets: [{ targetType: "group", id: newHires, isRegistrationRequired: false }],
    excludeTargets: [],
  });
  const profile = seedAutopilotProfile(sandbox, {
    displayName: "Entra join - user driven",
    assignedGroupIds: [autopilotGroup],
    createdDateTime: "2025-01-10T09:00:00.0000000Z",
  });
  const enrollmentStatusPage = seedEnrollmentStatusPage(sandbox, {
    displayName: "Autopilot ESP",
    installProgressTimeoutInMinutes: 60,
    assignments: { include: [autopilotGroup] },
  });
  const hello = setDefaultWindowsHelloForBusiness(sandbox, "enabled");
  seedUpdateRing(sandbox, {
    displayName: "Broad ring",
    businessReadyUpdatesOnly: "userDefined",
    assignments: { include: [autopilotGroup] },
  });
  const webSignIn = seedIntunePolicy(sandbox, {
    name: WEB_SIGN_IN_NAME,
    settings: [choiceSetting(WEB_SIGN_IN_SETTING, `${WEB_SIGN_IN_SETTING}_1`)],
    assignments: { include: [autopilotGroup] },
  });
  const registrationPolicy = sandbox.seedConditionalAccessPolicy({
    displayName: REGISTRATION_POLICY_NAME,
    state: "enabled",
    conditions: {
      clientAppTypes: ["all"],
      applications: { includeUserActions: ["urn:user:registersecurityinfo"] },
      users: { includeUsers: ["All"], excludeUsers: [], excludeGroups: [] },
    },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
  });
  return {
    autopilotGroup,
    newHires,
    devices,
    profile,
    enrollmentStatusPage,
    hello,
    webSignIn,
    registrationPolicy,
  };
}

/** The stack config of the healthy tenant: the Autopilot group by name, the joiners by id. */
export function stackConfig(tenant: HealthyTenant): Record<string, Record<string, unknown>> {
  return {
    temporaryAccessPass: {
      state: "enabled",
      includeGroupIds: [tenant.newHires],
      minimumLifetimeInMinutes: 60,
      defaultLifetimeInMinutes: 120,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: false,
    },
    registrationPolicy: { displayName: REGISTRATION_POLICY_NAME, state: "enabled", adoptExisting: false },
    autopilot: { groupDisplayName: "Autopilot devices", adoptExisting: false },
    webSignIn: { policyName: WEB_SIGN_IN_NAME, adoptExisting: false },
  };
}

export function writeStack(dir: string, config: Record<string, unknown>, stack = "dev"): void {
  const document: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) document[`passwordless-onboarding:${key}`] = value;
  writeFileSync(join(dir, `Pulumi.${stack}.yaml`), stringify({ config: document }));
}

export interface JourneyStepJson {
  number: number;
  title: string;
  verdict: string;
  findings: { verdict: string; evidence: string; why?: string; change?: string }[];
}

export interface JourneyRun extends CommandRun {
  json: { verdict: string; steps: JourneyStepJson[] } | undefined;
}

export const CHECKED_AT = new Date("2026-03-02T10:00:00.000Z");

/** Runs `npm run journey -- --stack dev --json dev.journey.json` in process against the sandbox. */
export async function runJourney(
  sandbox: Sandbox,
  dir: string,
  args: string[] = ["--stack", "dev", "--json", "dev.journey.json"],
  overrides: Record<string, string> = {},
): Promise<JourneyRun> {
  clearCredentialCache();
  const { NODE_EXTRA_CA_CERTS: _ca, ...sandboxEnv } = sandbox.env();
  const result = await runInProcess(run, args, {
    dir,
    env: { ...sandboxEnv, ...overrides },
    now: CHECKED_AT,
  });
  const file = join(dir, "dev.journey.json");
  const json = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as JourneyRun["json"]) : undefined;
  return { ...result, json };
}

/** The verdict of each step, in order. */
export function verdicts(result: JourneyRun): string[] {
  return (result.json?.steps ?? []).map((item) => item.verdict);
}

/** The findings of step `number` as `verdict: evidence` lines. */
export function findings(result: JourneyRun, number: number): string[] {
  const found = result.json?.steps.find((item) => item.number === number);
  return (found?.findings ?? []).map((finding) => `${finding.verdict}: ${finding.evidence}`);
}

function line(entry: RequestLogEntry): string {
  const query = Object.entries(entry.query)
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return `${entry.method} ${entry.path}${query === "" ? "" : `?${query}`}`;
}

/** Every Graph request as `GET /path?query`; throws when one was not a GET (the check must not write). */
export function readsOnly(sandbox: Sandbox): string[] {
  const lines = sandbox.graphRequests().map(line);
  const writes = lines.filter((text) => !text.startsWith("GET "));
  if (writes.length > 0)
    throw new Error(`the journey check sent a request that is not a GET:\n${writes.join("\n")}`);
  if (sandbox.unknownRoutes().length > 0)
    throw new Error(`requests the sandbox does not know:\n${sandbox.unknownRoutes().map(line).join("\n")}`);
  return lines;
}
