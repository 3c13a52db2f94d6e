/**
 * A Graph client for the program itself (adoption lookups at program time), with the identity the
 * providers use: the `azuread:` stack config keys first, then the ARM_* / AZURE_* environment
 * (infra/graph/connection.ts). The values stay in memory; nothing of the connection is exported,
 * stored in state or logged (the client redacts secrets from its errors).
 */
import * as pulumi from "@pulumi/pulumi";
import { createGraphClient } from "../graph/client";
import type { GraphClient } from "../graph/types";
import { readAzureadConfig } from "../providers/graphProviderOptions";

const AZUREAD_PREFIX = "azuread:";

export function programGraphClient(): GraphClient {
  const azureadConfig = new pulumi.Config("azuread");
  const config = readAzureadConfig({
    get: (fullKey) => azureadConfig.get(fullKey.slice(AZUREAD_PREFIX.length)),
  });
  return createGraphClient({ config });
}
