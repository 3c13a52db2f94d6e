/**
 * An offline emulation of what @pulumi/azuread 6.9.1 does against Microsoft Graph for
 * `azuread.Group` and `azuread.ConditionalAccessPolicy` and the functions `azuread.getGroup` and
 * `azuread.getUser`, for the deployment harness
 * (test/deployment/offline/) running against the Graph sandbox (test/sandbox/).
 *
 * Where the knowledge comes from: @pulumi/azuread 6.9.1 is pulumi/pulumi-azuread v6.9.1
 * (c509bcdd), which bridges hashicorp/terraform-provider-azuread @38d1993a1ea6 (= v3.8.0) with
 * pulumi/pulumi-terraform-bridge v3.130.0 (26e62205). Each file cites the provider, SDK or bridge
 * source (path:line @commit) it copies; the behaviour of one resource lives in its folder
 * (group/, conditionalAccessPolicy/: schema.ts = properties and validation, customizeDiff.ts =
 * plan-time rules, graph.ts = request bodies and read/flatten, provider.ts = the request sequence
 * of each step), the shared SDK and bridge mechanics in the files next to this one (graphClient.ts
 * retries and error texts, stateChange.ts consistency waits, plan.ts plans and diffs, validate.ts
 * schema validation, bridge.ts Check/`__defaults`/`__meta`/error prefixes/Read inputs). When a run
 * against a real tenant disagrees, correct it there.
 *
 * Every wait, poll and backoff of the real provider is multiplied by `timeScale` (default 0.001:
 * the provider's 5 s polls take 5 ms).
 */
import type { NativeProvider } from "../nativeProvider";
import type { NativeFunction } from "../offline/nativeFunction";
import { Clock } from "./clock";
import { ConditionalAccessPolicyProvider } from "./conditionalAccessPolicy/provider";
import type { AzureadContext } from "./context";
import { ClientCredentials } from "./credentials";
import { multiError } from "./diagnostics";
import { GraphClient } from "./graphClient";
import { GetGroupFunction } from "./group/dataSource";
import { GroupProvider } from "./group/provider";
import { GetUserFunction } from "./user/dataSource";

export interface AzureadEmulationOptions {
  /** Graph base URL without version, e.g. `https://graph.microsoft.com` or the sandbox's. */
  graphEndpoint: string;
  /** Login authority, e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Multiplies every wait, poll interval and retry backoff of the real provider; default 0.001. */
  timeScale?: number;
}

export const DEFAULT_TIME_SCALE = 0.001;

/**
 * The emulated resources keyed by Pulumi type token
 * (`azuread:index/group:Group`, `azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy`).
 * They share one access token for the emulation's life (renewed only when it expires).
 */
export function createAzureadEmulation(options: AzureadEmulationOptions): Map<string, NativeProvider> {
  return createAzureadProvider(options).resources;
}

/** One emulated provider instance: its resources by type token and its functions by token, sharing one token. */
export interface AzureadProviderEmulation {
  resources: Map<string, NativeProvider>;
  functions: Map<string, NativeFunction>;
  /**
   * The provider's Configure: the Terraform provider acquires its access token up front and fails
   * with `unable to obtain access token: <cause>` (terraform-provider-azuread
   * internal/clients/client.go:119-124 @38d1993a); the bridge returns that diagnostic as a
   * one-error multierror (pkg/tfshim/sdk-v2/diagnostics.go `errors`, provider.go:878-930
   * `Configure` @26e62205). The token is then the one every call of this instance uses.
   */
  configure(): Promise<void>;
}

export function createAzureadProvider(options: AzureadEmulationOptions): AzureadProviderEmulation {
  const clock = new Clock(options.timeScale ?? DEFAULT_TIME_SCALE);
  const credentials = new ClientCredentials(options);
  const context: AzureadContext = {
    clock,
    credentials,
    graph: new GraphClient(options.graphEndpoint, credentials),
  };
  const providers: NativeProvider[] = [
    new GroupProvider(context),
    new ConditionalAccessPolicyProvider(context),
  ];
  const functions: NativeFunction[] = [new GetGroupFunction(context), new GetUserFunction(context)];
  return {
    resources: new Map(providers.map((provider) => [provider.type, provider])),
    functions: new Map(functions.map((fn) => [fn.token, fn])),
    configure: async () => {
      try {
        await credentials.token();
      } catch (error) {
        throw new Error(multiError([error instanceof Error ? error.message : String(error)]), {
          cause: error,
        });
      }
    },
  };
}

export { GROUP_TYPE } from "./group/schema";
export { CONDITIONAL_ACCESS_POLICY_TYPE } from "./conditionalAccessPolicy/schema";
export { GET_GROUP_TOKEN } from "./group/dataSource";
export { GET_USER_TOKEN } from "./user/dataSource";
