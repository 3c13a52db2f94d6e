/**
 * The locations condition: unset means any location; `All` is any location, `AllTrusted` every
 * location marked trusted (plus MFA trusted IPs, which the persona's `trusted` flag stands for),
 * other values are named location ids. Exclusion beats inclusion. Pure.
 */
import { ALL_LOCATIONS, ALL_TRUSTED_LOCATIONS } from "../registrationPolicy";
import { commonIds, containsId, no, yes, type Outcome } from "./outcome";
import type { ConditionalAccessConditionSet, WhatIfPersona } from "./types";

export function matchLocations(
  locations: ConditionalAccessConditionSet["locations"],
  persona: WhatIfPersona,
): Outcome {
  const include = locations?.includeLocations ?? [];
  const exclude = locations?.excludeLocations ?? [];
  if (include.length === 0 && exclude.length === 0) return yes("locations: not configured (any location)");
  const excludedBy = locationMatch(exclude, persona);
  if (excludedBy !== undefined) return no(`locations: excluded by excludeLocations ${excludedBy}`);
  if (include.length === 0) return yes("locations: any location, and not excluded");
  const includedBy = locationMatch(include, persona);
  if (includedBy === undefined) {
    return no(`locations: ${describePersona(persona)} is not in includeLocations [${include.join(", ")}]`);
  }
  return yes(`locations: included by includeLocations ${includedBy}, and not excluded`);
}

/** Which entry of the list matches the persona's location, if any. */
function locationMatch(list: readonly string[], persona: WhatIfPersona): string | undefined {
  if (containsId(list, ALL_LOCATIONS)) return ALL_LOCATIONS;
  if (persona.location.trusted && containsId(list, ALL_TRUSTED_LOCATIONS)) return ALL_TRUSTED_LOCATIONS;
  return commonIds(list, persona.location.namedLocationIds)[0];
}

function describePersona(persona: WhatIfPersona): string {
  const named = persona.location.namedLocationIds;
  const where = named.length > 0 ? ` [${named.join(", ")}]` : "";
  return `the persona's ${persona.location.trusted ? "trusted" : "untrusted"} location${where}`;
}
