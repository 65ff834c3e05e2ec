// Per-shard data-plane admission: writes (records and bytes, plus an on-demand stream's own capacity) and
// GetRecords (calls, and reads paid after the fact). Refusals count as throttles in the live stats.
import type { KinesisContext, KinesisControls } from '../kinesis';
import { M } from '../stats/streamStats';
import type { ShardState, StreamState } from '../streams/streamModel';
import type { RecordFailure } from '../records/recordTypes';
import { shardRateMessage, throughputExceeded } from './limitMessages';

function countThrottle(controls: KinesisControls, stream: StreamState, shard: ShardState, metric: number, now: number): void {
  controls.stats.shard(shard.id, stream.id, shard.shardIndex).add(Math.floor(now / 1000), metric, 1);
}

export function admitWrite(controls: KinesisControls, ctx: KinesisContext, stream: StreamState, shard: ShardState, bytes: number): RecordFailure | undefined {
  const now = ctx.now;
  const buckets = controls.limits.shard(shard, now);
  let admitted = buckets.writeRecords.admit(1, now);
  if (admitted && !buckets.writeBytes.admit(bytes, now)) {
    buckets.writeRecords.refund(1);
    admitted = false;
  }
  if (admitted && stream.mode === 'ON_DEMAND') {
    const { writeRecords, writeBytes } = controls.limits.stream(stream, now);
    if (writeRecords && writeBytes && !writeRecords.admit(1, now)) admitted = false;
    else if (writeRecords && writeBytes && !writeBytes.admit(bytes, now)) {
      writeRecords.refund(1);
      admitted = false;
    }
    if (!admitted) {
      buckets.writeRecords.refund(1);
      buckets.writeBytes.refund(bytes);
    }
  }
  if (admitted) return undefined;
  countThrottle(controls, stream, shard, M.writeThrottles, now);
  return { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: shardRateMessage(shard.shardId, stream.name, ctx.accountId) };
}

/** GetRecords may run while the shard has a call left this second and its read bytes are not in debt. */
export function admitRead(controls: KinesisControls, ctx: KinesisContext, stream: StreamState, shard: ShardState): void {
  const now = ctx.now;
  const buckets = controls.limits.shard(shard, now);
  if (buckets.readCalls.take(1, now) && buckets.readBytes.available(now) > 0) return;
  countThrottle(controls, stream, shard, M.readThrottles, now);
  throw throughputExceeded(shardRateMessage(shard.shardId, stream.name, ctx.accountId));
}

export function chargeRead(controls: KinesisControls, ctx: KinesisContext, shard: ShardState, bytes: number): void {
  controls.limits.shard(shard, ctx.now).readBytes.debit(bytes, ctx.now);
}
