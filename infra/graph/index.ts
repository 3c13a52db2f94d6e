/** The Graph access layer: one import for providers and scripts. */
export { createGraphClient, buildUrl, MAX_PAGES } from "./client";
export { resolveConnection, graphConnectionError, isGraphConnectionError } from "./connection";
export { clearCredentialCache } from "./credentialCache";
export type { GraphConnection, GraphConnectionError, CredentialPlan, CredentialKind } from "./connection";
export { CLOUDS, findCloud } from "./clouds";
export type { Cloud, CloudName } from "./clouds";
export {
  graphRequestError,
  formatGraphRequestError,
  isGraphRequestError,
  isNotFound,
  isReplicationLag,
  parseGraphErrorBody,
  unwrapIntuneMessage,
} from "./errors";
export type { GraphRequestError, GraphRequestErrorDetails } from "./errors";
export { requiredPermission } from "./permissions";
export {
  retryWhileReplicating,
  replicationLagTimeoutError,
  isReplicationLagTimeout,
  DEFAULT_REPLICATION_LAG_OPTIONS,
} from "./replicationLag";
export type { ReplicationLagTimeoutError } from "./replicationLag";
export { DEFAULT_RETRY_OPTIONS } from "./retryPolicy";
export { PROJECT_NAME, PROJECT_VERSION, USER_AGENT } from "./version";
export type * from "./types";
