/**
 * Conditional Access What If (v1.0 and beta): `POST /identity/conditionalAccess/evaluate`.
 *
 * The sandbox does NOT evaluate policies: after checking the request the way the service documents
 * it, it answers **501 NotImplemented** (the cross-check is "unavailable"). A faithful evaluation
 * would need the transitive group memberships, role assignments, guest types and location data of
 * the real directory; an approximate one would make tests agree with themselves rather than with
 * Graph. Tests script the answer for a request with a fault:
 * `sandbox.fault({ method: "POST", path: "/v1.0/identity/conditionalAccess/evaluate", status: 200, body })`
 * (faults fire before routes; the body is a `whatIfAnalysisResult` collection, see below).
 *
 * Where the behaviour comes from (graph-facts-round2.md §3.3):
 * - Exists in v1.0 and beta; bound action on conditionalAccessRoot; body `signInIdentity`,
 *   `signInContext`, `signInConditions` Required, `appliedPoliciesOnly` optional: GD
 *   `api-reference/v1.0/api/conditionalaccessroot-evaluate.md` @ 64e55821.
 * - Least application permission `Policy.Read.ConditionalAccess` (higher `Policy.Read.All`,
 *   `Policy.ReadWrite.ConditionalAccess`): GD `…/includes/permissions/conditionalaccessroot-evaluate-permissions.md`.
 * - `userActionContext.userAction` enum `registerSecurityInformation`, `registerOrJoinDevices`,
 *   `unknownFutureValue` (not the `urn:user:*` strings): CSDL v1.0.
 * - Answer shape `{"@odata.context": ".../$metadata#Collection(microsoft.graph.whatIfAnalysisResult)",
 *   "value": [policy + policyApplies + analysisReasons]}`, report-only policies included: doc example 3.
 * - The 400 wording for a missing or malformed member is [inferred] (no captured body).
 */
import { isObject } from "./bodies";
import { odataBadRequest, SandboxGraphError } from "./graphErrors";
import type { Route } from "./router";
import { GRAPH_VERSIONS } from "./router";

export const EVALUATE_TEMPLATE = "/identity/conditionalAccess/evaluate";
const READ = [["Policy.Read.ConditionalAccess"], ["Policy.Read.All"], ["Policy.ReadWrite.ConditionalAccess"]];
const USER_ACTIONS = ["registerSecurityInformation", "registerOrJoinDevices", "unknownFutureValue"];
const IDENTITY_TYPES = ["#microsoft.graph.userSignIn", "#microsoft.graph.servicePrincipalSignIn"];
const CONTEXT_TYPES = [
  "#microsoft.graph.applicationContext",
  "#microsoft.graph.userActionContext",
  "#microsoft.graph.authContext",
];

/** The documented checks on the request body (400 when they fail). */
export function checkEvaluateRequest(body: unknown): void {
  if (!isObject(body)) throw odataBadRequest("The request body must be a JSON object.");
  for (const member of ["signInIdentity", "signInContext", "signInConditions"]) {
    if (!isObject(body[member])) throw odataBadRequest(`The parameter '${member}' is required.`);
  }
  const identity = body.signInIdentity as Record<string, unknown>;
  const context = body.signInContext as Record<string, unknown>;
  if (!IDENTITY_TYPES.includes(String(identity["@odata.type"])))
    throw odataBadRequest("signInIdentity must name its @odata.type (userSignIn or servicePrincipalSignIn).");
  if (!CONTEXT_TYPES.includes(String(context["@odata.type"])))
    throw odataBadRequest(
      "signInContext must name its @odata.type (applicationContext, userActionContext or authContext).",
    );
  if (
    context["@odata.type"] === "#microsoft.graph.userActionContext" &&
    !USER_ACTIONS.includes(String(context.userAction))
  )
    throw odataBadRequest(
      `Requested value '${String(context.userAction)}' was not found in microsoft.graph.userAction.`,
    );
}

export function evaluateRoutes(): Route[] {
  return [
    {
      method: "POST",
      template: EVALUATE_TEMPLATE,
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => {
        checkEvaluateRequest(request.body);
        throw new SandboxGraphError(
          501,
          "NotImplemented",
          "The Graph sandbox does not evaluate Conditional Access What If requests; a test scripts the answer with a fault.",
        );
      },
    },
  ];
}
