/**
 * A user's Temporary Access Pass authentication method (v1.0 and beta):
 *
 * | Request                                                            | Answer                         |
 * | ------------------------------------------------------------------ | ------------------------------ |
 * | `POST /users/{id \| upn}/authentication/temporaryAccessPassMethods` | 201, the pass with its value   |
 * | `GET  /users/{id \| upn}/authentication/temporaryAccessPassMethods` | 200, at most one, value `null` |
 * | `GET  …/temporaryAccessPassMethods/{methodId}`                      | 200, value `null`; 404         |
 * | `DELETE …/temporaryAccessPassMethods/{methodId}`                    | 204                            |
 *
 * Where the behaviour comes from (Graph docs, learn.microsoft.com/graph/api/<page>):
 * - authentication-post-temporaryaccesspassmethods: every body property is optional
 *   (`startDateTime`, `lifetimeInMinutes`, `isUsableOnce`); the 201 body and its property order; a
 *   lifetime left out takes the policy's `defaultLifetimeInMinutes`; a start left out means usable
 *   at once. A second POST while a pass exists replaces it (201), it is not refused: "the previous
 *   Temporary Access Pass will be deleted, and a new Temporary Access Pass will be created"
 *   (also learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass,
 *   "Replace a Temporary Access Pass").
 * - resources/temporaryaccesspassauthenticationmethod: the value is "returned only on creation …
 *   returned as null with GET"; it has the policy's `defaultLength`; `methodUsabilityReason` is one
 *   of EnabledByPolicy, DisabledByPolicy, Expired, NotYetValid, OneTimeUsed. The sandbox keeps no
 *   value at all, so nothing can replay it.
 * - temporaryaccesspassauthenticationmethod-list: "a user can have only one Temporary Access Pass
 *   method"; the list takes no query parameters (the sandbox refuses any, rather than guess).
 * - The refusals, as Graph's authentication-methods service words them (lower-case `badRequest`,
 *   `innerError.message` repeating the message):
 *   - a lifetime outside the tenant policy's minimum..maximum: "Invalid LifetimeInMinutes
 *     specified. The valid range between {min} and {max}."
 *     (github.com/microsoftgraph/microsoft-graph-docs/pull/12187);
 *   - a user outside the policy's scope, or a disabled policy: "Converged UserCredentialPolicy does
 *     not allow creating or updating this authentication method. AuthMethodType
 *     [TemporaryAccessPass]." (github.com/MicrosoftDocs/azure-docs/issues/111778,
 *     github.com/glueckkanja/MyWorkID/issues/47); its status and code are not published: 400
 *     badRequest is inferred from the lifetime error's backend;
 *   - an external guest: "Temporary Access Pass cannot be added to an external guest user."
 *     (howto page, "Guest access"; status inferred).
 *   Scope: an include target `all_users` or one naming the user or a group the user is in,
 *   transitively, and no exclude target naming the user or such a group; exclusion wins (inferred,
 *   as Conditional Access does).
 * - Permissions: create and delete UserAuthenticationMethod.ReadWrite.All (or the per-method
 *   UserAuthMethod-TAP.ReadWrite.All, Graph "what's new", October 2025); read UserAuthMethod-TAP.Read.All
 *   or any of those (temporaryaccesspassauthenticationmethod-get).
 * - Not published, so refused with a message that says so rather than guessed: a multi-use pass
 *   asked for while the policy makes every pass one-time, and writing a read-only property.
 *   A disabled account is accepted: Lifecycle Workflows issue passes before hire, while accounts
 *   are often still disabled (inferred).
 */
import { randomInt, randomUUID } from "node:crypto";
import {
  describeJson,
  expectPrimitive,
  isObject,
  rejectUnknownProperties,
  requireObjectBody,
} from "./bodies";
import type { JsonObject } from "./bodies";
import { directoryNotFound, odataBadRequest, SandboxGraphError } from "./graphErrors";
import { transitiveGroupIds } from "./groupLinks";
import type { GraphRequest, Route } from "./router";
import { GRAPH_VERSIONS } from "./router";
import type { SandboxState } from "./state";
import { userDirectory } from "./users";
import { stateStore } from "./stateStore";

