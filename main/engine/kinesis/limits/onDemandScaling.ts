// On-demand scaling. An on-demand stream with realistic limits that is write-throttled for
// `onDemandScaleAfterSeconds` consecutive seconds scales: its hottest open shard (most attempted records over
// that span) is split at the middle of its hash range through the resharding transition, so the stream goes
// UPDATING and a new pair of shards appears; its capacity grows by 1 MiB/s and 1,000 records/s per added shard.
// One split per event: sustained excess keeps scaling, one event per period.
import { jsonWire } from '../../core/wire';
import type { Kinesis } from '../kinesis';
import { beginReshard } from '../resharding/resharding';
import { M } from '../stats/streamStats';
import { checkShardLimit } from '../streams/streamLifecycle';
import type { ShardState, StreamState } from '../streams/streamModel';

/** Runs every second: counts throttled seconds per on-demand stream and scales the ones past the span. */
export function scaleOnDemand(kinesis: Kinesis): void {
  const { limits, stats, scaling } = kinesis.controls;
  if (limits.allOff) return;
  const second = Math.floor(kinesis.clock() / 1000) - 1;
  for (const row of kinesis.store.allStreams()) {
    if (row.mode !== 'ON_DEMAND') continue;
    const stream = kinesis.findStreamById(row.id);
    if (!stream || limits.modeFor(stream) !== 'realistic') continue;
    let throttled = 0;
    for (const shard of stream.openShards) throttled += stats.existing(shard.id)?.series.read(M.writeThrottles, second, 1)[0] ?? 0;
    const run = throttled > 0 ? (scaling.throttledSeconds.get(stream.id) ?? 0) + 1 : 0;
    scaling.throttledSeconds.set(stream.id, run);
    const span = limits.settings.onDemandScaleAfterSeconds;
    if (run >= span && stream.status === 'ACTIVE' && scale(kinesis, stream, second - span + 1, span)) scaling.throttledSeconds.set(stream.id, 0);
  }
}

function scale(kinesis: Kinesis, stream: StreamState, from: number, span: number): boolean {
  try {
    checkShardLimit(kinesis, stream.region, 1);
  } catch {
    return false; // the account's shard limit caps on-demand scaling, as on AWS
  }
  let hottest: ShardState | undefined;
  let most = -1;
  for (const shard of stream.openShards) {
    const series = kinesis.controls.stats.existing(shard.id)?.series;
    if (!series) continue;
    const attempted = [...series.read(M.incomingRecords, from, span), ...series.read(M.writeThrottles, from, span)].reduce((a, b) => a + b, 0);
    if (attempted > most) {
      most = attempted;
      hottest = shard;
    }
  }
  if (!hottest || hottest.startHashKey === hottest.endHashKey) return false;
  const middle = (hottest.startHashKey + hottest.endHashKey + 1n) / 2n;
  const ctx = kinesis.context({ region: stream.region, requestId: 'on-demand-scaling', wire: jsonWire });
  beginReshard(ctx, stream, { kind: 'split', shard: hottest.shardIndex, hashKey: middle.toString(), cause: `write throttled for ${span} consecutive seconds` });
  kinesis.controls.scaling.record(stream.id, {
    AtMs: ctx.now,
    SplitShardId: hottest.shardId,
    OpenShardsBefore: stream.openShards.length,
    OpenShardsAfter: stream.openShards.length + 1,
    Reason: `write throttled for ${span} consecutive seconds`,
  });
  return true;
}
