/**
 * Plain-fetch helpers for the sandbox's own fidelity tests: a token from the token endpoint and
 * Graph calls with it, independent of the project's Graph client.
 */
import type { Sandbox } from "./sandbox";

export interface HttpResult {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined for an empty body. */
  body: unknown;
}

export async function requestToken(sandbox: Sandbox, form: Record<string, string> = {}): Promise<HttpResult> {
  const response = await fetch(`${sandbox.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      scope: "https://graph.microsoft.com/.default",
      ...form,
    }).toString(),
  });
  return { status: response.status, headers: response.headers, body: await readJson(response) };
}

export async function accessToken(sandbox: Sandbox): Promise<string> {
  const result = await requestToken(sandbox);
  const body = result.body as { access_token?: string };
  if (result.status !== 200 || typeof body.access_token !== "string") {
    throw new Error(`token endpoint answered ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return body.access_token;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

/** A Graph caller bound to one sandbox and token. `path` starts with the version: `/v1.0/groups`. */
export function graphCaller(sandbox: Sandbox, token: string) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult> => {
    const url = path.startsWith("https://") ? path : `${sandbox.graphEndpoint}${path}`;
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: await readJson(response) };
  };
}

export type GraphCaller = ReturnType<typeof graphCaller>;
