/**
 * The `providerVersion` input every dynamic resource carries (values in providerVersions.ts):
 * checked and passed through by `check`, compared by `diff`, and carried into the outputs, so a
 * new version gives each resource one update, which stores the new provider code in state.
 */
import type { InputFailure } from "./inputFailures";

type Props = Record<string, unknown>;

export const PROVIDER_VERSION = "providerVersion";

/** `{ providerVersion }` when `props` holds one, else `{}`: spread into inputs or outputs. */
export function providerVersionOf(props: Props | undefined): { providerVersion?: string } {
  const version = props?.[PROVIDER_VERSION];
  return typeof version === "string" ? { providerVersion: version } : {};
}

/**
 * A failure when `providerVersion` is present but not a string. Absent is accepted: the resource
 * classes always set it, and a provider called without one simply records none.
 */
export function checkProviderVersion(news: Props): InputFailure[] {
  const version = news[PROVIDER_VERSION];
  if (version === undefined || typeof version === "string") return [];
  const found =
    version === null
      ? "null"
      : Array.isArray(version)
        ? "a list"
        : `${typeof version} ${JSON.stringify(version)}`;
  return [
    {
      property: PROVIDER_VERSION,
      reason: `expected the provider's version as a string (set by the resource class), found ${found}`,
    },
  ];
}

/** True when the state's version differs from the program's; a state without one differs from any. */
export function providerVersionChanged(olds: Props, news: Props): boolean {
  return olds[PROVIDER_VERSION] !== news[PROVIDER_VERSION];
}

/**
 * What an update that changes only the provider version returns, without asking Graph: the stored
 * outputs as they are (they still describe the tenant), with the program's version. The host adds
 * the new `__provider`.
 */
export function storedOutputsWithNewVersion(olds: Props, news: Props): Props {
  const { __provider: _storedCode, [PROVIDER_VERSION]: _storedVersion, ...stored } = olds;
  return { ...stored, ...providerVersionOf(news) };
}
