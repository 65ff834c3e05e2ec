// What "realistic" means: AWS's published quotas, and the burst model. Every bucket holds `burstSeconds` of its
// rate (default 1 s), refilled continuously: an idle shard takes 1 MiB / 1,000 records at once, a busy one its
// rate per second, so short spikes pass and sustained excess is throttled — as AWS measures shard throughput
// per second. GetRecords reads first and pays after: a 10 MiB read puts the shard's read bucket 8 MiB in debt,
// and the calls of the next ~4 seconds are throttled, as the GetRecords reference describes.
export type LimitsMode = 'realistic' | 'off';

const MiB = 1024 * 1024;

export const AWS_RATES = {
  /** Per shard, data plus partition keys. */
  writeBytesPerSecond: MiB,
  writeRecordsPerSecond: 1000,
  readBytesPerSecond: 2 * MiB,
  getRecordsCallsPerSecond: 5,
  /** Per shard. */
  getShardIteratorCallsPerSecond: 5,
  /** Per account (one engine = one account; per region). */
  describeStreamCallsPerSecond: 10,
  /** Per stream. */
  listShardsCallsPerSecond: 1000,
  /** Per consumer and shard. */
  subscribeToShardCallsPerSecond: 1,
  /** An on-demand stream's starting write capacity (it grows with its shards). */
  onDemandWriteBytesPerSecond: 4 * MiB,
  onDemandWriteRecordsPerSecond: 4000,
} as const;

export interface EngineLimitSettings {
  mode: LimitsMode;
  /** Seconds of rate each bucket holds: the largest burst an idle bucket admits at once. */
  burstSeconds: number;
  /** On-demand streams add a shard after this many consecutive seconds of write throttling. */
  onDemandScaleAfterSeconds: number;
}

export const DEFAULT_LIMIT_SETTINGS: EngineLimitSettings = { mode: 'off', burstSeconds: 1, onDemandScaleAfterSeconds: 30 };
