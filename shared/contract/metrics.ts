// Stream and shard metrics as the Metrics screen reads them, from either source: the local engine's own stats or
// CloudWatch's AWS/Kinesis namespace. Values are per second for counts and bytes (CloudWatch's Sum ÷ period),
// milliseconds for ages and latency, a 0..1 ratio for success. Times are epoch milliseconds.
import { z } from 'zod';
import type { CommandSpec } from './define';
import { DeliveryStreamName } from './firehose';
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
  /** With `shards`: only these shards' series (all shards when absent). A 200-shard stream's day is 2 million
   *  values over every metric; a screen charting one shard asks for that one, and the heat strip for few metrics. */
  shardIds: z.array(z.string().min(1).max(128)).max(1000).optional(),
  /** Never finer than this: a live screen appending the newest minutes to a per-minute view asks for minutes. */
  minPeriodSeconds: z.number().int().min(1).max(86_400).optional(),
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

const rate = z.number().min(0);

/** Throughput a shard or stream may take: writes in bytes and records per second, reads in bytes per second. */
export const ThroughputCapacity = z.strictObject({ incomingBytesPerSecond: rate, incomingRecordsPerSecond: rate, outgoingBytesPerSecond: rate });
export type ThroughputCapacity = z.infer<typeof ThroughputCapacity>;

/** The capacity lines of the throughput charts. Utilisation is a series value ÷ the matching capacity. */
export const MetricsCapacity = z.strictObject({
  mode: z.enum(['PROVISIONED', 'ON_DEMAND']),
  openShards: z.number().int().min(0),
  /** Provisioned: 1 MiB/s and 1,000 records/s in, 2 MiB/s out per shard. Null when the stream's mode sets none per shard. */
  perShard: ThroughputCapacity.nullable(),
  /** The whole stream: the shards' sum, or on-demand's current capacity where it is known (null otherwise). */
  stream: ThroughputCapacity.nullable(),
  /** Where the figures come from (AWS's documented quotas, the engine's on-demand state). */
  source: z.string(),
});
export type MetricsCapacity = z.infer<typeof MetricsCapacity>;

export const KeyShare = z.strictObject({
  partitionKey: z.string(),
  records: z.number().int().min(0),
  bytes: z.number().int().min(0),
  /** Share of the shard's records in the window, 0..1. */
  share: z.number().min(0).max(1),
});
export type KeyShare = z.infer<typeof KeyShare>;

/** The partition keys with the most traffic on one shard over a recent window (local engine only). */
export const ShardTopKeys = z.strictObject({ shardId: z.string(), windowSeconds: z.number().int().min(1), records: z.number().int().min(0), keys: z.array(KeyShare) });
export type ShardTopKeys = z.infer<typeof ShardTopKeys>;

/** What metrics.query answers: the series (either source), the capacity lines, and top keys where known. */
export const MetricsView = MetricsResult.extend({
  capacity: MetricsCapacity,
  topKeys: z.array(ShardTopKeys),
});
export type MetricsView = z.infer<typeof MetricsView>;

export const ANNOTATION_KINDS = ['split', 'merge', 'scale', 'on-demand-scaling', 'capacity-mode', 'faults'] as const;

/** An event that explains a change on the charts, drawn as a vertical marker. */
export const MetricAnnotation = z.strictObject({
  atMs: z.number().int(),
  kind: z.enum(ANNOTATION_KINDS),
  label: z.string(),
  /** Shards involved (parents, then children); empty for stream- or engine-wide events. */
  shardIds: z.array(z.string()),
});
export type MetricAnnotation = z.infer<typeof MetricAnnotation>;

export const AnnotationsQuery = z.strictObject({ stream: StreamName, fromMs: z.number().int().min(0), toMs: z.number().int().min(0) });
export const AnnotationsResult = z.strictObject({ annotations: z.array(MetricAnnotation), notes: z.array(z.string()) });
export type AnnotationsResult = z.infer<typeof AnnotationsResult>;

