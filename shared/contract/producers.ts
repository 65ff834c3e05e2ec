// The producer tools' contract fragment: the composer (PutRecord, PutRecords with per-record results) and the
// data generator (start, stop, list, preview, and a progress subscription). contract.ts spreads
// `producersCommands` and `producersSubscriptions` into the app contract.
import { z } from 'zod';
import type { CommandSpec, SubscriptionSpec } from './define';
import { rpcErrorSchema } from './errors';
import { KeyInput, needsAKey, needsAKeyMessage, StreamName } from './streams';

/**
 * Record data as the user gave it. `json` is checked to parse (and sent as typed); `base64` is checked to be
 * base64 (file contents arrive this way). A frame is at most 1 MiB, so one command carries ~700 KiB of base64.
 */
export const RecordDataInput = z.strictObject({
  format: z.enum(['text', 'json', 'base64']),
  value: z.string().max(1_400_000),
});
export type RecordDataInput = z.infer<typeof RecordDataInput>;

/** One record of the composer. */
export const ComposedRecord = z.strictObject({ ...KeyInput.shape, data: RecordDataInput }).refine(needsAKey, needsAKeyMessage);
export type ComposedRecord = z.infer<typeof ComposedRecord>;

export const PutRecordParams = z.strictObject({ stream: StreamName, ...KeyInput.shape, data: RecordDataInput }).refine(needsAKey, needsAKeyMessage);
export const PutRecordResult = z.strictObject({
  shardId: z.string(),
  sequenceNumber: z.string(),
  encryptionType: z.string().nullable(),
});
export type PutRecordResult = z.infer<typeof PutRecordResult>;

export const PutBatchParams = z.strictObject({ stream: StreamName, records: z.array(ComposedRecord).min(1).max(500) });
export const PutBatchEntry = z.discriminatedUnion('ok', [
  z.strictObject({ index: z.number().int(), ok: z.literal(true), shardId: z.string(), sequenceNumber: z.string() }),
  z.strictObject({ index: z.number().int(), ok: z.literal(false), errorCode: z.string(), errorMessage: z.string() }),
]);
export type PutBatchEntry = z.infer<typeof PutBatchEntry>;
export const PutBatchResult = z.strictObject({
  failedCount: z.number().int().min(0),
  /** One per record, in the order sent. */
  results: z.array(PutBatchEntry),
});
export type PutBatchResult = z.infer<typeof PutBatchResult>;

export const GeneratorShape = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('clickstream') }),
  z.strictObject({ kind: z.literal('iot') }),
  z.strictObject({ kind: z.literal('logs') }),
  /** Placeholder syntax: shared/domain/recordTemplate.ts ({{int 1 100}}, {{seq}}, {{now}}, {{uuid}}, {{pick a b}}, ...). */
  z.strictObject({ kind: z.literal('template'), template: z.string().min(1).max(65_536), format: z.enum(['json', 'text']).default('json') }),
]);
export type GeneratorShape = z.infer<typeof GeneratorShape>;

/** uniform over keyCount keys, or zipf: key of rank k chosen with weight 1/k^exponent (0 = uniform, 1 = Zipf, 2 = very hot). */
export const KeyDistribution = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('uniform'), keyCount: z.number().int().min(1).max(100_000) }),
  z.strictObject({ kind: z.literal('zipf'), keyCount: z.number().int().min(1).max(100_000), exponent: z.number().min(0).max(4).default(1.1) }),
]);
export type KeyDistribution = z.infer<typeof KeyDistribution>;

const AccountId = z.string().regex(/^\d{12}$/, 'An AWS account id is 12 digits');

export const GeneratorStartParams = z.strictObject({
  stream: StreamName,
  shape: GeneratorShape,
  /** Target records per second, sent in PutRecords batches of up to 500. */
  ratePerSecond: z.number().int().min(1).max(20_000),
  keys: KeyDistribution.default({ kind: 'uniform', keyCount: 1000 }),
  /** Stop after this many records, or after this long; without either it runs until stopped. */
  maxRecords: z.number().int().min(1).max(1_000_000_000).optional(),
  durationMs: z.number().int().min(100).max(7 * 24 * 3_600_000).optional(),
  /** For repeatable records (same seed, same records apart from times). */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** Required on AWS profile connections: the account id the user typed, checked against the connection's. */
  confirmAccountId: AccountId.optional(),
});

export const GeneratorState = z.enum(['running', 'stopping', 'stopped', 'failed']);
export const GeneratorStopReason = z.enum(['requested', 'completed', 'connection-changed', 'error', 'shutdown']);

export const GeneratorStatus = z.strictObject({
  id: z.string(),
  stream: z.string(),
  connectionId: z.string(),
  shape: z.enum(['clickstream', 'iot', 'logs', 'template']),
  ratePerSecond: z.number(),
  state: GeneratorState,
  stopReason: GeneratorStopReason.nullable(),
  startedAt: z.number().int(),
  elapsedMs: z.number().int().min(0),
  /** Records handed to PutRecords so far. Once stopped, acknowledged + failed = sent. */
  sent: z.number().int().min(0),
  acknowledged: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Records in calls not answered yet. */
  inFlight: z.number().int().min(0),
  /** Acknowledged records per second over the last few seconds (over the whole run once stopped). */
  achievedRate: z.number().min(0),
  /** The latest failure (a failed call, or a record's ErrorCode), for the UI to show. */
  lastError: rpcErrorSchema.nullable(),
});
export type GeneratorStatus = z.infer<typeof GeneratorStatus>;

export const GeneratorIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const GeneratorPreviewParams = z.strictObject({
  shape: GeneratorShape,
  keys: KeyDistribution.default({ kind: 'uniform', keyCount: 1000 }),
  count: z.number().int().min(1).max(50).default(5),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
});
export const GeneratorPreviewResult = z.strictObject({
  records: z.array(z.strictObject({ partitionKey: z.string(), text: z.string() })),
});

export const GeneratorProgressParams = z.strictObject({
  id: z.string().min(1).max(64),
  intervalMs: z.number().int().min(250).max(1000).default(500),
});

export const producersCommands = {
  'producers.put': {
    description: 'PutRecord with a partition key or explicit hash key; data as text, JSON (validated) or base64.',
    params: PutRecordParams,
    result: PutRecordResult,
  },
  'producers.putBatch': {
    description: 'PutRecords for up to 500 composed records, with each record’s shard and sequence number or error.',
    params: PutBatchParams,
    result: PutBatchResult,
  },
  'generator.start': {
    description: 'Starts a data generator in main; on an AWS profile connection confirmAccountId must name its account.',
    params: GeneratorStartParams,
    result: GeneratorStatus,
  },
  'generator.stop': {
    description: 'Stops a generator and answers once its calls in flight are settled.',
    params: GeneratorIdParams,
    result: GeneratorStatus,
  },
  'generator.list': {
    description: 'The generators of this session, running and finished.',
    params: z.strictObject({}),
    result: z.strictObject({ generators: z.array(GeneratorStatus) }),
  },
  'generator.preview': {
    description: 'A few records as a generator with these settings would make them (checks a template).',
    params: GeneratorPreviewParams,
    result: GeneratorPreviewResult,
  },
} as const satisfies Record<string, CommandSpec>;

export const producersSubscriptions = {
  'generator.progress': {
    description: "A generator's counts every intervalMs while it runs; the last item is its final state, then the subscription ends.",
    params: GeneratorProgressParams,
    item: GeneratorStatus,
  },
} as const satisfies Record<string, SubscriptionSpec>;
