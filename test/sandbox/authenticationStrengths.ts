/**
 * Authentication strength policies (v1.0 and beta): `GET /policies/authenticationStrengthPolicies`
 * (optionally `$filter=policyType eq 'builtIn'|'custom'`), `GET .../{id}` (404 when unknown), and
 * `POST` a custom strength (201), so tests can seed one the way the portal makes it.
 *
 * Where the behaviour comes from (graph-facts-round2.md §2.8):
 * - The three built-ins, their ids, exact display names, `requirementsSatisfied: mfa`,
 *   `policyType: builtIn`, created/modified `2021-12-01T00:00:00Z` and `allowedCombinations`
 *   (combination strings without spaces, as v1.0 answers): GD
 *   `api-reference/v1.0/api/authenticationstrengthroot-list-policies.md` @ 028b8e35.
 *   Multifactor authentication (…0002) carries both Temporary Access Pass modes; Passwordless MFA
 *   (…0003) and Phishing resistant MFA (…0004) carry neither.
 * - Each item has `combinationConfigurations: []` with its `@odata.context` (same page).
 * - Permissions (application): read `Policy.Read.AuthenticationMethod` (least), `Policy.Read.All`,
 *   `Policy.ReadWrite.AuthenticationMethod`, `Policy.ReadWrite.ConditionalAccess`; create
 *   `Policy.ReadWrite.AuthenticationMethod` (same page; learn authenticationstrengthroot-post-policies).
 * - The 404 of an unknown id: no captured body; the directory-style Request_ResourceNotFound is an
 *   [inferred] stand-in.
 */
import { randomUUID } from "node:crypto";
import { expectStringArray, JsonObject, requireObjectBody } from "./bodies";
import { directoryNotFound, odataBadRequest } from "./graphErrors";
import { applyFilter } from "./odata";
import type { Route } from "./router";
import { GRAPH_VERSIONS } from "./router";
import { graphTimestamp, type SandboxState } from "./state";
import { stateStore } from "./stateStore";

const COLLECTION = "/policies/authenticationStrengthPolicies";
const READ = [
  ["Policy.Read.AuthenticationMethod"],
  ["Policy.Read.All"],
  ["Policy.ReadWrite.AuthenticationMethod"],
  ["Policy.ReadWrite.ConditionalAccess"],
];
const WRITE = [["Policy.ReadWrite.AuthenticationMethod"]];

export const MFA_STRENGTH_ID = "00000000-0000-0000-0000-000000000002";
export const PASSWORDLESS_STRENGTH_ID = "00000000-0000-0000-0000-000000000003";
export const PHISHING_RESISTANT_STRENGTH_ID = "00000000-0000-0000-0000-000000000004";

const MODES = [
  "password",
  "voice",
  "hardwareOath",
  "softwareOath",
  "sms",
  "fido2",
  "windowsHelloForBusiness",
  "microsoftAuthenticatorPush",
  "deviceBasedPush",
  "temporaryAccessPassOneTime",
  "temporaryAccessPassMultiUse",
  "email",
  "x509CertificateSingleFactor",
  "x509CertificateMultiFactor",
  "federatedSingleFactor",
  "federatedMultiFactor",
];

function builtIn(id: string, displayName: string, description: string, combinations: string[]): JsonObject {
  return {
    id,
    createdDateTime: "2021-12-01T00:00:00Z",
    modifiedDateTime: "2021-12-01T00:00:00Z",
    displayName,
    description,
    policyType: "builtIn",
    requirementsSatisfied: "mfa",
    allowedCombinations: combinations,
    combinationConfigurations: [],
  };
}