const COLLECTION = "/users/{id}/authentication/temporaryAccessPassMethods";
const ITEM = `${COLLECTION}/{methodId}`;
const METHOD_TYPE = "microsoft.graph.temporaryAccessPassAuthenticationMethod";
const WRITE = [["UserAuthenticationMethod.ReadWrite.All"], ["UserAuthMethod-TAP.ReadWrite.All"]];
const READ = [
  ["UserAuthMethod-TAP.Read.All"],
  ["UserAuthMethod-TAP.ReadWrite.All"],
  ["UserAuthenticationMethod.Read.All"],
  ["UserAuthenticationMethod.ReadWrite.All"],
];
const WRITABLE = ["startDateTime", "lifetimeInMinutes", "isUsableOnce"];
const READ_ONLY = ["id", "temporaryAccessPass", "createdDateTime", "isUsable", "methodUsabilityReason"];
/** Letters, digits and the symbols seen in documented passes (`+drkzqAD`, `TAPRocks!`). */
const PASS_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+!#%&*=?@$";
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const SCOPE_REFUSAL =
  "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].";

/** What the sandbox keeps of a pass: everything but its value. */
interface StoredPass {
  id: string;
  createdDateTime: string;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

const stores = new WeakMap<SandboxState, Map<string, StoredPass>>();

/** Each user's pass, keyed by lower-case user object id; cleared by resetTenant with the rest. */
function passStore(state: SandboxState): Map<string, StoredPass> {
  return stateStore(stores, state, () => new Map<string, StoredPass>());
}

function authMethodsBadRequest(message: string): SandboxGraphError {
  return new SandboxGraphError(400, "badRequest", message, "graph", { message });
}

function targetIds(targets: unknown): string[] {
  return Array.isArray(targets)
    ? targets.filter(isObject).map((target) => String(target.id).toLowerCase())
    : [];
}

/** Whether the tenant's TAP policy lets `userId` hold a pass (see the header for the rule). */
function inPolicyScope(state: SandboxState, userId: string): boolean {
  const self = userId.toLowerCase();
  const memberOf = transitiveGroupIds(state, self);
  const names = (id: string) => id === self || memberOf.has(id);
  const included = targetIds(state.tap.includeTargets).some((id) => id === "all_users" || names(id));
  const excluded = targetIds(state.tap.excludeTargets).some(names);
  return included && !excluded;
}

function usability(pass: StoredPass, state: SandboxState): { isUsable: boolean; reason: string } {
  const now = state.now().getTime();
  const start = Date.parse(pass.startDateTime);
  const end = start + pass.lifetimeInMinutes * 60_000;
  const reason =
    state.tap.state !== "enabled"
      ? "DisabledByPolicy"
      : now < start
        ? "NotYetValid"
        : now >= end
          ? "Expired"
          : "EnabledByPolicy";
  return { isUsable: reason === "EnabledByPolicy", reason };
}

/** The pass as Graph shows it; `value` only in the create answer, `null` everywhere else. */
function shaped(pass: StoredPass, state: SandboxState, value: string | null): JsonObject {
  const { isUsable, reason } = usability(pass, state);
  return {
    id: pass.id,
    temporaryAccessPass: value,
    createdDateTime: pass.createdDateTime,
    startDateTime: pass.startDateTime,
    lifetimeInMinutes: pass.lifetimeInMinutes,
    isUsableOnce: pass.isUsableOnce,
    isUsable,
    methodUsabilityReason: reason,
  };
}

function newPassValue(length: number): string {
  let value = "";
  for (let i = 0; i < length; i++) value += PASS_ALPHABET[randomInt(PASS_ALPHABET.length)];
  return value;
}

/** A pass from a POST body, checked the way Graph checks it against the tenant policy. */
function createPass(body: unknown, user: JsonObject, state: SandboxState): StoredPass {
  const input = requireObjectBody(body, METHOD_TYPE);
  for (const key of READ_ONLY)
    if (input[key] !== undefined)
      throw odataBadRequest(`The sandbox does not model writing the read-only property '${key}'.`);
  rejectUnknownProperties(input, WRITABLE, METHOD_TYPE);
  if (input.lifetimeInMinutes !== undefined)
    expectPrimitive(input.lifetimeInMinutes, "Edm.Int32", "lifetimeInMinutes");
  if (input.isUsableOnce !== undefined) expectPrimitive(input.isUsableOnce, "Edm.Boolean", "isUsableOnce");
  const start = input.startDateTime;
  if (start !== undefined && start !== null && (typeof start !== "string" || !ISO_WITH_ZONE.test(start)))
    throw odataBadRequest(
      `Cannot convert the literal '${describeJson(start)}' to the expected type 'Edm.DateTimeOffset' (property 'startDateTime').`,
    );
  const tap = state.tap;
  const isGuest = user.userType === "Guest" && String(user.userPrincipalName).includes("#EXT#");
  if (isGuest)
    throw authMethodsBadRequest("Temporary Access Pass cannot be added to an external guest user.");
  if (tap.state !== "enabled" || !inPolicyScope(state, String(user.id)))
    throw authMethodsBadRequest(SCOPE_REFUSAL);
  const min = tap.minimumLifetimeInMinutes as number;
  const max = tap.maximumLifetimeInMinutes as number;
  const lifetime =
    (input.lifetimeInMinutes as number | null | undefined) ?? (tap.defaultLifetimeInMinutes as number);
  if (lifetime < min || lifetime > max)
    throw authMethodsBadRequest(
      `Invalid LifetimeInMinutes specified. The valid range between ${min} and ${max}.`,
    );
  const usableOnce = (input.isUsableOnce as boolean | null | undefined) ?? tap.isUsableOnce === true;
  if (tap.isUsableOnce === true && !usableOnce)
    throw odataBadRequest(
      "The sandbox does not model Graph's answer to a multi-use pass while the policy's isUsableOnce is true.",
    );
  const now = state.now();
  return {
    id: randomUUID(),
    createdDateTime: now.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z"),
    startDateTime: wholeSecondsTrimmed(typeof start === "string" ? new Date(start) : now),
    lifetimeInMinutes: lifetime,
    isUsableOnce: usableOnce,
  };
}

/** As the documented answers show it: `…T00:00:00Z` for whole seconds, `…T16:48:03.027Z` otherwise. */
function wholeSecondsTrimmed(date: Date): string {
  return date.toISOString().replace(".000Z", "Z");
}

function collectionContext(request: GraphRequest): string {
  return `${request.origin}/${request.version}/$metadata#users('${request.params.id}')/authentication/temporaryAccessPassMethods`;
}

export function temporaryAccessPassMethodRoutes(state: SandboxState): Route[] {
  const users = userDirectory(state);
  const store = passStore(state);
  const findUser = (idOrUpn: string): JsonObject => {
    const stored = users.find(idOrUpn);
    if (!stored) throw directoryNotFound(idOrUpn);
    return stored.user;
  };
  const findPass = (request: GraphRequest): { userId: string; pass: StoredPass } => {
    const userId = String(findUser(request.params.id).id);
    const pass = store.get(userId);
    if (!pass || pass.id !== request.params.methodId.toLowerCase())
      throw directoryNotFound(request.params.methodId);
    return { userId, pass };
  };
  return [
    {
      method: "POST",
      template: COLLECTION,
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: (request) => {
        const user = findUser(request.params.id);
        const pass = createPass(request.body, user, state);
        const value = newPassValue(state.tap.defaultLength as number);
        store.set(String(user.id), pass);
        return {
          status: 201,
          body: {
            "@odata.context": `${collectionContext(request)}/$entity`,
            "@odata.type": `#${METHOD_TYPE}`,
            ...shaped(pass, state, value),
          },
        };
      },
    },
    {
      method: "GET",
      template: COLLECTION,
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => {
        const option = Object.keys(request.query)[0];
        if (option !== undefined)
          throw odataBadRequest(`The sandbox refuses query option '${option}': this list supports none.`);
        const pass = store.get(String(findUser(request.params.id).id));
        return {
          status: 200,
          body: {
            "@odata.context": collectionContext(request),
            value: pass ? [shaped(pass, state, null)] : [],
          },
        };
      },
    },
    {
      method: "GET",
      template: ITEM,
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => ({
        status: 200,
        body: {
          "@odata.context": `${collectionContext(request)}/$entity`,
          "@odata.type": `#${METHOD_TYPE}`,
          ...shaped(findPass(request).pass, state, null),
        },
      }),
    },
    {
      method: "DELETE",
      template: ITEM,
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: (request) => {
        store.delete(findPass(request).userId);
        return { status: 204 };
      },
    },
  ];
}
