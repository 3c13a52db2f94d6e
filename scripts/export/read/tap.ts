/** Reads the tenant's Temporary Access Pass configuration (a singleton; v1.0). */
import type { GraphClient } from "../../../infra/graph/types";
import { TAP_CONFIGURATION_PATH } from "../../../infra/providers/temporaryAccessPass/model";
import type { GraphTapConfiguration } from "../types";

export function readTap(client: GraphClient): Promise<GraphTapConfiguration> {
  return client.get<GraphTapConfiguration>(TAP_CONFIGURATION_PATH);
}