/** The built-in strengths, as Graph v1.0 lists them. */
export function builtInAuthenticationStrengths(): JsonObject[] {
  return [
    builtIn(
      MFA_STRENGTH_ID,
      "Multifactor authentication",
      "Combinations of methods that satisfy strong authentication, such as a password + SMS",
      [
        "windowsHelloForBusiness",
        "fido2",
        "x509CertificateMultiFactor",
        "deviceBasedPush",
        "temporaryAccessPassOneTime",
        "temporaryAccessPassMultiUse",
        "password,microsoftAuthenticatorPush",
        "password,softwareOath",
        "password,hardwareOath",
        "password,x509CertificateSingleFactor",
        "password,x509CertificateMultiFactor",
        "password,sms",
        "password,voice",
        "federatedMultiFactor",
        "microsoftAuthenticatorPush,federatedSingleFactor",
        "softwareOath,federatedSingleFactor",
        "hardwareOath,federatedSingleFactor",
        "sms,federatedSingleFactor",
        "voice,federatedSingleFactor",
      ],
    ),
    builtIn(
      PASSWORDLESS_STRENGTH_ID,
      "Passwordless MFA",
      "Passwordless methods that satisfy strong authentication, such as Passwordless sign-in with the Microsoft Authenticator",
      ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush"],
    ),
    builtIn(
      PHISHING_RESISTANT_STRENGTH_ID,
      "Phishing resistant MFA",
      "Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
      ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
    ),
  ];
}

const stores = new WeakMap<SandboxState, Map<string, JsonObject>>();

/** Custom strengths of a sandbox's tenant; cleared by resetTenant. */
function customStrengths(state: SandboxState): Map<string, JsonObject> {
  return stateStore(stores, state, () => new Map<string, JsonObject>());
}

function withContext(strength: JsonObject, origin: string, version: string): JsonObject {
  return {
    ...structuredClone(strength),
    "combinationConfigurations@odata.context": `${origin}/${version}/$metadata#policies/authenticationStrengthPolicies('${String(strength.id)}')/combinationConfigurations`,
  };
}

export function authenticationStrengthRoutes(state: SandboxState): Route[] {
  const custom = customStrengths(state);
  const all = (): JsonObject[] => [...builtInAuthenticationStrengths(), ...custom.values()];
  return [
    {
      method: "GET",
      template: COLLECTION,
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => ({
        status: 200,
        body: {
          "@odata.context": `${request.origin}/${request.version}/$metadata#policies/authenticationStrengthPolicies`,
          value: applyFilter(all(), request.query.$filter, odataBadRequest).map((strength) =>
            withContext(strength, request.origin, request.version),
          ),
        },
      }),
    },
    {
      method: "GET",
      template: `${COLLECTION}/{id}`,
      versions: GRAPH_VERSIONS,
      permissions: READ,
      handle: (request) => {
        const found = all().find(
          (strength) => String(strength.id).toLowerCase() === request.params.id.toLowerCase(),
        );
        if (!found) throw directoryNotFound(request.params.id);
        return {
          status: 200,
          body: {
            "@odata.context": `${request.origin}/${request.version}/$metadata#policies/authenticationStrengthPolicies/$entity`,
            ...withContext(found, request.origin, request.version),
          },
        };
      },
    },
    {
      method: "POST",
      template: COLLECTION,
      versions: GRAPH_VERSIONS,
      permissions: WRITE,
      handle: (request) => {
        const body = requireObjectBody(request.body, "microsoft.graph.authenticationStrengthPolicy");
        if (typeof body.displayName !== "string" || body.displayName.trim() === "")
          throw odataBadRequest("displayName is required.");
        const combinations = expectStringArray(body.allowedCombinations, "allowedCombinations").map((c) =>
          c.replace(/\s+/g, ""),
        );
        if (combinations.length === 0) throw odataBadRequest("allowedCombinations must not be empty.");
        for (const combination of combinations)
          for (const mode of combination.split(","))
            if (!MODES.includes(mode))
              throw odataBadRequest(`Requested value '${mode}' was not found in authenticationMethodModes.`);
        const now = graphTimestamp(state.now());
        const created: JsonObject = {
          id: randomUUID(),
          createdDateTime: now,
          modifiedDateTime: now,
          displayName: body.displayName,
          description: typeof body.description === "string" ? body.description : null,
          policyType: "custom",
          requirementsSatisfied: "mfa",
          allowedCombinations: combinations,
          combinationConfigurations: [],
        };
        custom.set(String(created.id), created);
        return {
          status: 201,
          body: {
            "@odata.context": `${request.origin}/${request.version}/$metadata#policies/authenticationStrengthPolicies/$entity`,
            ...withContext(created, request.origin, request.version),
          },
        };
      },
    },
  ];
}
