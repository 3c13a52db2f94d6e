/**
 * Which declared properties differ between the stored state and the program, after both are
 * normalized: reordered targets, an omitted default or a differently-cased id are no change.
 */
import { TAP_PROPERTIES, TapConfiguration } from "./model";
import { containsUnknown, normalizeOnDestroy, normalizeTapConfiguration } from "./normalize";

function withoutUnknowns(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => !containsUnknown(value)));
}

/** Names of the changed properties, in declaration order; `onDestroy` last. */
export function changedTapProperties(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const before: TapConfiguration = normalizeTapConfiguration(olds);
  const after: TapConfiguration = normalizeTapConfiguration(withoutUnknowns(news));
  const changed: string[] = TAP_PROPERTIES.filter(
    (property) =>
      containsUnknown(news[property]) || JSON.stringify(before[property]) !== JSON.stringify(after[property]),
  );
  if (
    containsUnknown(news.onDestroy) ||
    normalizeOnDestroy(olds.onDestroy) !== normalizeOnDestroy(news.onDestroy)
  ) {
    changed.push("onDestroy");
  }
  return changed;
}
