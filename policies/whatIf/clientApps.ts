/** The client app types condition: empty or `all` matches every client. Pure. */
import { containsId, no, yes, type Outcome } from "./outcome";
import type { WhatIfPersona } from "./types";

export function matchClientAppTypes(
  clientAppTypes: readonly string[] | undefined,
  persona: WhatIfPersona,
): Outcome {
  const types = clientAppTypes ?? [];
  if (types.length === 0 || containsId(types, "all")) return yes("client apps: all client app types");
  return containsId(types, persona.clientAppType)
    ? yes(`client apps: includes ${persona.clientAppType}`)
    : no(`client apps: [${types.join(", ")}] does not include ${persona.clientAppType}`);
}
