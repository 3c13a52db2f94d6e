/**
 * Conditional Access policies (v1.0 and beta): POST 201 with the whole object echoed (omitted
 * collections as [], unset complex properties as null, server id and createdDateTime), GET one
 * and list (with `$filter=displayName eq '...'`), PATCH 204 (no body), DELETE 204.
 * Writes need Policy.ReadWrite.ConditionalAccess together with Policy.Read.All.
 */
import { randomUUID } from "node:crypto";
import { expectEnum, isObject, JsonObject, requireObjectBody } from "./bodies";
import { SandboxGraphError } from "./graphErrors";
import { applyFilter, applySelect, parseTop } from "./odata";
import type { GraphRequest, Route } from "./router";
import { GRAPH_VERSIONS } from "./router";
import { collection, complex, merge, normalize, open, scalar, Shape } from "./shapes";
import { graphTimestamp, SandboxState } from "./state";

const COLLECTION_TEMPLATE = "/identity/conditionalAccess/policies";
const ITEM_TEMPLATE = "/identity/conditionalAccess/policies/{id}";
const READ = [["Policy.Read.All"], ["Policy.Read.ConditionalAccess"], ["Policy.ReadWrite.ConditionalAccess"]];
const WRITE = [["Policy.ReadWrite.ConditionalAccess", "Policy.Read.All"]];

const filter = complex("microsoft.graph.conditionalAccessFilter", { mode: scalar, rule: scalar });
const guestsOrExternalUsers = complex("microsoft.graph.conditionalAccessGuestsOrExternalUsers", {
  guestOrExternalUserTypes: scalar,
  externalTenants: open,
});

/** Writable members of conditionalAccessPolicy, in the order Graph returns them. */
const POLICY_FIELDS: Record<string, Shape> = {
  displayName: scalar,
  description: scalar,
  state: scalar,
  sessionControls: complex("microsoft.graph.conditionalAccessSessionControls", {
    disableResilienceDefaults: scalar,
    applicationEnforcedRestrictions: open,
    cloudAppSecurity: open,
    persistentBrowser: open,
    secureSignInSession: open,
    signInFrequency: open,
  }),
  conditions: complex("microsoft.graph.conditionalAccessConditionSet", {
    userRiskLevels: collection,
    signInRiskLevels: collection,
    clientAppTypes: collection,
    servicePrincipalRiskLevels: collection,
    insiderRiskLevels: scalar,
    platforms: complex("microsoft.graph.conditionalAccessPlatforms", {
      includePlatforms: collection,
      excludePlatforms: collection,
    }),
    locations: complex("microsoft.graph.conditionalAccessLocations", {
      includeLocations: collection,
      excludeLocations: collection,
    }),
    devices: complex("microsoft.graph.conditionalAccessDevices", { deviceFilter: filter }),
    clientApplications: complex("microsoft.graph.conditionalAccessClientApplications", {
      includeServicePrincipals: collection,
      excludeServicePrincipals: collection,
      servicePrincipalFilter: filter,
    }),
    authenticationFlows: complex("microsoft.graph.conditionalAccessAuthenticationFlows", {
      transferMethods: scalar,
    }),
    applications: complex("microsoft.graph.conditionalAccessApplications", {
      includeApplications: collection,
      excludeApplications: collection,
      includeUserActions: collection,
      includeAuthenticationContextClassReferences: collection,
      applicationFilter: filter,
    }),
    users: complex("microsoft.graph.conditionalAccessUsers", {
      includeUsers: collection,
      excludeUsers: collection,
      includeGroups: collection,
      excludeGroups: collection,
      includeRoles: collection,
      excludeRoles: collection,
      includeGuestsOrExternalUsers: guestsOrExternalUsers,
      excludeGuestsOrExternalUsers: guestsOrExternalUsers,
    }),
  }),
  grantControls: complex("microsoft.graph.conditionalAccessGrantControls", {
    operator: scalar,
    builtInControls: collection,
    customAuthenticationFactors: collection,
    termsOfUse: collection,
    authenticationStrength: open,
  }),
};
const POLICY_SHAPE = complex("microsoft.graph.conditionalAccessPolicy", {
  ...POLICY_FIELDS,
  // Read-only members a client may echo back; ignored on write.
  id: scalar,
  templateId: scalar,
  createdDateTime: scalar,
  modifiedDateTime: scalar,
  deletedDateTime: scalar,
});
const READ_ONLY = ["id", "templateId", "createdDateTime", "modifiedDateTime", "deletedDateTime"];

