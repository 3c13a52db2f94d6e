/**
 * The Entra ID login slice: OpenID discovery, the signing keys and the v2.0 token endpoint for
 * the client credentials grant (client secret, or a client assertion such as a workload
 * identity's OIDC token). Errors are AADSTS-style JSON, as login.microsoftonline.com sends them.
 */
import { randomUUID } from "node:crypto";
import type { TokenSigner } from "./tokens";

export interface LoginIdentity {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The only client assertion the token endpoint accepts. */
  oidcToken: string;
  /** Object id of the client's service principal in the tenant (the tokens' `oid`). */
  servicePrincipalId: string;
}

export interface LoginContext {
  identity: LoginIdentity;
  origin: string;
  signer: TokenSigner;
  /** Application permissions granted right now (copied into the token's `roles`). */
  grantedPermissions(): string[];
  tokenLifetimeSeconds: number;
  requestId: string;
}

export interface LoginReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

function aadError(
  status: number,
  error: string,
  code: number,
  description: string,
  context: LoginContext,
): LoginReply {
  const timestamp = new Date().toISOString().replace("T", " ").slice(0, 19) + "Z";
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${context.requestId} Correlation ID: ${context.requestId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: context.requestId,
      correlation_id: context.requestId,
      error_uri: `${context.origin}/error?code=${code}`,
    },
  };
}

function openIdConfiguration(tenant: string, origin: string): unknown {
  const base = `${origin}/${tenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "nbf", "tid", "ver", "oid"],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: "WW",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net",
  };
}

function tokenResponse(form: Record<string, string>, context: LoginContext): LoginReply {
  const { identity } = context;
  if (form.grant_type !== "client_credentials") {
    return aadError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${form.grant_type ?? ""}'. The sandbox supports client_credentials only.`,
      context,
    );
  }
  if (form.client_id !== identity.clientId) {
    return aadError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${form.client_id ?? ""}' was not found in the directory '${identity.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      context,
    );
  }
  const scope = form.scope ?? "";
  const scopes = scope.split(" ").filter((s) => s !== "");
  const resourceScope = scopes.find((s) => s.endsWith("/.default"));
  if (
    !resourceScope ||
    scopes.some((s) => s !== resourceScope && !["openid", "profile", "offline_access"].includes(s))
  ) {
    return aadError(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      context,
    );
  }
  if (form.client_assertion !== undefined || form.client_assertion_type !== undefined) {
    if (form.client_assertion_type !== ASSERTION_TYPE) {
      return aadError(
        400,
        "invalid_request",
        50027,
        `Invalid client_assertion_type '${form.client_assertion_type ?? ""}'; expected '${ASSERTION_TYPE}'.`,
        context,
      );
    }
    if (form.client_assertion !== identity.oidcToken) {
      return aadError(
        400,
        "invalid_client",
        70021,
        "No matching federated identity record found for presented assertion.",
        context,
      );
    }
  } else if (form.client_secret === undefined) {
    return aadError(
      401,
      "invalid_client",
      7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
      context,
    );
  } else if (form.client_secret !== identity.clientSecret) {
    return aadError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${identity.clientId}'.`,
      context,
    );
  }
  const audience = resourceScope.slice(0, -"/.default".length);
  const { token } = context.signer.issue({
    audience,
    tenantId: identity.tenantId,
    clientId: identity.clientId,
    objectId: identity.servicePrincipalId,
    roles: context.grantedPermissions(),
    lifetimeSeconds: context.tokenLifetimeSeconds,
  });
  return {
    status: 200,
    body: {
      token_type: "Bearer",
      expires_in: context.tokenLifetimeSeconds,
      ext_expires_in: context.tokenLifetimeSeconds,
      access_token: token,
    },
  };
}

/** Answers a login request; `path` has no query string. */
export function handleLogin(
  method: string,
  path: string,
  form: Record<string, string>,
  context: LoginContext,
): LoginReply {
  const match =
    /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/token)$/.exec(
      path,
    );
  if (!match) {
    return aadError(
      404,
      "invalid_request",
      90000,
      `The sandbox serves no login endpoint at ${method} ${path}.`,
      context,
    );
  }
  const [, tenant, endpoint] = match;
  if (tenant.toLowerCase() !== context.identity.tenantId) {
    return aadError(
      400,
      "invalid_tenant",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      context,
    );
  }
  if (endpoint === "oauth2/v2.0/token") {
    if (method !== "POST")
      return aadError(405, "invalid_request", 900561, "The endpoint only accepts POST requests.", context);
    return tokenResponse(form, context);
  }
  if (method !== "GET")
    return aadError(405, "invalid_request", 900561, "The endpoint only accepts GET requests.", context);
  if (endpoint === "discovery/v2.0/keys") return { status: 200, body: context.signer.jwks() };
  return { status: 200, body: openIdConfiguration(context.identity.tenantId, context.origin) };
}

/**
 * The same app registration consented in another tenant: the client id, secret and accepted
 * assertion are the application's and so the same everywhere (a multi-tenant app signs in to each
 * tenant that consented with its own credentials); the tenant and the service principal (the app's
 * object in that tenant, the tokens' `oid`) are the tenant's own.
 */
export function consentedIn(home: LoginIdentity): LoginIdentity {
  return { ...home, tenantId: randomUUID(), servicePrincipalId: randomUUID() };
}

export function newLoginIdentity(): LoginIdentity {
  return {
    tenantId: randomUUID(),
    clientId: randomUUID(),
    clientSecret: `sbx~${randomUUID().replace(/-/g, "")}`,
    oidcToken: "",
    servicePrincipalId: randomUUID(),
  };
}
