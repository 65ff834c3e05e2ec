// The reshard wizard's data: the goal a user picks, the operations a plan is made of, and the plan's preview
// (key space before and after, projected load, calls in order, time, cost, consumer impact, problems found by
// the dry run). Hash keys are decimal strings; loads are records and bytes per second over the observed window.
import { z } from 'zod';
import { HashKeyText } from './streams';

const count = z.number().int().min(0);
const rate = z.number().min(0);

/** One reshard API call. `scale` is UpdateShardCount with UNIFORM_SCALING. */
export const ReshardOperation = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('split'), shardId: z.string().min(1), newStartingHashKey: HashKeyText }),
  z.strictObject({ kind: z.literal('merge'), shardId: z.string().min(1), adjacentShardId: z.string().min(1) }),
  z.strictObject({ kind: z.literal('scale'), targetShardCount: z.number().int().min(1).max(10_000) }),
]);
export type ReshardOperation = z.infer<typeof ReshardOperation>;

export const ReshardGoal = z.discriminatedUnion('kind', [
  /** Uniform scaling to a target count, in as many UpdateShardCount calls as AWS's double/half rule needs. */
  z.strictObject({ kind: z.literal('uniform'), targetShardCount: z.number().int().min(1).max(10_000) }),
  /** Split one shard; the split point defaults to where it halves the observed traffic. */
  z.strictObject({ kind: z.literal('split-hot'), shardId: z.string().min(1), newStartingHashKey: HashKeyText.optional(), measure: z.enum(['records', 'bytes']).default('records') }),
  /** Merge adjacent pairs whose combined load stays under this share of one shard's write capacity. */
  z.strictObject({ kind: z.literal('merge-cold'), thresholdPercent: z.number().min(1).max(100) }),
  /** Any sequence of splits and merges. */
  z.strictObject({ kind: z.literal('custom'), operations: z.array(ReshardOperation).max(1000) }),
]);
export type ReshardGoal = z.input<typeof ReshardGoal>;

export const ShardLoadRate = z.strictObject({ recordsPerSecond: rate, bytesPerSecond: rate });
export type ShardLoadRate = z.infer<typeof ShardLoadRate>;

/** A shard of the plan's before or after picture. shardId is null where AWS picks it (UpdateShardCount). */
export const PlannedShard = z.strictObject({
  shardId: z.string().nullable(),
  startingHashKey: HashKeyText,
  endingHashKey: HashKeyText,
  load: ShardLoadRate,
  /** The larger of records/s ÷ 1,000 and bytes/s ÷ 1 MiB, in percent of one shard's write capacity. */
  utilisationPercent: rate,
  /** new: made by the plan; kept: untouched. */
  change: z.enum(['kept', 'new']),
});
export type PlannedShard = z.infer<typeof PlannedShard>;

export const PlannedCall = z.strictObject({
  operation: ReshardOperation,
  /** The API call as it will be sent, for the preview. */
  api: z.enum(['SplitShard', 'MergeShards', 'UpdateShardCount']),
  request: z.record(z.string(), z.union([z.string(), z.number()])),
  openShardsAfter: count,
});
export type PlannedCall = z.infer<typeof PlannedCall>;

export const ReshardCost = z.strictObject({
  pricePerShardHour: rate,
  currency: z.literal('USD'),
  /** Where the price comes from and how old it is: prices change, so the preview says so. */
  source: z.string(),
  beforePerHour: rate,
  afterPerHour: rate,
});
export type ReshardCost = z.infer<typeof ReshardCost>;

export const ReshardPlan = z.strictObject({
  calls: z.array(PlannedCall),
  before: z.array(PlannedShard),
  after: z.array(PlannedShard),
  openShardsBefore: count,
  openShardsAfter: count,
  /** Rough: each call waits for the stream to be ACTIVE again. */
  estimatedSeconds: rate,
  cost: ReshardCost.nullable(),
  /** What consumers will notice (new shard ids, parents closed, KCL order, fan-out resubscription). */
  consumerImpact: z.array(z.string()),
  /** The dry run's findings: a plan with problems is not executed. */
  problems: z.array(z.string()),
});
export type ReshardPlan = z.infer<typeof ReshardPlan>;
