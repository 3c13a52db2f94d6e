/**
 * Temporary Access Pass authentication-method configuration: a singleton that can be read,
 * PATCHed (204; the body must carry @odata.type) and DELETEd (204; a reset to Microsoft's
 * defaults, never a removal). Range errors come from the authentication-methods service, whose
 * codes are lower-case (`badRequest`).
 */
import {
  expectEnum,
  expectPrimitive,
  isObject,
  JsonObject,
  rejectUnknownProperties,
  requireObjectBody,
  describeJson,
} from "./bodies";
import { odataBadRequest, SandboxGraphError } from "./graphErrors";
import type { GraphRequest, Route } from "./router";
import { GRAPH_VERSIONS } from "./router";
import type { SandboxState } from "./state";
import { defaultTemporaryAccessPass, TAP_ODATA_TYPE } from "./tapDefaults";

const TEMPLATE =
  "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
const TYPE_NAME = "microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";
const READ = [["Policy.Read.All"], ["Policy.ReadWrite.AuthenticationMethod"]];
const WRITE = [["Policy.ReadWrite.AuthenticationMethod"]];

const WRITABLE = [
  "id",
  "state",
  "defaultLifetimeInMinutes",
  "defaultLength",
  "minimumLifetimeInMinutes",
  "maximumLifetimeInMinutes",
  "isUsableOnce",
  "includeTargets",
  "excludeTargets",
];
const TARGET_TYPES = ["user", "group", "unknownFutureValue"];

function authMethodsBadRequest(message: string): SandboxGraphError {
  return new SandboxGraphError(400, "badRequest", message, "graph", { message });
}

function normalizeIncludeTargets(value: unknown): JsonObject[] {
  return normalizeTargets(
    value,
    "includeTargets",
    "microsoft.graph.authenticationMethodTarget",
    ["isRegistrationRequired"],
    (target, where) => {
      if (target.isRegistrationRequired !== undefined)
        expectPrimitive(
          target.isRegistrationRequired,
          "Edm.Boolean",
          `${where}.isRegistrationRequired`,
          false,
        );
      return {
        targetType: target.targetType,
        id: target.id,
        isRegistrationRequired: target.isRegistrationRequired ?? false,
      };
    },
  );
}

function normalizeExcludeTargets(value: unknown): JsonObject[] {
  return normalizeTargets(value, "excludeTargets", "microsoft.graph.excludeTarget", [], (target) => ({
    targetType: target.targetType,
    id: target.id,
  }));
}

/**
 * Checks a target collection item by item (an object, no keys beyond id, targetType and
 * `extraKeys`, a string id, a known targetType), then lets `normalize` finish each item.
 */
function normalizeTargets(
  value: unknown,
  property: string,
  entityType: string,
  extraKeys: string[],
  normalize: (target: JsonObject, where: string) => JsonObject,
): JsonObject[] {
  if (!Array.isArray(value))
    throw odataBadRequest(
      `Property '${property}' expects a collection of ${entityType}, found ${describeJson(value)}.`,
    );
  return value.map((target, index) => {
    const where = `${property}[${index}]`;
    if (!isObject(target))
      throw odataBadRequest(`${where} must be an object, found ${describeJson(target)}.`);
    rejectUnknownProperties(target, ["id", "targetType", ...extraKeys], entityType);
    expectPrimitive(target.id, "Edm.String", `${where}.id`, false);
    expectEnum(
      target.targetType,
      TARGET_TYPES,
      "microsoft.graph.authenticationMethodTargetType",
      `${where}.targetType`,
    );
    return normalize(target, where);
  });
}

