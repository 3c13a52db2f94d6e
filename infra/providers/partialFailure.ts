/**
 * What a provider records when an operation changed the tenant and then failed (a "partial"
 * failure: an error carrying `id` and `properties`).
 *
 * Pulumi's dynamic-provider host stores those properties as the resource's outputs exactly as
 * given, and `read` and `delete` load the provider from `__provider` in the stored outputs. The
 * host adds `__provider` itself only to successful results (cmd/dynamic-provider/index.ts,
 * `resultIncludingProvider` vs `grpcResponseFromError`, @pulumi/pulumi 3.248), so without one every
 * later `refresh`, `preview --refresh`, `up --refresh` and `destroy` fails with "code must be a
 * string". The inputs of the failed call carry the program's provider entry (thinProvider.ts, a
 * few KB: the host sends a partial failure in a gRPC trailer, which Node's HTTP/2 caps at 64 KB),
 * so the properties take it from there.
 */
import { providerVersionOf } from "./providerVersion";

/** `properties` plus the provider entry and the version from the inputs of the failed call. */
export function withProviderCode(
  properties: Record<string, unknown>,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  const code = inputs["__provider"];
  return {
    ...properties,
    ...providerVersionOf(inputs),
    ...(typeof code === "string" ? { __provider: code } : {}),
  };
}
