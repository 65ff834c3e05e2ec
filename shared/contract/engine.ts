// The local engine's console controls: live per-shard stats (a subscription), realistic limits, injected faults,
// and a stream's records (reset, snapshot, restore). All of it goes to the local engine's admin API
// (docs/engine-admin.md); contract.ts spreads `engineCommands` and `engineSubscriptions` into the app contract.
// The bounds below are the engine's own (main/engine/kinesis/faults/faultRules.ts, admin SetLimits and GetStreamStats);
// test/integration/engine-console-stats.test.ts checks that both sides accept and refuse the same values.
import { z } from 'zod';
import type { CommandSpec, SubscriptionSpec } from './define';
import { StreamName } from './streams';

const count = z.number().int().min(0);
const epochMs = z.number().int().min(0);
const ShardIdText = z.string().min(1).max(128);

export const LimitsMode = z.enum(['realistic', 'off']);
export type LimitsMode = z.infer<typeof LimitsMode>;
/** A stream's own setting; `engine` follows the engine-wide mode. */
export const StreamLimitsMode = z.enum(['realistic', 'off', 'engine']);
export type StreamLimitsMode = z.infer<typeof StreamLimitsMode>;

export const FAULT_ERROR_TYPES = ['InternalFailure', 'ServiceUnavailable', 'ProvisionedThroughputExceeded', 'KMSThrottlingException'] as const;
export const PARTIAL_FAILURE_CODES = ['InternalFailure', 'ProvisionedThroughputExceededException'] as const;

/** The engine's limits on each fault member, for the schema and for the form's own checks. */
export const FAULT_BOUNDS = {
  rate: { min: 0, max: 1 },
  delayMs: { min: 0, max: 60_000 },
  iteratorExpirySeconds: { min: 1, max: 300 },
  rules: 100,
} as const;

const rate = z.number().min(FAULT_BOUNDS.rate.min).max(FAULT_BOUNDS.rate.max);
const delayMs = z.number().int().min(FAULT_BOUNDS.delayMs.min).max(FAULT_BOUNDS.delayMs.max);

/** One fault rule (docs/engine-admin.md "Fault injection"); absent stream or action `*` means every one. */
export const FaultRule = z.strictObject({
  stream: StreamName.optional(),
  /** An API action name (PutRecords, GetRecords, …) or `*`. */
  action: z.string().regex(/^(\*|[A-Za-z]{1,64})$/, 'An API action name (letters only, e.g. PutRecords) or *').optional(),
  /** Share of matching requests that fail before running. */
  errorRate: rate.optional(),
  errorType: z.enum(FAULT_ERROR_TYPES).optional(),
  /** Added delay: latencyMs plus uniform [0, jitterMs). */
  latencyMs: delayMs.optional(),
  jitterMs: delayMs.optional(),
  /** PutRecords: share of entries refused with partialFailureCode (not stored, counted in FailedRecordCount). */
  partialFailureRate: rate.optional(),
  partialFailureCode: z.enum(PARTIAL_FAILURE_CODES).optional(),
  /** GetRecords: iterators expire after this many seconds instead of 5 minutes. */
  iteratorExpirySeconds: z.number().int().min(FAULT_BOUNDS.iteratorExpirySeconds.min).max(FAULT_BOUNDS.iteratorExpirySeconds.max).optional(),
});
export type FaultRule = z.infer<typeof FaultRule>;

export const FaultsState = z.strictObject({ seed: z.number().int(), rules: z.array(FaultRule) });
export type FaultsState = z.infer<typeof FaultsState>;

export const ScalingEvent = z.strictObject({
  atMs: epochMs,
  splitShardId: z.string(),
  openShardsBefore: count,
  openShardsAfter: count,
  reason: z.string(),
});

export const LimitsState = z.strictObject({
  mode: LimitsMode,
  burstSeconds: z.number(),
  onDemandScaleAfterSeconds: z.number().int(),
  /** AWS's rates the realistic mode applies, by the engine's names (WriteBytesPerSecondPerShard, …). */
  rates: z.record(z.string(), z.number()),
  overrides: z.array(z.strictObject({ region: z.string(), stream: z.string(), mode: LimitsMode })),
  /** When a stream was named: its own setting and what applies to it. */
  stream: z
    .strictObject({
      name: z.string(),
      region: z.string(),
      mode: StreamLimitsMode,
      effectiveMode: LimitsMode,
      capacityMode: z.string().nullable(),
      onDemandWriteCapacity: z.strictObject({ bytesPerSecond: z.number(), recordsPerSecond: z.number() }).nullable(),
      scalingEvents: z.array(ScalingEvent),
    })
    .nullable(),
});
export type LimitsState = z.infer<typeof LimitsState>;

