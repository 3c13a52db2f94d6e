/** Shared set-up for the Graph client tests: a sandbox and clients wired to it by environment only. */
import { createGraphClient } from "../../infra/graph/client";
import type { GraphClient, RetryOptions } from "../../infra/graph/types";
import type { Sandbox } from "../sandbox";

export const TAP_PATH =
  "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";

/** Millisecond retries so fault tests stay fast; override per test. */
export const FAST_RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 20 };

export function clientFor(
  sandbox: Sandbox,
  options: { env?: Record<string, string>; config?: Record<string, string>; retry?: RetryOptions } = {},
): GraphClient {
  return createGraphClient({
    env: options.env ?? sandbox.env(),
    config: options.config,
    retry: options.retry ?? FAST_RETRY,
  });
}

export function newGroup(displayName: string): Record<string, unknown> {
  return {
    displayName,
    mailEnabled: false,
    mailNickname: displayName.replace(/[^A-Za-z0-9]/g, "").slice(0, 60) || "group",
    securityEnabled: true,
  };
}

/** Awaits a promise that must reject, returning the rejection. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the request to fail");
}
