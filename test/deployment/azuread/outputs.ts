/** Assembling the property maps the bridge returns: the TF `id` attribute, `__meta`, sorted keys. */
import type { PropertyMap } from "./schema";

/** Outputs as the bridge returns them: every attribute, `id`, and `__meta` (keys sorted). */
export function resourceOutputs(attributes: PropertyMap, id: string, meta: string): PropertyMap {
  const all: PropertyMap = { ...attributes, id, __meta: meta };
  const sorted: PropertyMap = {};
  for (const key of Object.keys(all).sort()) sorted[key] = all[key];
  return sorted;
}