/** Every shard-level metric of Kinesis, in the service model's order (the engine and the console share it). */
export const SHARD_LEVEL_METRIC_NAMES = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
] as const;
/** As EnableEnhancedMonitoring takes them: "ALL" stands for every one. */
export const SHARD_LEVEL_METRICS = [...SHARD_LEVEL_METRIC_NAMES, 'ALL'] as const;
export const ShardLevelMetric = z.enum(SHARD_LEVEL_METRICS);

export const SetShardLevelParams = z.strictObject({ stream: StreamName, metrics: z.array(ShardLevelMetric).min(1).max(SHARD_LEVEL_METRICS.length), enabled: z.boolean() });
export const SetShardLevelResult = z.strictObject({ shardLevelMetrics: z.array(z.string()) });

/** A delivery stream's series: AWS/Firehose on AWS, the engine's hour of per-second history locally. */
export const FIREHOSE_METRIC_KINDS = ['incomingRecords', 'incomingBytes', 'deliveredRecords', 'deliveredBytes', 'deliverySuccess', 'failedRecords', 'dataFreshnessMs'] as const;
export const FirehoseMetricKind = z.enum(FIREHOSE_METRIC_KINDS);
export type FirehoseMetricKind = z.infer<typeof FirehoseMetricKind>;

export const FirehoseMetricSeries = z.strictObject({
  metric: FirehoseMetricKind,
  /** Delivery series: the destination (S3, HttpEndpoint, AmazonOpenSearchService, Splunk…); null for incoming. */
  destination: z.string().nullable(),
  unit: MetricUnit,
  timestamps: z.array(z.number().int()),
  values: z.array(z.number()),
});
export type FirehoseMetricSeries = z.infer<typeof FirehoseMetricSeries>;

export const FirehoseMetricsQuery = z.strictObject({
  deliveryStream: DeliveryStreamName,
  fromMs: z.number().int().min(0),
  toMs: z.number().int().min(0),
  minPeriodSeconds: z.number().int().min(1).max(86_400).optional(),
});
export type FirehoseMetricsQueryIn = z.input<typeof FirehoseMetricsQuery>;
export type FirehoseMetricsQuery = z.output<typeof FirehoseMetricsQuery>;

export const FirehoseMetricsView = MetricsResult.pick({ source: true, periodSeconds: true, fromMs: true, toMs: true, notes: true, nextPollMs: true }).extend({
  series: z.array(FirehoseMetricSeries),
});
export type FirehoseMetricsView = z.infer<typeof FirehoseMetricsView>;

export const metricsCommands = {
  'metrics.query': {
    description:
      'Series of a stream (and its shards and consumers) for a time range: the local engine from its own stats (per second within the last hour, per minute for 24 hours), AWS and custom endpoints from CloudWatch; with the capacity lines and, locally, the top partition keys per shard.',
    params: MetricsQuery,
    result: MetricsView,
  },
  'metrics.annotations': {
    description: 'Events that explain a change on the charts (reshards when they took effect, capacity-mode switches, on-demand scaling, injected faults), oldest first.',
    params: AnnotationsQuery,
    result: AnnotationsResult,
  },
  'metrics.firehose': {
    description:
      'Series of a delivery stream for a time range: records and bytes in, records and bytes delivered per destination, failures and data freshness. Locally from the engine’s per-second history (the last hour, in memory); on AWS from CloudWatch AWS/Firehose.',
    params: FirehoseMetricsQuery,
    result: FirehoseMetricsView,
  },
  'metrics.setShardLevel': {
    description: 'Turns enhanced (shard-level) monitoring on or off for some metrics (EnableEnhancedMonitoring / DisableEnhancedMonitoring). On AWS it is billed per shard and metric.',
    params: SetShardLevelParams,
    result: SetShardLevelResult,
  },
} as const satisfies Record<string, CommandSpec>;
