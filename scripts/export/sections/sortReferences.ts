/** Orders written references for reading: names alphabetically, then ids (in their sorted order). */
import type { GroupRef, UserRef } from "../types";

function label(reference: GroupRef | UserRef): string {
  if (typeof reference === "string") return `~${reference}`;
  return "displayName" in reference
    ? reference.displayName.toLowerCase()
    : reference.userPrincipalName.toLowerCase();
}

export function sortReferences<T extends GroupRef | UserRef>(references: T[]): T[] {
  return [...references].sort((a, b) => (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0));
}
