/**
 * Explicit provider resources as the Pulumi engine 3.248 names and stores them: `new
 * azuread.Provider(name, args)` registers a resource of type `pulumi:providers:azuread`; a resource
 * created with `{ provider }` carries the reference `<provider URN>::<provider id>` in its
 * registration, and so does an invoke (sdk/go/common/providers/reference.go:28-160 @ v3.248.0; the
 * Node SDK builds it in resource.js `ProviderResource.register`, with the unknown id in a preview).
 */
import type { PropertyMap } from "../nativeProvider";

export const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** The engine's own inputs of a provider resource, not passed to the provider (registry.go:45-58). */
const INTERNAL_KEY = "__internal";

export function isProviderType(type: string): boolean {
  return type.startsWith(PROVIDER_TYPE_PREFIX);
}

/** `azuread` for `pulumi:providers:azuread`. */
export function providerPackage(type: string): string {
  return type.slice(PROVIDER_TYPE_PREFIX.length);
}

/** The provider URN and id of a reference; the id is after the last `::` (reference.go ParseReference). */
export function parseProviderReference(reference: string): { urn: string; id: string } {
  const at = reference.lastIndexOf("::");
  if (at < 0) throw new Error(`invalid provider reference ${JSON.stringify(reference)}`);
  return { urn: reference.slice(0, at), id: reference.slice(at + 2) };
}

/**
 * A provider registration's inputs as the engine keeps them: with the SDK's package version the
 * engine adds `version`, and an empty `__internal` object beside it (source_eval.go:2372-2378,
 * registry.go:165-171 `SetProviderVersion`).
 */
export function providerInputs(inputs: PropertyMap, version: string): PropertyMap {
  if (version === "") return inputs;
  return { ...inputs, [INTERNAL_KEY]: {}, version };
}

/** The inputs without the engine's `__internal`: what the provider is configured with (registry.go:451-462 `FilterProviderConfig`). */
export function providerConfig(inputs: PropertyMap): PropertyMap {
  const { [INTERNAL_KEY]: _internal, ...config } = inputs;
  return config;
}
