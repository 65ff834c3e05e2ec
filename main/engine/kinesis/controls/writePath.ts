// The write hot path's share of Engine II. With limits off and no faults for the stream, the gate costs one
// identity comparison per record (its plan is worked out once per request); the stats observer adds a few
// typed-array increments and one Map update per record.
import type { ActionContext } from '../../core/action';
import { partialFailurePlans } from '../faults/faultInterceptor';
import type { FaultPlan } from '../faults/faultState';
import { partialFailure } from '../faults/injectedErrors';
import { admitWrite } from '../limits/throughput';
import type { ShardStats } from '../stats/streamStats';
import type { ShardState, StreamState } from '../streams/streamModel';
import type { RecordToWrite, WriteGate, WriteObserver } from '../records/writeRecords';
import { installedControls, type EngineControls } from './engineControls';

interface WritePlan {
  controls: EngineControls;
  limited: boolean;
  partial: FaultPlan | undefined;
}

let planCtx: ActionContext | undefined;
let plan: WritePlan | undefined;

function planFor(ctx: ActionContext, stream: StreamState): WritePlan | undefined {
  const controls = installedControls(ctx.engine);
  if (!controls) return undefined;
  const partial = partialFailurePlans.get(ctx);
  const limited = !controls.limits.allOff && controls.limits.modeFor(stream) === 'realistic';
  return limited || partial ? { controls, limited, partial } : undefined;
}

export const controlsWriteGate: WriteGate = (ctx, stream, shard, bytes) => {
  if (ctx !== planCtx) {
    planCtx = ctx;
    plan = planFor(ctx, stream);
  }
  if (!plan) return undefined;
  const { controls, partial } = plan;
  if (partial && controls.faults.random() < partial.partialFailureRate) {
    return partialFailure(partial.partialFailureCode, shard.shardId, stream.name, ctx.accountId);
  }
  return plan.limited ? admitWrite(controls, ctx, stream, shard, bytes) : undefined;
};

export const statsWriteObserver: WriteObserver = (ctx, stream, shards, records, seqs) => {
  const controls = installedControls(ctx.engine);
  if (!controls) return;
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
