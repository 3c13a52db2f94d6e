/**
 * What every Graph-backed dynamic provider shares: the `configure` hook that takes the `azuread:`
 * stack config, and a Graph client created per operation from it (or from the resource's own
 * `connection`) and the provider's options. The
 * credential behind the client (and its token) is shared per connection by the whole provider host
 * process, across operations and providers (infra/graph/credentialCache.ts).
 *
 * A plain class (no Error subclass, no field initializers relied upon, no Symbols) so that Pulumi's
 * closure serializer can capture it with the provider.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createGraphClient } from "../graph/client";
import type { GraphClient } from "../graph/types";
import { connectionEnvironment, connectionOf, connectionSettings } from "./connectionInput";
import { readAzureadConfig, type GraphProviderOptions } from "./graphProviderOptions";

export abstract class GraphProvider {
  /** The `azuread:` stack config, set by `configure` in the provider host; never serialized with a value. */
  private azureadConfig: Record<string, string | undefined>;

  constructor(protected readonly options: GraphProviderOptions = {}) {
    this.azureadConfig = {};
  }

  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.azureadConfig = readAzureadConfig(req.config);
    return Promise.resolve();
  }

  /**
   * A client for one operation; the connection (and any secret) is read now, never stored in state.
   * `props` (the operation's inputs or stored outputs) may name the tenant in `connection`
   * (connectionInput.ts); otherwise the stack's `azuread:` config and environment decide.
   */
  protected client(props?: Record<string, unknown>): GraphClient {
    const { connection } = connectionOf(props);
    if (connection === undefined)
      return createGraphClient({ config: this.azureadConfig, retry: this.options.retry });
    return createGraphClient({
      config: connectionSettings(connection),
      env: connectionEnvironment(process.env),
      retry: this.options.retry,
    });
  }
}
