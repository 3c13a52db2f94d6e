/**
 * Shared set-up for the emulation's tests: a fresh Graph sandbox and emulation per test, URNs of
 * the module's two azuread resources, the program's own inputs as the engine sends them, and the
 * sandbox's Graph request log as `METHOD /path?query` lines.
 */
import { startSandbox, type RequestLogEntry, type Sandbox, type SandboxOptions } from "../../sandbox";
import type { NativeProvider, PropertyMap } from "../nativeProvider";
import { autopilotGroupArgs } from "../../../infra/native/autopilotGroupArgs";
import { conditionalAccessPolicyArgs } from "../../../infra/native/conditionalAccessPolicyArgs";
import { desiredRegistrationPolicy } from "../../../policies/registrationPolicy";
import type { AutopilotSettings, RegistrationPolicySettings } from "../../../policies/settings";
import { createAzureadEmulation } from ".";
import { CONDITIONAL_ACCESS_POLICY_TYPE } from "./conditionalAccessPolicy/schema";
import { GROUP_TYPE } from "./group/schema";

const PARENT = "passwordless:onboarding:PasswordlessOnboarding";
export const GROUP_URN = `urn:pulumi:dev::passwordless-onboarding::${PARENT}$${GROUP_TYPE}::onboarding-autopilot-group`;
export const POLICY_URN = `urn:pulumi:dev::passwordless-onboarding::${PARENT}$${CONDITIONAL_ACCESS_POLICY_TYPE}::onboarding-registration-policy`;

export interface Emulated {
  sandbox: Sandbox;
  group: NativeProvider;
  policy: NativeProvider;
}

/** A fresh sandbox and emulation for every test (the object is filled in before each test). */
export function useEmulation(options: SandboxOptions = {}): Emulated {
  const emulated = {} as Emulated;
  beforeEach(async () => {
    emulated.sandbox = await startSandbox(options);
    const providers = createAzureadEmulation({
      graphEndpoint: emulated.sandbox.graphEndpoint,
      authorityHost: emulated.sandbox.authorityHost,
      tenantId: emulated.sandbox.tenantId,
      clientId: emulated.sandbox.clientId,
      clientSecret: emulated.sandbox.clientSecret,
    });
    emulated.group = providers.get(GROUP_TYPE) as NativeProvider;
    emulated.policy = providers.get(CONDITIONAL_ACCESS_POLICY_TYPE) as NativeProvider;
  });
  afterEach(async () => {
    await emulated.sandbox?.stop();
  });
  return emulated;
}

/** Program inputs as the engine sends them: undefined properties dropped, plain JSON. */
export function engineInputs(args: unknown): PropertyMap {
  return JSON.parse(JSON.stringify(args)) as PropertyMap;
}

export const AUTOPILOT: AutopilotSettings = { groupDisplayName: "Autopilot devices (dev)" };

/** The module's group inputs (infra/native/autopilotGroupArgs.ts). */
/**
 * The program's group inputs, with `preventDuplicateNames` set: these tests exercise the provider's
 * own duplicate-name check, which the program leaves to its DisplayNameGuard (autopilotGroupArgs.ts).
 */
export function groupInputs(settings: AutopilotSettings = AUTOPILOT): PropertyMap {
  return engineInputs({ ...autopilotGroupArgs(settings), preventDuplicateNames: true });
}

export const BREAK_GLASS = "11111111-0000-4000-8000-000000000001";

export const REGISTRATION: RegistrationPolicySettings = {
  displayName: "Require MFA to register security info",
  state: "enabledForReportingButNotEnforced",
  breakGlassUserIds: [BREAK_GLASS],
  excludeGroupIds: [],
  excludeGuests: true,
  excludeRoleTemplateIds: [],
  allowFromTrustedLocations: true,
};

/** The module's policy inputs (infra/native/conditionalAccessPolicyArgs.ts). */
export function policyInputs(overrides: Partial<RegistrationPolicySettings> = {}): PropertyMap {
  return engineInputs(
    conditionalAccessPolicyArgs(desiredRegistrationPolicy({ ...REGISTRATION, ...overrides })),
  );
}

function line(entry: RequestLogEntry): string {
  const query = new URLSearchParams(entry.query).toString();
  return `${entry.method} ${entry.path}${query ? `?${decodeURIComponent(query.replace(/\+/g, " "))}` : ""}`;
}

/** The sandbox's Graph requests so far, as `METHOD /path?query` (query decoded). */
export function graphCalls(sandbox: Sandbox): string[] {
  return sandbox.graphRequests().map(line);
}

/** Checks and creates, as `up` does; returns the checked inputs and the create result. */
export async function checkAndCreate(
  provider: NativeProvider,
  urn: string,
  inputs: PropertyMap,
): Promise<{ inputs: PropertyMap; id: string; outputs: PropertyMap }> {
  const checked = await provider.check(urn, {}, inputs);
  if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  const created = await provider.create(urn, checked.inputs, false);
  return { inputs: checked.inputs, ...created };
}
