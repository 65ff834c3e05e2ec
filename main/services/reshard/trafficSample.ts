// On AWS (and any endpoint without the engine's stats) the traffic of a shard is estimated from a bounded
// sample of its recent past: the tailer's polling reader from AT_TIMESTAMP now − N minutes, within its share of
// the shard's read budget, stopping at M records or at the moment the sample started. Partition keys are counted;
// the planner hashes them. A sample that stopped at M records covers less than the window, so its counts are
// scaled up to the whole window.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ConnectionKind } from '../../../shared/contract/connections';
import type { ShardInput } from '../../../shared/domain/reshard/observedTraffic';
import { PollingShardReader } from '../tail/pollingReader';
import type { ReaderEvents } from '../tail/shardReader';
import { visibilityMarginFor } from '../tail/shardReader';
import type { OpenShard } from './streamShape';

/** The sample's share of a shard's 5 GetRecords calls per second: consumers keep the rest. */
const SAMPLE_CALLS_PER_SECOND = 2;

export interface SampleWindow {
  fromMs: number;
  toMs: number;
  maxRecords: number;
}

export interface ShardSample extends ShardInput {
  sampledRecords: number;
}

interface KeyCount {
  records: number;
  bytes: number;
}

/** Samples one shard; `onProgress` gets the share of the window read so far (0..1) and the records read. */
export async function sampleShard(
  kinesis: () => KinesisClient,
  connectionKind: ConnectionKind,
  stream: string,
  shard: OpenShard,
  window: SampleWindow,
  signal: AbortSignal,
  onProgress: (fraction: number, records: number) => void,
): Promise<ShardSample> {
  const keys = new Map<string, KeyCount>();
  let count = 0;
  let bytes = 0;
  let reachedMs = window.fromMs;
  let full = false;
  let failure: unknown = null;
  const span = Math.max(1, window.toMs - window.fromMs);
  const report = () => onProgress(full ? 1 : Math.min(1, Math.max(0, (reachedMs - window.fromMs) / span)), count);
  const events: ReaderEvents = {
    records: (reader, records) => {
      for (const r of records) {
        if (r.arrivalMs > window.toMs) {
          reachedMs = window.toMs;
          report();
          return Promise.resolve(false);
        }
        const k = keys.get(r.partitionKey);
        if (k) {
          k.records++;
          k.bytes += r.bytes;
        } else keys.set(r.partitionKey, { records: 1, bytes: r.bytes });
        count++;
        bytes += r.bytes;
        reachedMs = Math.max(reachedMs, r.arrivalMs);
        if (count >= window.maxRecords) {
          full = true;
          report();
          return Promise.resolve(false);
        }
      }
      if (reader.watermark >= window.toMs) {
        reachedMs = window.toMs;
        report();
        return Promise.resolve(false);
      }
      report();
      return Promise.resolve(true);
    },
    progressed: (reader) => {
      reachedMs = Math.max(reachedMs, Math.min(reader.watermark, window.toMs));
      report();
      if (reader.watermark >= window.toMs) reader.stop();
    },
    drained: () => {
      reachedMs = window.toMs;
      report();
    },
    failed: (_reader, error) => {
      failure = error;
    },
  };
  const reader = new PollingShardReader(
    kinesis,
    stream,
    shard.shardId,
    { type: 'AT_TIMESTAMP', timestamp: window.fromMs },
    { maxCallsPerSecond: SAMPLE_CALLS_PER_SECOND, pollIntervalMs: 250, limit: Math.min(1000, window.maxRecords) },
    events,
    signal,
    visibilityMarginFor(connectionKind),
  );
  await reader.run();
  if (failure !== null) throw failure;
  // Stopped at maxRecords: the sample covers fromMs..the last record read; scale it to the whole window.
  const covered = full ? Math.max(1000, reachedMs - window.fromMs) : span;
  const scale = span / covered;
  return {
    shardId: shard.shardId,
    startingHashKey: shard.startingHashKey,
    endingHashKey: shard.endingHashKey,
    records: count * scale,
    bytes: bytes * scale,
    keys: [...keys].map(([partitionKey, k]) => ({ partitionKey, records: k.records * scale, bytes: k.bytes * scale })),
    sampledRecords: count,
  };
}
