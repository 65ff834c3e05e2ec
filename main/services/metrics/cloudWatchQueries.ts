// Which AWS/Kinesis metric, statistic and dimensions stand behind each console metric, and the GetMetricData
// queries for a request. Counts and bytes are asked as Sum and divided by the period; ages as Maximum; latency
// and success as Average. Stream-level metrics have the StreamName dimension; shard-level ones (enhanced
// monitoring, billed by AWS) add ShardId; fan-out ones (SubscribeToShardEvent.*) add ConsumerName.
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { MetricKind, MetricScope, MetricUnit } from '../../../shared/contract/metrics';

export const NAMESPACE = 'AWS/Kinesis';
/** GetMetricData takes at most 500 queries per call. */
export const MAX_QUERIES_PER_CALL = 500;

type Stat = 'Sum' | 'Maximum' | 'Average';

interface MetricSource {
  unit: MetricUnit;
  stat: Stat;
  /** Sum ÷ period: the chart shows a rate. */
  perSecond: boolean;
  stream?: string;
  /** The shard-level name, which is also the name enhanced monitoring is switched on by. */
  shard?: string;
  consumer?: string;
}

export const CLOUDWATCH_METRICS: Record<MetricKind, MetricSource> = {
  incomingBytes: { unit: 'bytes/s', stat: 'Sum', perSecond: true, stream: 'IncomingBytes', shard: 'IncomingBytes' },
  incomingRecords: { unit: 'records/s', stat: 'Sum', perSecond: true, stream: 'IncomingRecords', shard: 'IncomingRecords' },
  outgoingBytes: { unit: 'bytes/s', stat: 'Sum', perSecond: true, stream: 'GetRecords.Bytes', shard: 'OutgoingBytes' },
  outgoingRecords: { unit: 'records/s', stat: 'Sum', perSecond: true, stream: 'GetRecords.Records', shard: 'OutgoingRecords' },
  writeThrottles: { unit: 'count/s', stat: 'Sum', perSecond: true, stream: 'WriteProvisionedThroughputExceeded', shard: 'WriteProvisionedThroughputExceeded' },
  readThrottles: { unit: 'count/s', stat: 'Sum', perSecond: true, stream: 'ReadProvisionedThroughputExceeded', shard: 'ReadProvisionedThroughputExceeded' },
  iteratorAgeMs: { unit: 'ms', stat: 'Maximum', perSecond: false, stream: 'GetRecords.IteratorAgeMilliseconds', shard: 'IteratorAgeMilliseconds' },
  putRecordsLatencyMs: { unit: 'ms', stat: 'Average', perSecond: false, stream: 'PutRecords.Latency' },
  putRecordsSuccess: { unit: 'ratio', stat: 'Average', perSecond: false, stream: 'PutRecords.Success' },
  fanOutBytes: { unit: 'bytes/s', stat: 'Sum', perSecond: true, consumer: 'SubscribeToShardEvent.Bytes' },
  fanOutRecords: { unit: 'records/s', stat: 'Sum', perSecond: true, consumer: 'SubscribeToShardEvent.Records' },
  fanOutMillisBehindLatest: { unit: 'ms', stat: 'Maximum', perSecond: false, consumer: 'SubscribeToShardEvent.MillisBehindLatest' },
};

export interface PlannedQuery {
  query: MetricDataQuery;
  metric: MetricKind;
  scope: MetricScope;
}

export interface QueryRequest {
  stream: string;
  metrics: readonly MetricKind[];
  periodSeconds: number;
  /** Shards to ask shard-level series for (only metrics in enabledShardMetrics are asked). */
  shardIds: readonly string[];
  enabledShardMetrics: ReadonlySet<string>;
  consumers: readonly string[];
}

function query(id: string, name: string, dimensions: { Name: string; Value: string }[], stat: Stat, periodSeconds: number): MetricDataQuery {
  return { Id: id, MetricStat: { Metric: { Namespace: NAMESPACE, MetricName: name, Dimensions: dimensions }, Period: periodSeconds, Stat: stat }, ReturnData: true };
}

/** Every query the request needs, with ids CloudWatch accepts (`^[a-z][a-zA-Z0-9_]*$`, unique). */
export function plannedQueries(request: QueryRequest): PlannedQuery[] {
  const planned: PlannedQuery[] = [];
  const stream = { Name: 'StreamName', Value: request.stream };
  for (const metric of request.metrics) {
    const source = CLOUDWATCH_METRICS[metric];
    if (source.stream) {
      planned.push({ metric, scope: { kind: 'stream' }, query: query(`q${planned.length}`, source.stream, [stream], source.stat, request.periodSeconds) });
    }
    if (source.shard && (request.enabledShardMetrics.has(source.shard) || request.enabledShardMetrics.has('ALL'))) {
      for (const shardId of request.shardIds) {
        planned.push({
          metric,
          scope: { kind: 'shard', shardId },
          query: query(`q${planned.length}`, source.shard, [stream, { Name: 'ShardId', Value: shardId }], source.stat, request.periodSeconds),
        });
      }
    }
    if (source.consumer) {
      for (const consumerName of request.consumers) {
        planned.push({
          metric,
          scope: { kind: 'consumer', consumerName },
          query: query(`q${planned.length}`, source.consumer, [stream, { Name: 'ConsumerName', Value: consumerName }], source.stat, request.periodSeconds),
        });
      }
    }
  }
  return planned;
}

/** Splits queries into GetMetricData-sized calls. */
export function inCalls<T>(items: readonly T[], size = MAX_QUERIES_PER_CALL): T[][] {
  const calls: T[][] = [];
  for (let i = 0; i < items.length; i += size) calls.push(items.slice(i, i + size));
  return calls;
}
