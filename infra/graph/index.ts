/** The Graph access layer: one import for providers and scripts. */
export { createGraphClient, buildUrl, MAX_PAGES } from "./client";
export { resolveConnection, GraphConnectionError } from "./connection";
export type { GraphConnection, CredentialPlan, CredentialKind } from "./connection";
export { CLOUDS, findCloud } from "./clouds";
export type { Cloud, CloudName } from "./clouds";
export {
  GraphRequestError,
  formatGraphRequestError,
  isGraphRequestError,
  isNotFound,
  isReplicationLag,
  parseGraphErrorBody,
  unwrapIntuneMessage,
} from "./errors";
export { requiredPermission } from "./permissions";
export {
  retryWhileReplicating,
  ReplicationLagTimeoutError,
  DEFAULT_REPLICATION_LAG_OPTIONS,
} from "./replicationLag";
export { DEFAULT_RETRY_OPTIONS } from "./retryPolicy";
export { PROJECT_NAME, PROJECT_VERSION, USER_AGENT } from "./version";
export type * from "./types";
