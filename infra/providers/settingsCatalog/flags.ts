/**
 * Intune's `platforms` and `technologies` are flags enums that Graph serializes as one
 * comma-separated string, e.g. "mdm,appleRemoteManagement". Members as published in Graph's beta
 * metadata (2026); Graph adds members over time, so extend these lists when it does.
 */
export const PLATFORM_FLAGS: readonly string[] = [
  "none",
  "android",
  "iOS",
  "macOS",
  "windows10X",
  "windows10",
  "linux",
  "unknownFutureValue",
  "androidEnterprise",
  "aosp",
  "visionOS",
  "tvOS",
];

export const TECHNOLOGY_FLAGS: readonly string[] = [
  "none",
  "mdm",
  "windows10XManagement",
  "configManager",
  "appleRemoteManagement",
  "microsoftSense",
  "exchangeOnline",
  "mobileApplicationManagement",
  "linuxMdm",
  "enrollment",
  "endpointPrivilegeManagement",
  "unknownFutureValue",
  "windowsOsRecovery",
  "android",
  "documentGateway",
  "intuneManagementExtension",
  "thirdParty",
  "extensibility",
];

export function splitFlags(value: string): string[] {
  return value
    .split(",")
    .map((member) => member.trim())
    .filter((member) => member !== "");
}

/** Members not in `known`, in the order given. */
export function unknownFlags(value: string, known: readonly string[]): string[] {
  return splitFlags(value).filter((member) => !known.includes(member));
}

/**
 * One spelling per set of members: duplicates removed, ordered as in `known` (unknown members
 * last, alphabetically), so "mdm, configManager" and "configManager,mdm" compare equal.
 */
export function normalizeFlags(value: string, known: readonly string[]): string {
  const members = [...new Set(splitFlags(value))];
  const rank = (member: string): number => {
    const index = known.indexOf(member);
    return index === -1 ? known.length : index;
  };
  members.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return members.join(",");
}
