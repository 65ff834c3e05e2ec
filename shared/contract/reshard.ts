// The reshard wizard's data: the goal a user picks, the operations a plan is made of, and the plan's preview
// (key space before and after, projected load, calls in order, time, cost, consumer impact, problems found by
// the dry run). Hash keys are decimal strings; loads are records and bytes per second over the observed window.
import { z } from 'zod';
import type { CommandSpec, SubscriptionSpec } from './define';
import { HashKeyText, StreamName } from './streams';

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

// ---- The reshard service: observed traffic, plan + dry run, execution with pause, cancel and resume ----

const epochMs = z.number().int().min(0);

export const ObservedKey = z.strictObject({
  partitionKey: z.string(),
  /** Over the observation's window (engine stats scaled from their own window; a sample scaled to it). */
  records: rate,
  bytes: rate,
  /** Of the shard's records. */
  sharePercent: rate,
});
export type ObservedKey = z.infer<typeof ObservedKey>;

export const ObservedShard = z.strictObject({
  shardId: z.string(),
  startingHashKey: HashKeyText,
  endingHashKey: HashKeyText,
  /** Records and bytes over the window, and per second. */
  records: rate,
  bytes: rate,
  load: ShardLoadRate,
  utilisationPercent: rate,
  /** The heaviest keys (at most 100 here, for re-planning in the window; the plan service uses every key the observation kept). */
  topKeys: z.array(ObservedKey),
  /** How many records the AWS sample read from this shard; null for the engine's stats. */
  sampledRecords: count.nullable(),
});
export type ObservedShard = z.infer<typeof ObservedShard>;

export const ObserveParams = z.strictObject({
  stream: StreamName,
  /** AWS: how far back the sample reads (AT_TIMESTAMP now − this); the engine's stats always cover up to an hour. */
  sampleMinutes: z.number().int().min(1).max(60).default(5),
  /** AWS: the most records the sample reads per shard. */
  maxRecordsPerShard: z.number().int().min(100).max(20_000).default(2_000),
});
export type ObserveParamsIn = z.input<typeof ObserveParams>;

export const ObserveItem = z.discriminatedUnion('type', [
  /** AWS sampling: how far it got (fraction 0..1 over all shards). */
  z.strictObject({ type: z.literal('progress'), shardsDone: count, shardsTotal: count, recordsRead: count, fraction: z.number().min(0).max(1) }),
  z.strictObject({ type: z.literal('shard'), shard: ObservedShard }),
  /** Last: pass observationId to reshard.plan. */
  z.strictObject({
    type: z.literal('done'),
    observationId: z.string(),
    source: z.enum(['engine-stats', 'sample']),
    fromMs: epochMs,
    toMs: epochMs,
    windowSeconds: rate,
    notes: z.array(z.string()),
  }),
]);
export type ObserveItem = z.infer<typeof ObserveItem>;

export const PlanParams = z.strictObject({
  stream: StreamName,
  goal: ReshardGoal,
  /** From reshard.observe; without it the local engine's stats are read now, and on AWS the load is unknown (zero). */
  observationId: z.string().min(1).max(64).optional(),
});
export type PlanParamsIn = z.input<typeof PlanParams>;

export const PlanResult = z.strictObject({
  plan: ReshardPlan,
  /** What the plan rests on and cannot check (e.g. AWS's UpdateShardCount count over 24 hours is not readable). */
  notes: z.array(z.string()),
  /** The inputs the dry run checked against. */
  stream: z.strictObject({
    name: z.string(),
    status: z.string(),
    capacityMode: z.string(),
    openShards: count,
    nextShardIndex: count,
    accountShardLimit: count,
    accountOpenShards: count,
    shardCountUpdatesLast24h: count.nullable(),
  }),
  /** The planner's other inputs, so the wizard can re-plan on its own while the user drags a split point. */
  planning: z.strictObject({
    windowSeconds: rate,
    secondsPerCall: rate,
    price: z.strictObject({ price: rate, source: z.string() }).nullable(),
    fanOutConsumers: count,
  }),
});
export type PlanResult = z.infer<typeof PlanResult>;

/** Against AWS (profile connections) the user types the account id and the stream name before anything is changed. */
export const ReshardConfirmation = z.strictObject({ accountId: z.string().regex(/^\d{12}$/), streamName: StreamName });
export type ReshardConfirmation = z.infer<typeof ReshardConfirmation>;

export const ExecuteParams = z.strictObject({
  stream: StreamName,
  /** The plan's calls in order (plan.calls[].operation); checked again against the stream before the first call. */
  operations: z.array(ReshardOperation).min(1).max(1000),
  confirm: ReshardConfirmation.optional(),
});
export type ExecuteParamsIn = z.input<typeof ExecuteParams>;

export const ResumeParams = z.strictObject({ stream: StreamName, runId: z.string().min(1).max(64), confirm: ReshardConfirmation.optional() });
export type ResumeParamsIn = z.input<typeof ResumeParams>;

