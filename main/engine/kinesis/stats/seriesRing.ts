// Per-second counters for the last hour in fixed-size typed arrays: slot = second % 3600, stamped with the second
// it holds, so a stale slot reads as zero and is cleared on its next write. Memory is fixed per shard.
export const RING_SECONDS = 3600;

export class SeriesRing {
  private readonly values: Float64Array;
  private readonly stamps: Float64Array;

  constructor(private readonly metrics: number) {
    this.values = new Float64Array(metrics * RING_SECONDS);
    this.stamps = new Float64Array(RING_SECONDS).fill(-1);
  }

  private slot(second: number): number {
    const slot = second % RING_SECONDS;
    if (this.stamps[slot] !== second) {
      this.stamps[slot] = second;
      this.values.fill(0, slot * this.metrics, (slot + 1) * this.metrics);
    }
    return slot * this.metrics;
  }

  add(second: number, metric: number, amount: number): void {
    const base = this.slot(second);
    this.values[base + metric] = (this.values[base + metric] ?? 0) + amount;
  }

  max(second: number, metric: number, value: number): void {
    const base = this.slot(second);
    if (value > (this.values[base + metric] ?? 0)) this.values[base + metric] = value;
  }

  /** The metric for `count` seconds starting at `from` (oldest first); seconds outside the hour read 0. */
  read(metric: number, from: number, count: number): number[] {
    const out = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      const second = from + i;
      const slot = second % RING_SECONDS;
      out[i] = this.stamps[slot] === second ? (this.values[slot * this.metrics + metric] ?? 0) : 0;
    }
    return out;
  }
}
