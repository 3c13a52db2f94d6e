/**
 * The lock-out what-if: the tenant's Conditional Access policies (enabled and report-only), with
 * the stack's desired registration policy in place of the live one it manages or would adopt
 * (matched by displayName), evaluated for each standard persona by the pure evaluator in
 * policies/whatIf. A break-glass account that cannot register, or a new joiner (TAP) who cannot,
 * is a failure; other personas are reported.
 *
 * Where Graph answers, the real personas (the break-glass users) are cross-checked with Graph's own
 * What If (`POST /v1.0/identity/conditionalAccess/evaluate`, userAction registerSecurityInformation,
 * graph-facts-round2.md §3.3): its results include report-only policies, so `state` is checked here;
 * a disagreement about which enforced policies apply is a warning.
 */
import { isGraphRequestError } from "../../infra/graph/errors";
import type { GraphClient } from "../../infra/graph/types";
import { managesRegistrationPolicy } from "../../policies/managed";
import { desiredRegistrationPolicy } from "../../policies/registrationPolicy";
import type { OnboardingSettings } from "../../policies/settings";
import type {
  AuthenticationStrength,
  ConditionalAccessPolicyDocument,
  WhatIfPersona,
  WhatIfResult,
} from "../../policies/whatIf/types";
import { evaluateRegistration, standardPersonas } from "../../policies/whatIf";
import type { CheckRow } from "./types";

export interface LockoutInput {
  settings: OnboardingSettings;
  livePolicies: ConditionalAccessPolicyDocument[];
  strengths: AuthenticationStrength[];
  /** Break-glass users found: object id -> userPrincipalName. */
  breakGlassUsers: Map<string, string>;
}

export interface LockoutOutcome {
  rows: CheckRow[];
  /** Each persona evaluated, with its result. */
  results: { persona: WhatIfPersona; result: WhatIfResult }[];
}

/**
 * The policies to evaluate: live ones (disabled dropped) with the stack's policy in place of its
 * namesake; the live ones alone when the stack does not declare a registration policy.
 */
export function policiesWithDesired(
  live: readonly ConditionalAccessPolicyDocument[],
  settings: OnboardingSettings,
): ConditionalAccessPolicyDocument[] {
  if (!managesRegistrationPolicy(settings)) return live.filter((policy) => policy.state !== "disabled");
  const desired = desiredRegistrationPolicy(
    settings.registrationPolicy,
  ) as unknown as ConditionalAccessPolicyDocument;
  const name = settings.registrationPolicy.displayName;
  const replaced = live.find((policy) => policy.displayName === name);
  const others = live.filter((policy) => policy.displayName !== name && policy.state !== "disabled");
  const stack: ConditionalAccessPolicyDocument =
    replaced?.id !== undefined ? { ...desired, id: replaced.id } : desired;
  return desired.state === "disabled" ? others : [...others, stack];
}

function isBreakGlass(persona: WhatIfPersona, input: LockoutInput): boolean {
  return input.breakGlassUsers.has(persona.userId) || /break.?glass|emergency/i.test(persona.name);
}

function isNewJoiner(persona: WhatIfPersona): boolean {
  return (
    /new joiner/i.test(persona.name) ||
    (persona.authMethods.length === 1 && persona.authMethods[0] === "temporaryAccessPass")
  );
}

/** Graph's answer in short (status, code, message, request-id), or the error's message. */
function unavailable(error: unknown): string {
  if (!isGraphRequestError(error)) return error instanceof Error ? error.message : String(error);
  const requestId = error.requestId === undefined ? "" : ` (request-id ${error.requestId})`;
  return `Graph answered ${error.status} ${error.code}: ${error.graphMessage}${requestId}`;
}

/** The persona's row name; a break-glass account by its userPrincipalName. */
function label(persona: WhatIfPersona, input: LockoutInput): string {
  const upn = input.breakGlassUsers.get(persona.userId);
  return upn === undefined ? persona.name : `break-glass account ${upn}`;
}

function blockers(result: WhatIfResult): string {
  return result.blockedBy
    .map((verdict) => `"${verdict.displayName}"${verdict.unmet ? ` (${verdict.unmet})` : ""}`)
    .join("; ");
}

