/** Small numeric helpers shared by the benchmark sections. */

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds for a table: one decimal below 10 ms, whole milliseconds up to a minute, then seconds. */
export function formatMs(ms: number): string {
  if (ms < 0.1) return `${ms.toFixed(3)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms).toLocaleString("en-US")} ms`;
}

/** A byte count with thousands separators. */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString("en-US")} B`;
}

/** `a / b` as a ratio with two decimals and a times sign, or "n/a" when b is 0. */
export function formatRatio(a: number, b: number): string {
  if (b === 0) return "n/a";
  return `${(a / b).toFixed(2)}×`;
}

/** Wall-clock time in ms since the epoch, comparable between processes on one machine. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Runs `fn` and returns its result with the elapsed milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}
