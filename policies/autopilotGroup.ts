/**
 * The Entra dynamic device group the Web sign-in profile is assigned to: every Windows Autopilot
 * device, or only those registered with one Autopilot group tag. Pure data: no Pulumi, no I/O.
 */

/** Every device registered with Windows Autopilot carries a `[ZTDId]` physical id. */
export const ALL_AUTOPILOT_DEVICES_RULE = '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))';

/** Longest group tag accepted (a deliberately conservative bound, far below the rule length limit). */
export const GROUP_TAG_MAX_LENGTH = 128;
/**
 * Letters, digits, spaces, `-`, `_` and `.`. Anything else (quotes, brackets, backticks,
 * parentheses, `:`) could change the meaning of the membership rule the tag is embedded in.
 */
const GROUP_TAG_PATTERN = /^[A-Za-z0-9 ._-]+$/;

/** Describes what is wrong with a group tag, or returns undefined when it is usable. */
export function groupTagProblem(tag: string): string | undefined {
  if (tag.length === 0) {
    return "must be a non-empty group tag";
  }
  if (tag.length > GROUP_TAG_MAX_LENGTH) {
    return `must be at most ${GROUP_TAG_MAX_LENGTH} characters; got ${tag.length}`;
  }
  if (!GROUP_TAG_PATTERN.test(tag)) {
    return `may contain only letters, digits, spaces, "-", "_" and "."; got ${JSON.stringify(tag)}`;
  }
  if (tag.trim() !== tag) {
    return `must not start or end with a space; got ${JSON.stringify(tag)}`;
  }
  return undefined;
}

/**
 * The dynamic membership rule: all Autopilot devices, or (with `groupTag`) only the devices whose
 * Autopilot group tag (Entra's `[OrderID]`) equals it. Throws on a tag that could break the rule.
 */
export function autopilotMembershipRule(groupTag?: string): string {
  if (groupTag === undefined) {
    return ALL_AUTOPILOT_DEVICES_RULE;
  }
  const problem = groupTagProblem(groupTag);
  if (problem !== undefined) {
    throw new Error(`Autopilot group tag ${problem}`);
  }
  return `(device.devicePhysicalIds -any (_ -eq "[OrderID]:${groupTag}"))`;
}