export function evaluateLockout(input: LockoutInput): LockoutOutcome {
  const policies = policiesWithDesired(input.livePolicies, input.settings);
  const tap = input.settings.temporaryAccessPass;
  const personas = standardPersonas({
    breakGlassUserIds: [...input.breakGlassUsers.keys()],
    tapIncludeGroupIds: tap.includeGroupIds,
    tapIsUsableOnce: tap.isUsableOnce,
  });
  const rows: CheckRow[] = [];
  const results: LockoutOutcome["results"] = [];
  for (const persona of personas) {
    const result = evaluateRegistration(policies, persona, input.strengths);
    results.push({ persona, result });
    const critical = isBreakGlass(persona, input) || isNewJoiner(persona);
    const uncertain = result.uncertain.length > 0 ? ` Uncertain: ${result.uncertain.join("; ")}` : "";
    if (result.blockedBy.length > 0) {
      rows.push({
        area: "lock-out",
        subject: label(persona, input),
        status: critical ? "fail" : "warning",
        detail: `cannot register: blocked by ${blockers(result)}.${uncertain}`,
      });
    } else if (!result.canRegister) {
      rows.push({
        area: "lock-out",
        subject: label(persona, input),
        status: "warning",
        detail: `may be unable to register.${uncertain}`,
      });
    } else {
      rows.push({
        area: "lock-out",
        subject: label(persona, input),
        status: "pass",
        detail: "can register security info",
      });
    }
  }
  return { rows, results };
}

interface WhatIfAnswer {
  value?: { id?: string; displayName?: string; state?: string; policyApplies?: boolean }[];
}

/**
 * Graph's own What If for each break-glass user, compared with the evaluator's verdicts on the
 * live policies it shares (the stack's own policy is left out: Graph evaluates what is deployed).
 */
export async function crossCheckWithGraph(
  client: GraphClient,
  input: LockoutInput,
  outcome: LockoutOutcome,
): Promise<CheckRow[]> {
  if (input.breakGlassUsers.size === 0) return [];
  // The stack's own policy is judged by the evaluator alone; one the stack does not declare is live like any other.
  const managed = managesRegistrationPolicy(input.settings)
    ? input.settings.registrationPolicy.displayName
    : undefined;
  const rows: CheckRow[] = [];
  for (const [userId, upn] of input.breakGlassUsers) {
    const subject = `Graph What If: ${upn}`;
    let answer: WhatIfAnswer | undefined;
    try {
      answer = await client.post<WhatIfAnswer>(
        "/identity/conditionalAccess/evaluate",
        {
          signInIdentity: { "@odata.type": "#microsoft.graph.userSignIn", userId },
          signInContext: {
            "@odata.type": "#microsoft.graph.userActionContext",
            userAction: "registerSecurityInformation",
          },
          signInConditions: {},
          appliedPoliciesOnly: false,
        },
        // What If changes nothing: safe to repeat, and no "may have been applied" warning.
        { idempotent: true },
      );
    } catch (error) {
      rows.push({
        area: "what-if",
        subject,
        status: "warning",
        detail: `cross-check unavailable: ${unavailable(error)}`,
      });
      continue;
    }
    const graphApplies = new Set(
      (answer?.value ?? [])
        .filter(
          (policy) =>
            policy.policyApplies === true && policy.state === "enabled" && policy.displayName !== managed,
        )
        .map((policy) => String(policy.id)),
    );
    const result = outcome.results.find((candidate) => candidate.persona.userId === userId)?.result;
    if (result === undefined) continue;
    const oursApplies = new Set(
      result.verdicts
        .filter((verdict) => verdict.applies && verdict.enforced && verdict.displayName !== managed)
        .map((verdict) => verdict.policyId),
    );
    const names = new Map(
      input.livePolicies.map((policy) => [String(policy.id), policy.displayName] as const),
    );
    const onlyGraph = [...graphApplies].filter((id) => !oursApplies.has(id));
    const onlyOurs = [...oursApplies].filter((id) => !graphApplies.has(id));
    if (onlyGraph.length === 0 && onlyOurs.length === 0) {
      rows.push({
        area: "what-if",
        subject,
        status: "pass",
        detail: "Graph's What If agrees on the enforced policies that apply",
      });
    } else {
      const quote = (ids: string[]) => ids.map((id) => `"${names.get(id) ?? id}"`).join(", ");
      rows.push({
        area: "what-if",
        subject,
        status: "warning",
        detail:
          "Graph's What If disagrees with the offline evaluation:" +
          (onlyGraph.length > 0 ? ` Graph applies ${quote(onlyGraph)};` : "") +
          (onlyOurs.length > 0 ? ` only the offline evaluation applies ${quote(onlyOurs)};` : "") +
          " trust Graph, and check group memberships and roles",
      });
    }
  }
  return rows;
}
