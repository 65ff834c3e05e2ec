// The tailer's own share of a shard's read budget (AWS: 5 GetRecords calls/s and 2 MiB/s per shard, shared by
// every consumer of the shard). Calls and bytes over the last second are counted in a sliding window; a reader
// asks `wait()` before each call and is held back once its own share would pass its caps. Throttling
// (ProvisionedThroughputExceededException) means someone else is using the rest: back off exponentially
// with jitter, and reset after a call succeeds.

export const AWS_READ_CALLS_PER_SECOND = 5;
export const AWS_READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
const WINDOW_MS = 1000;
const BACKOFF_MIN_MS = 200;
/**
 * Poll grid ticks are this much further apart than the call share alone would allow (210 ms at 5 calls/s): a
 * call that starts late (a busy event loop) would otherwise hold the call five ticks later back by the same
 * amount through the one-second window, and every later call of that tick after it, so lateness would pile up.
 */
const GRID_SLACK = 1.05;
const BACKOFF_MAX_MS = 5000;

export class ReadBudget {
  private readonly calls: number[] = [];
  private readonly reads: { at: number; bytes: number }[] = [];
  private backoffMs = 0;
  throttles = 0;

  constructor(
    private readonly maxCallsPerSecond: number,
    private readonly maxBytesPerSecond = AWS_READ_BYTES_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long to wait before the next call may go, in ms (0: now). */
  delayMs(): number {
    const now = this.now();
    this.prune(now);
    let wait = 0;
    const oldestCall = this.calls[0];
    if (this.calls.length >= this.maxCallsPerSecond && oldestCall !== undefined) wait = oldestCall + WINDOW_MS - now;
    const bytes = this.reads.reduce((sum, r) => sum + r.bytes, 0);
    const oldestRead = this.reads[0];
    if (bytes >= this.maxBytesPerSecond && oldestRead !== undefined) wait = Math.max(wait, oldestRead.at + WINDOW_MS - now);
    return Math.max(0, wait);
  }

  /**
   * Caught up: how long until the next poll. Polls fall on a grid, one tick every `intervalMs` (at least one
   * call's share of the second, plus GRID_SLACK) counted from the epoch, so every shard reader polls at the same
   * moments: the merge, which waits until every shard has been read past a record's arrival, then gets all of
   * them at once, and the calls stay evenly spaced instead of bunching up after each answer and leaving a long
   * gap once the second's share is spent.
   */
  untilNextTick(intervalMs: number): number {
    const period = Math.max(intervalMs, Math.ceil((WINDOW_MS / this.maxCallsPerSecond) * GRID_SLACK));
    return Math.max(this.delayMs(), period - (this.now() % period));
  }

  /** A call leaves now. */
  called(): void {
    this.calls.push(this.now());
  }

  /** A call returned `bytes` of record data (partition keys included): the bytes count against the 2 MiB/s. */
  succeeded(bytes: number): void {
    this.reads.push({ at: this.now(), bytes });
    this.backoffMs = 0;
  }

  /** The call was throttled: the delay before trying again. */
  throttled(random: () => number = Math.random): number {
    this.throttles++;
    this.backoffMs = this.backoffMs === 0 ? BACKOFF_MIN_MS : Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    return Math.round(this.backoffMs * (0.75 + random() * 0.5));
  }

  get backingOff(): boolean {
    return this.backoffMs > 0;
  }

  /** The tailer's own use over the last second. */
  usage(): { callsPerSecond: number; bytesPerSecond: number } {
    this.prune(this.now());
    return { callsPerSecond: this.calls.length, bytesPerSecond: this.reads.reduce((sum, r) => sum + r.bytes, 0) };
  }

  private prune(now: number): void {
    while (this.calls.length > 0 && (this.calls[0] ?? now) <= now - WINDOW_MS) this.calls.shift();
    while (this.reads.length > 0 && (this.reads[0]?.at ?? now) <= now - WINDOW_MS) this.reads.shift();
  }
}