export const LimitsSetParams = z.discriminatedUnion('scope', [
  z.strictObject({
    scope: z.literal('engine'),
    mode: LimitsMode.optional(),
    burstSeconds: z.number().min(0.1).max(60).optional(),
    onDemandScaleAfterSeconds: z.number().int().min(1).max(3600).optional(),
  }),
  z.strictObject({ scope: z.literal('stream'), stream: StreamName, mode: StreamLimitsMode }),
]);
export type LimitsSetParams = z.infer<typeof LimitsSetParams>;

export const StreamMetrics = z.strictObject({
  incomingRecords: count,
  incomingBytes: count,
  getRecordsRecords: count,
  getRecordsBytes: count,
  fanOutRecords: count,
  fanOutBytes: count,
  /** Records refused / GetRecords calls refused by realistic limits (not injected faults). */
  writeThrottles: count,
  readThrottles: count,
  /** The largest MillisBehindLatest served in the second (GetRecords and fan-out). */
  iteratorAgeMs: count,
});
export type StreamMetrics = z.infer<typeof StreamMetrics>;

export const KeyTraffic = z.strictObject({ partitionKey: z.string(), records: count, bytes: count });
export type KeyTraffic = z.infer<typeof KeyTraffic>;

export const EngineStatsParams = z.strictObject({
  stream: StreamName,
  /** Only this shard in `shards` (`stream` still sums every shard). */
  shardId: ShardIdText.optional(),
  /** Complete seconds before the subscription started to send first (the engine keeps an hour). */
  windowSeconds: z.number().int().min(0).max(3599).default(0),
  /** Top partition keys per shard over the engine's sliding 60-second window. */
  topKeys: z.number().int().min(0).max(100).default(5),
});
export type EngineStatsParams = z.infer<typeof EngineStatsParams>;

export const EngineStatsItem = z.strictObject({
  /** Epoch ms of the second these figures count. */
  second: epochMs,
  /** Every shard of the stream, open and closed, added up (iteratorAgeMs: the maximum). */
  stream: StreamMetrics,
  shards: z.array(
    z.strictObject({
      shardId: z.string(),
      open: z.boolean(),
      metrics: StreamMetrics,
      /** Filled on the newest second of each delivery, empty on earlier ones (backfill, catch-up). */
      topKeys: z.array(KeyTraffic),
    }),
  ),
});
export type EngineStatsItem = z.infer<typeof EngineStatsItem>;

/** A typed name that must repeat the stream's name exactly (ConfirmationMismatch otherwise). */
const confirmName = z.string().max(128);

export const engineCommands = {
  'engine.limits.get': {
    description: 'Realistic limits of the local engine: the engine-wide mode, per-stream overrides, and with `stream` what applies to it.',
    params: z.strictObject({ stream: StreamName.optional() }),
    result: LimitsState,
  },
  'engine.limits.set': {
    description: "Sets the engine-wide limits (scope engine) or one stream's own mode (scope stream; `engine` removes it). Buckets start afresh.",
    params: LimitsSetParams,
    result: LimitsState,
  },
  'engine.faults.get': {
    description: 'The fault rules of the local engine (with `stream`, only the rules naming it).',
    params: z.strictObject({ stream: StreamName.optional() }),
    result: FaultsState,
  },
  'engine.faults.set': {
    description: "Replaces every fault rule, or with `stream` only that stream's; `seed` restarts the fault PRNG. `rules: []` clears.",
    params: z.strictObject({ rules: z.array(FaultRule).max(FAULT_BOUNDS.rules), stream: StreamName.optional(), seed: z.number().int().min(0).max(2147483647).optional() }),
    result: FaultsState,
  },
  'engine.resetStream': {
    description: 'Drops every record of a local stream (shards, settings, tags, limits and faults stay); `confirmName` must repeat the name.',
    params: z.strictObject({ stream: StreamName, confirmName }),
    result: z.strictObject({ stream: z.string(), recordsDeleted: count }),
  },
  'engine.snapshot': {
    description: "Writes a local stream's records to a file (NDJSON, replaced if it exists). Desktop shell only: refused over the web host.",
    params: z.strictObject({ stream: StreamName, path: z.string().min(1).max(4096) }),
    result: z.strictObject({ stream: z.string(), path: z.string(), records: count, fileBytes: count, shards: count }),
  },
  'engine.restore': {
    description: "Replaces a local stream's records with a snapshot's (all or nothing); `confirmName` must repeat the name. Desktop shell only.",
    params: z.strictObject({ stream: StreamName, path: z.string().min(1).max(4096), confirmName }),
    result: z.strictObject({ stream: z.string(), path: z.string(), records: count, sequenceNumbersPreserved: z.boolean() }),
  },
} as const satisfies Record<string, CommandSpec>;

export const engineSubscriptions = {
  'engine.stats': {
    description:
      "Live stats of a local stream, one item per complete second (incoming, GetRecords and fan-out traffic, throttles, iterator age, top keys per shard). Only on the local engine connection: elsewhere it fails with NotLocalEngine.",
    params: EngineStatsParams,
    item: EngineStatsItem,
  },
} as const satisfies Record<string, SubscriptionSpec>;
