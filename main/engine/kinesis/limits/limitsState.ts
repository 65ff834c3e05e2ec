// Per-engine limits: the engine-wide mode, per-stream overrides, and the token buckets. Buckets live in memory,
// keyed by shard / stream row id, and start full; changing settings drops them so new settings apply at once.
import type { ShardState, StreamState } from '../streams/streamModel';
import { AWS_RATES, DEFAULT_LIMIT_SETTINGS, type EngineLimitSettings, type LimitsMode } from './limitSettings';
import { TokenBucket } from './tokenBucket';

export interface ShardBuckets {
  writeBytes: TokenBucket;
  writeRecords: TokenBucket;
  readBytes: TokenBucket;
  readCalls: TokenBucket;
  iteratorCalls: TokenBucket;
}

export interface StreamBuckets {
  /** On-demand write capacity; null for provisioned streams. */
  writeBytes: TokenBucket | null;
  writeRecords: TokenBucket | null;
  listShards: TokenBucket;
  openShards: number;
}

/** Streams are named per region; overrides may name a stream before it exists. */
export function streamKey(region: string, name: string): string {
  return `${region}/${name}`;
}

export class LimitsState {
  settings: EngineLimitSettings = { ...DEFAULT_LIMIT_SETTINGS };
  private readonly overrides = new Map<string, LimitsMode>();
  private readonly modeCache = new Map<number, { version: number; mode: LimitsMode }>();
  private version = 0;
  private readonly shardBuckets = new Map<number, ShardBuckets>();
  private readonly streamBuckets = new Map<number, StreamBuckets>();
  private readonly accountBuckets = new Map<string, TokenBucket>();
  private readonly subscribeBuckets = new Map<string, TokenBucket>();

  private bucket(rate: number, now: number): TokenBucket {
    return new TokenBucket(rate, rate * this.settings.burstSeconds, now);
  }

  private changed(): void {
    this.version++;
    this.modeCache.clear();
    this.shardBuckets.clear();
    this.streamBuckets.clear();
    this.accountBuckets.clear();
    this.subscribeBuckets.clear();
  }

  configure(update: Partial<EngineLimitSettings>): void {
    this.settings = { ...this.settings, ...update };
    this.changed();
  }

  /** Sets (or with undefined, removes) a stream's own mode. */
  setStreamMode(region: string, name: string, mode: LimitsMode | undefined): void {
    if (mode === undefined) this.overrides.delete(streamKey(region, name));
    else this.overrides.set(streamKey(region, name), mode);
    this.changed();
  }

  streamMode(region: string, name: string): LimitsMode | undefined {
    return this.overrides.get(streamKey(region, name));
  }

  /** Every per-stream override, for GetLimits. */
  streamOverrides(): { region: string; name: string; mode: LimitsMode }[] {
    return [...this.overrides].map(([key, mode]) => {
      const slash = key.indexOf('/');
      return { region: key.slice(0, slash), name: key.slice(slash + 1), mode };
    });
  }

  /** True when no stream can be limited: the hot paths return at once. */
  get allOff(): boolean {
    if (this.settings.mode === 'realistic') return false;
    for (const mode of this.overrides.values()) if (mode === 'realistic') return false;
    return true;
  }

  /** The stream's effective mode, cached per stream row until settings change. */
  modeFor(stream: { id: number; region: string; name: string }): LimitsMode {
    const cached = this.modeCache.get(stream.id);
    if (cached && cached.version === this.version) return cached.mode;
    const mode = this.overrides.get(streamKey(stream.region, stream.name)) ?? this.settings.mode;
    this.modeCache.set(stream.id, { version: this.version, mode });
    return mode;
  }

  shard(shard: ShardState, now: number): ShardBuckets {
    let buckets = this.shardBuckets.get(shard.id);
    if (!buckets) {
      buckets = {
        writeBytes: this.bucket(AWS_RATES.writeBytesPerSecond, now),
        writeRecords: this.bucket(AWS_RATES.writeRecordsPerSecond, now),
        readBytes: this.bucket(AWS_RATES.readBytesPerSecond, now),
        readCalls: this.bucket(AWS_RATES.getRecordsCallsPerSecond, now),
        iteratorCalls: this.bucket(AWS_RATES.getShardIteratorCallsPerSecond, now),
      };
      this.shardBuckets.set(shard.id, buckets);
    }
    return buckets;
  }

  /** On-demand capacity is the larger of the starting capacity and 1 MiB / 1,000 records per open shard. */
  stream(stream: StreamState, now: number): StreamBuckets {
    let buckets = this.streamBuckets.get(stream.id);
    const open = stream.openShards.length;
    if (!buckets || (stream.mode === 'ON_DEMAND' && buckets.openShards !== open)) {
      const onDemand = stream.mode === 'ON_DEMAND';
      buckets = {
        writeBytes: onDemand ? this.bucket(Math.max(AWS_RATES.onDemandWriteBytesPerSecond, open * AWS_RATES.writeBytesPerSecond), now) : null,
        writeRecords: onDemand ? this.bucket(Math.max(AWS_RATES.onDemandWriteRecordsPerSecond, open * AWS_RATES.writeRecordsPerSecond), now) : null,
        listShards: buckets?.listShards ?? this.bucket(AWS_RATES.listShardsCallsPerSecond, now),
        openShards: open,
      };
      this.streamBuckets.set(stream.id, buckets);
    }
    return buckets;
  }

  account(region: string, now: number): TokenBucket {
    let bucket = this.accountBuckets.get(region);
    if (!bucket) {
      bucket = this.bucket(AWS_RATES.describeStreamCallsPerSecond, now);
      this.accountBuckets.set(region, bucket);
    }
    return bucket;
  }

  subscription(consumerArn: string, shardId: string, now: number): TokenBucket {
    const key = `${consumerArn} ${shardId}`;
    let bucket = this.subscribeBuckets.get(key);
    if (!bucket) {
      // Once per second, no burst: AWS allows one SubscribeToShard per consumer and shard per second.
      bucket = new TokenBucket(AWS_RATES.subscribeToShardCallsPerSecond, 1, now);
      this.subscribeBuckets.set(key, bucket);
    }
    return bucket;
  }

  /** Drops the buckets of streams and shards that no longer exist (called from the periodic job). */
  forget(liveStreams: ReadonlySet<number>, liveShards: ReadonlySet<number>): void {
    for (const id of this.streamBuckets.keys()) if (!liveStreams.has(id)) this.streamBuckets.delete(id);
    for (const id of this.modeCache.keys()) if (!liveStreams.has(id)) this.modeCache.delete(id);
    for (const id of this.shardBuckets.keys()) if (!liveShards.has(id)) this.shardBuckets.delete(id);
  }
}
