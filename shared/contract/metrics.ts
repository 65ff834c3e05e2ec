// Stream and shard metrics as the Metrics screen reads them, from either source: the local engine's own stats or
// CloudWatch's AWS/Kinesis namespace. Values are per second for counts and bytes (CloudWatch's Sum ÷ period),
// milliseconds for ages and latency, a 0..1 ratio for success. Times are epoch milliseconds.
import { z } from 'zod';
import { StreamName } from './streams';

export const METRIC_KINDS = [
  'incomingBytes',
  'incomingRecords',
  'outgoingBytes',
  'outgoingRecords',
  'writeThrottles',
  'readThrottles',
  'iteratorAgeMs',
  'putRecordsLatencyMs',
  'putRecordsSuccess',
  'fanOutBytes',
  'fanOutRecords',
  'fanOutMillisBehindLatest',
] as const;
export const MetricKind = z.enum(METRIC_KINDS);
export type MetricKind = z.infer<typeof MetricKind>;

export const MetricUnit = z.enum(['bytes/s', 'records/s', 'count/s', 'ms', 'ratio']);
export type MetricUnit = z.infer<typeof MetricUnit>;

/** Whose series: the whole stream, one shard, or one enhanced fan-out consumer. */
export const MetricScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stream') }),
  z.strictObject({ kind: z.literal('shard'), shardId: z.string().min(1) }),
  z.strictObject({ kind: z.literal('consumer'), consumerName: z.string().min(1) }),
]);
export type MetricScope = z.infer<typeof MetricScope>;

export const MetricSeries = z.strictObject({
  metric: MetricKind,
  scope: MetricScope,
  unit: MetricUnit,
  /** Parallel arrays, oldest first: the start of each period and its value. */
  timestamps: z.array(z.number().int()),
  values: z.array(z.number()),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

export const MetricsQuery = z.strictObject({
  stream: StreamName,
  fromMs: z.number().int().min(0),
  toMs: z.number().int().min(0),
  metrics: z.array(MetricKind).min(1).max(METRIC_KINDS.length),
  /** Per-shard series too (on AWS only where enhanced monitoring is on for that metric). */
  shards: z.boolean().default(false),
  /** Fan-out series for these consumers (AWS: SubscribeToShardEvent.*). */
  consumers: z.array(z.string().min(1).max(128)).max(20).default([]),
});
export type MetricsQueryIn = z.input<typeof MetricsQuery>;
export type MetricsQuery = z.output<typeof MetricsQuery>;

export const MetricsResult = z.strictObject({
  source: z.enum(['engine', 'cloudwatch']),
  periodSeconds: z.number().int().min(1),
  fromMs: z.number().int(),
  toMs: z.number().int(),
  series: z.array(MetricSeries),
  /** Shard-level series on AWS need enhanced monitoring, which costs money: the screen says which metrics are on. */
  shardLevelMetrics: z.array(z.string()),
  /** Why something is missing or coarser than asked (retention, monitoring off, no traffic). */
  notes: z.array(z.string()),
  /** When to ask again: never more often than the data changes. */
  nextPollMs: z.number().int(),
});
export type MetricsResult = z.infer<typeof MetricsResult>;