const STATES = ["enabled", "disabled", "enabledForReportingButNotEnforced"];
const CLIENT_APP_TYPES = [
  "all",
  "browser",
  "mobileAppsAndDesktopClients",
  "exchangeActiveSync",
  "easSupported",
  "other",
  "unknownFutureValue",
];
const GRANT_CONTROLS = [
  "block",
  "mfa",
  "compliantDevice",
  "domainJoinedDevice",
  "approvedApplication",
  "compliantApplication",
  "passwordChange",
  "unknownFutureValue",
  "riskRemediation",
];
const USER_ACTIONS = ["urn:user:registersecurityinfo", "urn:user:registerdevice"];

function caBadRequest(message: string): SandboxGraphError {
  return new SandboxGraphError(400, "BadRequest", message);
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The checks the Conditional Access service makes on a whole policy. */
function validatePolicy(policy: JsonObject): void {
  if (typeof policy.displayName !== "string" || policy.displayName.trim() === "") {
    throw caBadRequest(
      `1003: displayName is required and must be a non-empty string (found ${JSON.stringify(policy.displayName)}).`,
    );
  }
  expectEnum(policy.state, STATES, "microsoft.graph.conditionalAccessPolicyState", "state");
  const conditions = policy.conditions;
  if (!isObject(conditions)) throw caBadRequest("1003: conditions is required.");
  const applications = conditions.applications;
  const users = conditions.users;
  if (!isObject(applications)) throw caBadRequest("1003: conditions.applications is required.");
  if (!isObject(users)) throw caBadRequest("1003: conditions.users is required.");
  const clientAppTypes = array(conditions.clientAppTypes);
  if (clientAppTypes.length === 0)
    throw caBadRequest("1003: conditions.clientAppTypes must name at least one client app type.");
  for (const type of clientAppTypes)
    expectEnum(
      type,
      CLIENT_APP_TYPES,
      "microsoft.graph.conditionalAccessClientApp",
      "conditions.clientAppTypes",
    );
  const includeApplications = array(applications.includeApplications);
  const userActions = array(applications.includeUserActions);
  const contexts = array(applications.includeAuthenticationContextClassReferences);
  if (includeApplications.length + userActions.length + contexts.length === 0) {
    throw caBadRequest(
      "1003: Policy must include applications, user actions or authentication contexts (conditions.applications).",
    );
  }
  if (userActions.length > 0 && includeApplications.length > 0) {
    throw caBadRequest(
      "1003: conditions.applications.includeUserActions cannot be combined with includeApplications.",
    );
  }
  for (const action of userActions)
    expectEnum(action, USER_ACTIONS, "user action", "conditions.applications.includeUserActions");
  const includesSomeone =
    array(users.includeUsers).length + array(users.includeGroups).length + array(users.includeRoles).length >
      0 || users.includeGuestsOrExternalUsers !== null;
  if (!includesSomeone)
    throw caBadRequest(
      "1003: Policy must include users, groups, roles or guests (conditions.users); use includeUsers ['None'] for nobody.",
    );
  const grant = policy.grantControls;
  if (grant === null && policy.sessionControls === null)
    throw caBadRequest("1003: Policy must have grantControls or sessionControls.");
  if (isObject(grant)) {
    if (grant.operator !== "AND" && grant.operator !== "OR")
      throw caBadRequest(
        `1003: grantControls.operator must be "AND" or "OR" (found ${JSON.stringify(grant.operator)}).`,
      );
    for (const control of array(grant.builtInControls))
      expectEnum(
        control,
        GRANT_CONTROLS,
        "microsoft.graph.conditionalAccessGrantControl",
        "grantControls.builtInControls",
      );
    const strength = grant.authenticationStrength;
    if (strength !== null && (!isObject(strength) || typeof strength.id !== "string")) {
      throw caBadRequest(
        '1003: grantControls.authenticationStrength must be written as {"id": "<authentication strength policy id>"}.',
      );
    }
    if (
      array(grant.builtInControls).length +
        array(grant.termsOfUse).length +
        array(grant.customAuthenticationFactors).length ===
        0 &&
      strength === null
    ) {
      throw caBadRequest(
        "1003: grantControls must name a built-in control, terms of use, custom factor or authentication strength.",
      );
    }
  }
}

function stripReadOnly(policy: JsonObject): JsonObject {
  const result = { ...policy };
  for (const key of READ_ONLY) delete result[key];
  return result;
}

/** Builds a stored policy from a POST body (or a seed); throws Graph's 400 for a bad body. */
export function createConditionalAccessPolicy(body: unknown, now: Date): JsonObject {
  const input = requireObjectBody(body, "microsoft.graph.conditionalAccessPolicy");
  const normalized = stripReadOnly(
    normalize(input, POLICY_SHAPE, "conditionalAccessPolicy", caBadRequest) as JsonObject,
  );
  validatePolicy(normalized);
  return {
    id: randomUUID(),
    templateId: null,
    displayName: normalized.displayName,
    description: normalized.description,
    createdDateTime: graphTimestamp(now),
    modifiedDateTime: null,
    deletedDateTime: null,
    state: normalized.state,
    sessionControls: normalized.sessionControls,
    conditions: normalized.conditions,
    grantControls: normalized.grantControls,
  };
}

export function patchConditionalAccessPolicy(current: JsonObject, body: unknown, now: Date): JsonObject {
  const patch = requireObjectBody(body, "microsoft.graph.conditionalAccessPolicy");
  const merged = merge(
    current,
    stripReadOnly(patch),
    POLICY_SHAPE,
    "conditionalAccessPolicy",
    caBadRequest,
  ) as JsonObject;
  validatePolicy(merged);
  return { ...merged, modifiedDateTime: graphTimestamp(now) };
}

function render(policy: JsonObject, request: Pick<GraphRequest, "origin" | "version">): JsonObject {
  const copy = structuredClone(policy);
  const grant = copy.grantControls;
  if (isObject(grant)) {
    const { authenticationStrength, ...rest } = grant;
    copy.grantControls = {
      ...rest,
      "authenticationStrength@odata.context": `${request.origin}/${request.version}/$metadata#identity/conditionalAccess/policies('${String(policy.id)}')/grantControls/authenticationStrength/$entity`,
      authenticationStrength,
    };
  }
  return copy;
}

function notFound(id: string): SandboxGraphError {
  return new SandboxGraphError(
    404,
    "NotFound",
    `1033: Could not find a Conditional Access policy with id '${id}'.`,
  );
}

export function conditionalAccessRoutes(state: SandboxState): Route[] {
  const policies = state.conditionalAccessPolicies;
  const find = (id: string): JsonObject => {
    const policy = policies.get(id);
    if (!policy) throw notFound(id);
    return policy;
  };
  return [
    {
      method: "GET",
      template: COLLECTION_TEMPLATE,
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => {
        let items = applyFilter([...policies.values()], request.query.$filter);
        const top = parseTop(request.query.$top);
        if (top !== undefined) items = items.slice(0, top);
        return {
          status: 200,
          body: {
            "@odata.context": `${request.origin}/${request.version}/$metadata#identity/conditionalAccess/policies`,
            value: items.map((policy) => applySelect(render(policy, request), request.query.$select)),
          },
        };
      },
    },
    {
      method: "POST",
      template: COLLECTION_TEMPLATE,
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: (request) => {
        const policy = createConditionalAccessPolicy(request.body, state.now());
        policies.set(policy.id as string, policy);
        return {
          status: 201,
          headers: {
            location: `${request.origin}/${request.version}/identity/conditionalAccess/policies/${String(policy.id)}`,
          },
          body: {
            "@odata.context": `${request.origin}/${request.version}/$metadata#identity/conditionalAccess/policies/$entity`,
            ...render(policy, request),
          },
        };
      },
    },
    {
      method: "GET",
      template: ITEM_TEMPLATE,
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => ({
        status: 200,
        body: {
          "@odata.context": `${request.origin}/${request.version}/$metadata#identity/conditionalAccess/policies/$entity`,
          ...applySelect(render(find(request.params.id), request), request.query.$select),
        },
      }),
    },
    {
      method: "PATCH",
      template: ITEM_TEMPLATE,
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: (request) => {
        const policy = find(request.params.id);
        policies.set(request.params.id, patchConditionalAccessPolicy(policy, request.body, state.now()));
        return { status: 204 };
      },
    },
    {
      method: "DELETE",
      template: ITEM_TEMPLATE,
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: (request) => {
        find(request.params.id);
        policies.delete(request.params.id);
        return { status: 204 };
      },
    },
  ];
}
