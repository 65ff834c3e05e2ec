// The write hot path's controls. With limits off and no faults for the stream, the gate costs one property
// check per record (its plan is worked out once per request and kept on the request's context); the stats
// observer adds a few typed-array increments and one Map update per record.
import type { KinesisContext, WriteGate, WriteObserver, WritePlan } from '../kinesis';
import { partialFailure } from '../faults/injectedErrors';
import { admitWrite } from '../limits/throughput';
import type { RecordToWrite } from '../records/recordTypes';
import type { ShardStats } from '../stats/streamStats';
import type { ShardState, StreamState } from '../streams/streamModel';

function planFor(ctx: KinesisContext, stream: StreamState): WritePlan | null {
  const limits = ctx.kinesis.controls.limits;
  const partial = ctx.partialFailure;
  const limited = !limits.allOff && limits.modeFor(stream) === 'realistic';
  return limited || partial ? { limited, partial } : null;
}

export const controlsWriteGate: WriteGate = (ctx, stream, shard, bytes) => {
  let plan = ctx.writePlan;
  if (plan === undefined) plan = ctx.writePlan = planFor(ctx, stream);
  if (!plan) return undefined;
  const controls = ctx.kinesis.controls;
  const partial = plan.partial;
  if (partial && controls.faults.random() < partial.partialFailureRate) {
    return partialFailure(partial.partialFailureCode, shard.shardId, stream.name, ctx.accountId);
  }
  return plan.limited ? admitWrite(controls, ctx, stream, shard, bytes) : undefined;
};

export const statsWriteObserver: WriteObserver = (ctx, stream, shards, records, seqs) => {
  const controls = ctx.kinesis.controls;
  const second = Math.floor(ctx.now / 1000);
  // Counts gather on each shard's stats object and go into the series once per shard per call.
  const touched: ShardStats[] = [];
  let lastShard: ShardState | undefined;
  let stats: ShardStats | undefined;
  for (let i = 0; i < records.length; i++) {
    if ((seqs[i] as number) < 0) continue;
    const shard = shards[i] as ShardState;
    if (shard !== lastShard) {
      lastShard = shard;
      stats = controls.stats.shard(shard.id, stream.id, shard.shardIndex);
      if (stats.pendingRecords === 0) touched.push(stats);
    }
    const record = records[i] as RecordToWrite;
    const bytes = record.Data.length + Buffer.byteLength(record.PartitionKey);
    const s = stats as ShardStats;
    s.pendingRecords++;
    s.pendingBytes += bytes;
    s.topKeys.add(second, record.PartitionKey, bytes);
  }
  for (const s of touched) s.flushIncoming(second);
};
