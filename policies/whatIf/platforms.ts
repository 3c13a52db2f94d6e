/**
 * The device platforms condition: unset means every platform; `all` includes every platform;
 * exclusion beats inclusion. A persona without a platform cannot be judged against a set one. Pure.
 */
import { containsId, no, notEvaluated, yes, type Outcome } from "./outcome";
import type { ConditionalAccessConditionSet, WhatIfPersona } from "./types";

export function matchPlatforms(
  platforms: ConditionalAccessConditionSet["platforms"],
  persona: WhatIfPersona,
): Outcome {
  const include = platforms?.includePlatforms ?? [];
  const exclude = platforms?.excludePlatforms ?? [];
  if (include.length === 0 && exclude.length === 0) return yes("platforms: not configured (every platform)");
  if (persona.platform === undefined) {
    return notEvaluated(
      `platforms: include [${include.join(", ")}], exclude [${exclude.join(", ")}] (the persona's platform is not known)`,
    );
  }
  if (containsId(exclude, persona.platform) || containsId(exclude, "all")) {
    return no(`platforms: ${persona.platform} excluded by excludePlatforms`);
  }
  if (include.length === 0 || containsId(include, "all") || containsId(include, persona.platform)) {
    return yes(`platforms: ${persona.platform} included, and not excluded`);
  }
  return no(`platforms: includePlatforms [${include.join(", ")}] does not include ${persona.platform}`);
}
