/**
 * Time as the azuread provider experiences it, scaled: every wait, poll interval and backoff of
 * the real provider is multiplied by `timeScale` before it is slept (0.001 turns a 5 s poll into
 * 5 ms). An operation's clock advances by the unscaled length of those waits plus the real time
 * everything else takes (HTTP round trips count as they are), so deadlines (a group create has
 * 30 min) and the retry counts derived from them keep the provider's proportions however fast or
 * slow the machine running the tests is.
 */

export class Clock {
  constructor(readonly timeScale: number) {
    if (!Number.isFinite(timeScale) || timeScale <= 0)
      throw new Error(`azuread emulation: timeScale must be a positive number, got ${timeScale}`);
  }

  /** Waits `ms` of provider time (`ms * timeScale` of real time). */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, ms * this.timeScale));
  }
}

/**
 * One provider operation's context: Terraform gives every CRUD call a deadline (the resource's
 * timeout), and the SDK derives retry counts and wait timeouts from what is left of it.
 */
export class OperationContext {
  private readonly startedAt = performance.now();
  private sleptReal = 0;
  private sleptProvider = 0;

  constructor(
    readonly clock: Clock,
    readonly timeoutMs: number,
  ) {}

  /** Provider milliseconds since the operation started. */
  elapsedMs(): number {
    return performance.now() - this.startedAt - this.sleptReal + this.sleptProvider;
  }

  /** Provider milliseconds left before the deadline (negative once passed). */
  remainingMs(): number {
    return this.timeoutMs - this.elapsedMs();
  }

  /** Waits `ms` of provider time and counts it as such. */
  async sleep(ms: number): Promise<void> {
    if (ms <= 0) return;
    const before = performance.now();
    await this.clock.sleep(ms);
    this.sleptReal += performance.now() - before;
    this.sleptProvider += ms;
  }
}

/** Go's `time.Duration.String()` for a duration in milliseconds (e.g. `5m0s`, `4m59.5s`, `500ms`). */
export function goDuration(ms: number): string {
  let nanos = Math.round(ms * 1e6);
  if (nanos === 0) return "0s";
  const negative = nanos < 0;
  nanos = Math.abs(nanos);
  const sign = negative ? "-" : "";
  if (nanos < 1e9) {
    const [unit, size] = nanos < 1e3 ? ["ns", 1] : nanos < 1e6 ? ["µs", 1e3] : ["ms", 1e6];
    return `${sign}${trimFraction(nanos / size)}${unit}`;
  }
  const hours = Math.floor(nanos / 3.6e12);
  const minutes = Math.floor((nanos % 3.6e12) / 6e10);
  const seconds = (nanos % 6e10) / 1e9;
  let text = `${trimFraction(seconds)}s`;
  if (hours > 0 || minutes > 0) text = `${minutes}m${text}`;
  if (hours > 0) text = `${hours}h${text}`;
  return `${sign}${text}`;
}

function trimFraction(value: number): string {
  return value.toFixed(9).replace(/\.?0+$/, "");
}
