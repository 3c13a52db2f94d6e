/**
 * Process-wide caches for the Graph layer. They live on `globalThis` under string keys because a
 * serialized dynamic provider carries its own copy of this module (each of the three providers
 * does), and all copies in one provider host must share them. Never captured in a closure, never
 * in state: only looked up at call time. No Symbols (the closure serializer cannot recreate them).
 */

/** The Map stored on `globalThis` under `key`, created on first use. */
export function processMap<V>(key: string): Map<string, V> {
  const holder = globalThis as unknown as Record<string, unknown>;
  const existing = holder[key];
  if (existing instanceof Map) return existing as Map<string, V>;
  const map = new Map<string, V>();
  Object.defineProperty(globalThis, key, {
    value: map,
    configurable: true,
    enumerable: false,
    writable: false,
  });
  return map;
}

/** Empties the Map stored under `key` (tests). */
export function clearProcessMap(key: string): void {
  const holder = globalThis as unknown as Record<string, unknown>;
  const existing = holder[key];
  if (existing instanceof Map) existing.clear();
}

/** Hex sha256 of `text`: lets a cache key tell secrets apart without holding them. */
export function sha256(text: string): string {
  const { createHash } = require("node:crypto") as typeof import("node:crypto");
  return createHash("sha256").update(text, "utf8").digest("hex");
}