export const ReshardStepRecord = z.strictObject({
  operation: ReshardOperation,
  /** pending: not sent; sent: the call left and its outcome is not known yet (checked on resume); done: accepted and ACTIVE again. */
  state: z.enum(['pending', 'sent', 'done']),
  startedMs: epochMs.nullable(),
  finishedMs: epochMs.nullable(),
  attempts: count,
});
export type ReshardStepRecord = z.infer<typeof ReshardStepRecord>;

/** A run as the settings store keeps it: enough to say what ran, what is left and how to resume, after a restart too. */
export const ReshardRun = z.strictObject({
  runId: z.string(),
  connectionId: z.string(),
  stream: z.string(),
  createdMs: epochMs,
  updatedMs: epochMs,
  state: z.enum(['running', 'paused', 'cancelled', 'failed', 'completed', 'interrupted']),
  steps: z.array(ReshardStepRecord),
  error: z.string().nullable(),
  /** In words: what ran, what is left, how to resume. */
  summary: z.string(),
});
export type ReshardRun = z.infer<typeof ReshardRun>;

export const ExecuteItem = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('step'),
    runId: z.string(),
    index: count,
    total: count,
    /** calling: the call leaves; retrying: throttled or the stream busy, waiting retryInMs; waiting: for ACTIVE; done. */
    phase: z.enum(['calling', 'retrying', 'waiting', 'done']),
    operation: ReshardOperation,
    message: z.string(),
    retryInMs: count.nullable(),
  }),
  /** Sent first and last (and on pause or cancel): the run record as stored. */
  z.strictObject({ type: z.literal('run'), run: ReshardRun }),
]);
export type ExecuteItem = z.infer<typeof ExecuteItem>;

/** Local engine only: the plan run on a temporary copy of the stream's shard layout, which is deleted after. */
export const RehearseParams = z.strictObject({ stream: StreamName, operations: z.array(ReshardOperation).min(1).max(1000) });
export type RehearseParamsIn = z.input<typeof RehearseParams>;

export const RehearsedShard = z.strictObject({
  /** The id the real stream would give it (the copy's id translated); null where UpdateShardCount picked it. */
  shardId: z.string().nullable(),
  startingHashKey: HashKeyText,
  endingHashKey: HashKeyText,
});
export type RehearsedShard = z.infer<typeof RehearsedShard>;

export const RehearseItem = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('progress'),
    /** copying: building the copy's layout; running: the plan's calls; cleaning: deleting the copy. */
    phase: z.enum(['copying', 'running', 'cleaning']),
    message: z.string(),
    done: count,
    total: count,
  }),
  /** Last: the copy's open shards after the plan, compared with what the plan predicted. */
  z.strictObject({
    type: z.literal('done'),
    copyName: z.string(),
    open: z.array(RehearsedShard),
    matchesPlan: z.boolean(),
    differences: z.array(z.string()),
    elapsedMs: count,
    /** Whether the copy was deleted (it is also swept on the next rehearsal if it was not). */
    deleted: z.boolean(),
  }),
]);
export type RehearseItem = z.infer<typeof RehearseItem>;

const runRef = z.strictObject({ runId: z.string().min(1).max(64) });

export const reshardCommands = {
  'reshard.plan': {
    description: 'Plans a goal against the stream as it is now (DescribeStreamSummary, ListShards, DescribeLimits) and dry-runs every step without calling a mutating API.',
    params: PlanParams,
    result: PlanResult,
  },
  'reshard.pause': {
    description: 'Stops a running reshard after its current step; reshard.resume continues it.',
    params: runRef,
    result: z.strictObject({ accepted: z.boolean() }),
  },
  'reshard.cancel': {
    description: 'Stops a running reshard after its current step; the run record says what ran and what is left (reshard.resume can still finish it).',
    params: runRef,
    result: z.strictObject({ accepted: z.boolean() }),
  },
  'reshard.run': {
    description: "The stream's latest reshard run on the active connection (kept across restarts), or null.",
    params: z.strictObject({ stream: StreamName }),
    result: z.strictObject({ run: ReshardRun.nullable() }),
  },
} as const satisfies Record<string, CommandSpec>;

export const reshardSubscriptions = {
  'reshard.observe': {
    description: "The stream's open shards with their recent load and top partition keys: the local engine's stats, or on AWS a bounded sample of each shard's recent records (with progress).",
    params: ObserveParams,
    item: ObserveItem,
  },
  'reshard.execute': {
    description: 'Runs the calls in order, waiting for ACTIVE between steps and retrying throttled calls; unsubscribing cancels after the current step.',
    params: ExecuteParams,
    item: ExecuteItem,
  },
  'reshard.rehearse': {
    description:
      "Local engine only: runs the calls on a temporary stream (shardscope-rehearsal-…) built with the stream's open shard layout, reports the resulting shards against the plan's prediction, and deletes the copy (even when a call fails).",
    params: RehearseParams,
    item: RehearseItem,
  },
  'reshard.resume': {
    description: 'Continues a paused, cancelled or interrupted run from its first step not done (checking a step whose outcome was not recorded).',
    params: ResumeParams,
    item: ExecuteItem,
  },
} as const satisfies Record<string, SubscriptionSpec>;
