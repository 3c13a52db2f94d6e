/**
 * The checks, in order: permissions (the token's roles, for the deployer or the reader), referenced objects, the tenant (Intune,
 * the Web sign-in setting, the Autopilot deployment profiles), then the guardrails, the lock-out
 * what-if and Graph's What If cross-check. Every
 * request is a read (GET, plus the What If POST, which changes nothing); each object is read once.
 */
import type { GraphClient } from "../../infra/graph/types";
import { resolveReferences } from "../../infra/references/resolveReferences";
import type { DeclaredOnboardingSettings, OnboardingSettings } from "../../policies/settings";
import type { AuthenticationStrength, ConditionalAccessPolicyDocument } from "../../policies/whatIf/types";
import { evaluateGuardrails } from "../../policies/guardrails";
import { managesWebSignIn } from "../../policies/managed";
import type { AutopilotDeploymentProfileFact } from "../../policies/guardrails/context";
import { readAutopilotProfiles, type AutopilotRead } from "./autopilot";
import { crossCheckWithGraph, evaluateLockout } from "./lockout";
import { checkObjects } from "./objects";
import type { PreflightIdentity } from "./options";
import { permissionRows } from "./permissions";
import { checkTenant } from "./tenant";
import type { TokenRoles } from "./token";
import type { CheckRow } from "./types";

const NO_AUTOPILOT_READ: AutopilotRead = { rows: [] };

type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

async function attempt<T>(read: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

export async function runChecks(
  client: GraphClient,
  declared: DeclaredOnboardingSettings,
  token: TokenRoles,
  identity: PreflightIdentity = "deployer",
): Promise<CheckRow[]> {
  const rows: CheckRow[] = [...permissionRows(declared, token, identity)];

  const [policies, strengths] = await Promise.all([
    attempt(() => client.list<ConditionalAccessPolicyDocument>("/identity/conditionalAccess/policies")),
    attempt(() => client.list<AuthenticationStrength>("/policies/authenticationStrengthPolicies")),
  ]);
  // Intune, the Web sign-in setting and the Autopilot profiles matter only to a stack that declares the profile.
  const webSignIn = managesWebSignIn(declared);
  const [objects, tenant, autopilot] = await Promise.all([
    checkObjects(client, declared, strengths.ok ? strengths.value : { failed: strengths.reason }),
    webSignIn ? checkTenant(client) : [],
    webSignIn ? readAutopilotProfiles(client) : NO_AUTOPILOT_READ,
  ]);
  rows.push(...objects.rows, ...tenant, ...autopilot.rows);

  const notEvaluated = (why: string): void => {
    rows.push({ area: "lock-out", subject: "what-if", status: "fail", detail: `not evaluated: ${why}` });
  };
  if (!policies.ok)
    return (notEvaluated(`the Conditional Access policies could not be read: ${policies.reason}`), rows);
  if (!strengths.ok)
    return (notEvaluated(`the authentication strengths could not be read: ${strengths.reason}`), rows);
  if (!objects.allFound) {
    rows.push({
      area: "lock-out",
      subject: "what-if",
      status: "warning",
      detail: "not evaluated: fix the referenced objects above first (the evaluation needs their real ids)",
    });
    return rows;
  }
  let settings: OnboardingSettings;
  try {
    settings = await resolveReferences(declared, objects.lookups);
  } catch (error) {
    notEvaluated(error instanceof Error ? error.message : String(error));
    return rows;
  }
  rows.push(...guardrailRows(settings, strengths.value, autopilot.profiles));
  const input = {
    settings,
    livePolicies: policies.value,
    strengths: strengths.value,
    breakGlassUsers: objects.breakGlassUsers,
  };
  const lockout = evaluateLockout(input);
  rows.push(...lockout.rows);
  rows.push(...(await crossCheckWithGraph(client, input, lockout)));
  return rows;
}

/**
 * The program's guardrails on the resolved settings, with the tenant facts preflight has read: the
 * authentication strengths (PO-CA-004) and, when they could be read, the Autopilot deployment
 * profiles with their group assignments (PO-WSI-002; silent without them, as in `pulumi preview`).
 * Errors and configuration problems stop the program: failures here.
 */
function guardrailRows(
  settings: OnboardingSettings,
  strengths: AuthenticationStrength[],
  autopilotProfiles: AutopilotDeploymentProfileFact[] | undefined,
): CheckRow[] {
  const report = evaluateGuardrails(settings, undefined, {
    authenticationStrengths: strengths,
    ...(autopilotProfiles === undefined ? {} : { autopilotProfiles }),
  });
  return [
    ...report.problems.map((problem): CheckRow => ({
      area: "guardrails",
      subject: "guardrails.suppress",
      status: "fail",
      detail: problem,
    })),
    ...report.errors.map((finding): CheckRow => ({
      area: "guardrails",
      subject: finding.ruleId,
      status: "fail",
      detail: `${finding.what} Found: ${finding.detail}`,
    })),
    ...report.warnings.map((finding): CheckRow => ({
      area: "guardrails",
      subject: finding.ruleId,
      status: "warning",
      detail: `${finding.what} Found: ${finding.detail}`,
    })),
  ];
}
