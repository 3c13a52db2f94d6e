/** Everything the journey check read from the tenant, for the steps to judge (pure from here on). */
import type { DeclaredOnboardingSettings } from "../../policies/settings";
import type { Audience } from "./audience";
import type { AutopilotProfileFact } from "./reads/autopilotProfiles";
import type { CompliancePolicyFact } from "./reads/compliancePolicies";
import type { ConditionalAccessFacts } from "./reads/conditionalAccess";
import type { DeviceConfigurationFact } from "./reads/deviceConfigurations";
import type { EnrollmentFacts } from "./reads/enrollmentConfigurations";
import type { DeviceFact } from "./reads/groupDevices";
import type { IntunePolicyFact } from "./reads/intunePolicies";
import type { ReadOutcome } from "./reads/outcome";
import type { GroupFact, JoinerGroups } from "./reads/stackGroups";
import type { TapPolicyFact } from "./reads/temporaryAccessPass";
import type { Win32AppFact } from "./reads/win32Apps";

export interface JourneyFacts {
  settings: DeclaredOnboardingSettings;
  group: ReadOutcome<GroupFact>;
  joiners: ReadOutcome<JoinerGroups>;
  /** The Autopilot group's devices; not read when the group was not found. */
  devices: ReadOutcome<DeviceFact[]>;
  audience: Audience;
  tap: ReadOutcome<TapPolicyFact>;
  profiles: ReadOutcome<AutopilotProfileFact[]>;
  enrollment: ReadOutcome<EnrollmentFacts>;
  deviceConfigurations: ReadOutcome<DeviceConfigurationFact[]>;
  intunePolicies: ReadOutcome<IntunePolicyFact[]>;
  compliance: ReadOutcome<CompliancePolicyFact[]>;
  apps: ReadOutcome<Win32AppFact[]>;
  conditionalAccess: ReadOutcome<ConditionalAccessFacts>;
}

/** `"Name" (id)`: how the report names a tenant object. */
export function named(object: { name: string; id: string }): string {
  return `"${object.name}" (${object.id})`;
}

export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}
