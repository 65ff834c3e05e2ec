// Live traffic stats per shard: per-second series for the last hour, totals since the engine started, and the
// top partition keys. Allocated on a shard's first traffic; memory per shard is fixed (9 metrics × 3600 s × 8 B
// ≈ 260 KB, plus at most 6 × 1024 key counters).
import { SeriesRing } from './seriesRing';
import { TopKeys } from './topKeys';

export const METRICS = [
  'IncomingRecords',
  'IncomingBytes',
  'GetRecordsRecords',
  'GetRecordsBytes',
  'FanOutRecords',
  'FanOutBytes',
  'WriteThrottles',
  'ReadThrottles',
  'IteratorAgeMs',
] as const;

export type MetricName = (typeof METRICS)[number];

export const M = {
  incomingRecords: 0,
  incomingBytes: 1,
  getRecordsRecords: 2,
  getRecordsBytes: 3,
  fanOutRecords: 4,
  fanOutBytes: 5,
  writeThrottles: 6,
  readThrottles: 7,
  iteratorAge: 8,
} as const;

export class ShardStats {
  readonly series = new SeriesRing(METRICS.length);
  /** Since the engine started; IteratorAgeMs holds the maximum. */
  readonly totals = new Float64Array(METRICS.length);
  readonly topKeys = new TopKeys();

  constructor(
    readonly streamRowId: number,
    readonly shardIndex: number,
  ) {}

  /** Incoming counts of the write call being observed, not yet in the series. */
  pendingRecords = 0;
  pendingBytes = 0;

  flushIncoming(second: number): void {
    this.add(second, M.incomingRecords, this.pendingRecords);
    this.add(second, M.incomingBytes, this.pendingBytes);
    this.pendingRecords = 0;
    this.pendingBytes = 0;
  }

  add(second: number, metric: number, amount: number): void {
    this.series.add(second, metric, amount);
    this.totals[metric] = (this.totals[metric] ?? 0) + amount;
  }

  max(second: number, metric: number, value: number): void {
    this.series.max(second, metric, value);
    if (value > (this.totals[metric] ?? 0)) this.totals[metric] = value;
  }
}

export class StatsRegistry {
  private readonly shards = new Map<number, ShardStats>();

  /** The stats of a shard row, created on first use. */
  shard(shardRowId: number, streamRowId: number, shardIndex: number): ShardStats {
    let stats = this.shards.get(shardRowId);
    if (!stats) {
      stats = new ShardStats(streamRowId, shardIndex);
      this.shards.set(shardRowId, stats);
    }
    return stats;
  }

  /** Every shard with stats (the minute history reads them all). */
  all(): IterableIterator<ShardStats> {
    return this.shards.values();
  }

  existing(shardRowId: number): ShardStats | undefined {
    return this.shards.get(shardRowId);
  }

  /** Drops the stats of shards that no longer exist. */
  forget(liveShards: ReadonlySet<number>): void {
    for (const id of this.shards.keys()) if (!liveShards.has(id)) this.shards.delete(id);
  }
}