function checkRanges(tap: JsonObject): void {
  const length = tap.defaultLength as number;
  const min = tap.minimumLifetimeInMinutes as number;
  const max = tap.maximumLifetimeInMinutes as number;
  const lifetime = tap.defaultLifetimeInMinutes as number;
  if (length < 8 || length > 48)
    throw authMethodsBadRequest(`Invalid DefaultLength specified. The valid range between 8 and 48.`);
  if (min < 10 || min > 43200)
    throw authMethodsBadRequest(
      `Invalid MinimumLifetimeInMinutes specified. The valid range between 10 and 43200.`,
    );
  if (max < 10 || max > 43200)
    throw authMethodsBadRequest(
      `Invalid MaximumLifetimeInMinutes specified. The valid range between 10 and 43200.`,
    );
  if (min > max)
    throw authMethodsBadRequest(
      `Invalid MinimumLifetimeInMinutes specified. MinimumLifetimeInMinutes (${min}) must not be greater than MaximumLifetimeInMinutes (${max}).`,
    );
  if (lifetime < min || lifetime > max)
    throw authMethodsBadRequest(
      `Invalid DefaultLifetimeInMinutes specified. The valid range between ${min} and ${max}.`,
    );
}

/** Applies a PATCH body to the configuration; throws Graph's 400 for a body Graph refuses. */
export function applyTapPatch(current: JsonObject, body: unknown): JsonObject {
  const patch = requireObjectBody(body, TYPE_NAME);
  if (patch["@odata.type"] !== TAP_ODATA_TYPE) {
    const found =
      patch["@odata.type"] === undefined
        ? "no @odata.type"
        : `@odata.type ${JSON.stringify(patch["@odata.type"])}`;
    throw odataBadRequest(
      `The request body must declare "@odata.type": "${TAP_ODATA_TYPE}"; found ${found}. A value of abstract type 'microsoft.graph.authenticationMethodConfiguration' cannot be written.`,
    );
  }
  rejectUnknownProperties(patch, WRITABLE, TYPE_NAME);
  if (patch.id !== undefined && patch.id !== "TemporaryAccessPass")
    throw odataBadRequest(`The key property 'id' cannot be changed (found ${describeJson(patch.id)}).`);
  const next: JsonObject = { ...current };
  if (patch.state !== undefined) {
    expectEnum(patch.state, ["enabled", "disabled"], "microsoft.graph.authenticationMethodState", "state");
    next.state = patch.state;
  }
  for (const key of [
    "defaultLifetimeInMinutes",
    "defaultLength",
    "minimumLifetimeInMinutes",
    "maximumLifetimeInMinutes",
  ]) {
    if (patch[key] === undefined) continue;
    expectPrimitive(patch[key], "Edm.Int32", key, false);
    next[key] = patch[key];
  }
  if (patch.isUsableOnce !== undefined) {
    expectPrimitive(patch.isUsableOnce, "Edm.Boolean", "isUsableOnce", false);
    next.isUsableOnce = patch.isUsableOnce;
  }
  if (patch.includeTargets !== undefined) next.includeTargets = normalizeIncludeTargets(patch.includeTargets);
  if (patch.excludeTargets !== undefined) next.excludeTargets = normalizeExcludeTargets(patch.excludeTargets);
  checkRanges(next);
  return next;
}

/** The configuration as GET returns it, annotations included. */
export function tapResponse(tap: JsonObject, request: Pick<GraphRequest, "origin" | "version">): JsonObject {
  const metadata = `${request.origin}/${request.version}/$metadata`;
  const { includeTargets, ...rest } = tap;
  return {
    "@odata.context": `${metadata}#authenticationMethodConfigurations/$entity`,
    ...rest,
    "includeTargets@odata.context": `${metadata}#policies/authenticationMethodsPolicy/authenticationMethodConfigurations('TemporaryAccessPass')/${TYPE_NAME}/includeTargets`,
    includeTargets,
  };
}

export function tapRoutes(state: SandboxState): Route[] {
  return [
    {
      method: "GET",
      template: TEMPLATE,
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => ({ status: 200, body: tapResponse(structuredClone(state.tap), request) }),
    },
    {
      method: "PATCH",
      template: TEMPLATE,
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: (request) => {
        state.tap = applyTapPatch(state.tap, request.body);
        return { status: 204 };
      },
    },
    {
      method: "DELETE",
      template: TEMPLATE,
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: () => {
        state.tap = defaultTemporaryAccessPass();
        return { status: 204 };
      },
    },
  ];
}
