// The live state of a local delivery stream (the engine's LocalDescribeDeliveryState, answering the pipeline's
// state()), and the Firehose metrics: the engine's counters locally, CloudWatch AWS/Firehose on AWS.
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { DestinationKind, FirehoseMetrics, LiveState } from '../../../shared/contract/firehose';
import { eventView } from './eventText';
import { LOCAL_ACTIONS, localFirehoseCall, type LocalEngineTarget } from './localFirehose';

interface EngineState {
  DeliveryStreamName: string;
  VersionId: string;
  Running: boolean;
  Buffers: { lane: string; key: string; records: number; bytes: number; sizeLimitBytes: number; openedAtMs: number; oldestArrivalMs: number; dueAtMs: number; intervalMs: number }[];
  NextFlushAtMs?: number;
  Counters: LiveState['counters'];
  UnsettledRecords: number;
  Recent: object[];
}

export async function liveState(target: LocalEngineTarget, name: string, now = Date.now()): Promise<LiveState> {
  const state = await localFirehoseCall<EngineState>(target, LOCAL_ACTIONS.state, { DeliveryStreamName: name });
  const oldest = Math.min(...state.Buffers.map((b) => b.oldestArrivalMs), now);
  return {
    name: state.DeliveryStreamName,
    version: state.VersionId,
    running: state.Running,
    buffers: state.Buffers.map(({ lane, key, records, bytes, sizeLimitBytes, openedAtMs, oldestArrivalMs, dueAtMs, intervalMs }) => ({ lane, key, records, bytes, sizeLimitBytes, openedAtMs, oldestArrivalMs, dueAtMs, intervalMs })),
    nextFlushAtMs: state.NextFlushAtMs ?? null,
    counters: state.Counters,
    unsettledRecords: state.UnsettledRecords,
    recent: state.Recent.map(eventView).filter((e) => e !== undefined).reverse(),
    freshnessMs: Math.max(0, now - oldest),
    atMs: now,
  };
}

export async function localMetrics(target: LocalEngineTarget, name: string, now = Date.now()): Promise<FirehoseMetrics> {
  const state = await liveState(target, name, now);
  return {
    source: 'engine',
    incomingRecords: [{ atMs: now, value: state.counters.incomingRecords }],
    deliveredRecords: [{ atMs: now, value: state.counters.deliveredRecords }],
    freshnessSeconds: [{ atMs: now, value: state.freshnessMs / 1000 }],
    notes: ['Counted since the engine started (cumulative); data freshness is the age of the oldest record still buffered.'],
  };
}

/** AWS/Firehose's delivery metric prefix per destination. */
const DELIVERY_PREFIX: Record<DestinationKind, string> = {
  ExtendedS3: 'DeliveryToS3',
  S3: 'DeliveryToS3',
  HttpEndpoint: 'DeliveryToHttpEndpoint',
  Amazonopensearchservice: 'DeliveryToAmazonOpenSearchService',
  Elasticsearch: 'DeliveryToElasticsearch',
  Splunk: 'DeliveryToSplunk',
  Redshift: 'DeliveryToRedshift',
  Other: 'DeliveryToS3',
};

const PERIOD_S = 300;

export async function cloudWatchMetrics(cloudWatch: CloudWatchClient, name: string, destination: DestinationKind, now = Date.now()): Promise<FirehoseMetrics> {
  const prefix = DELIVERY_PREFIX[destination];
  const query = (id: string, metric: string, stat: string): MetricDataQuery => ({
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/Firehose', MetricName: metric, Dimensions: [{ Name: 'DeliveryStreamName', Value: name }] }, Period: PERIOD_S, Stat: stat },
  });
  const notes: string[] = [];
  try {
    const out = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 3_600_000),
        EndTime: new Date(now),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [query('incoming', 'IncomingRecords', 'Sum'), query('delivered', `${prefix}.Records`, 'Sum'), query('fresh', `${prefix}.DataFreshness`, 'Maximum')],
      }),
    );
    const series = (id: string) => {
      const r = out.MetricDataResults?.find((m) => m.Id === id);
      return (r?.Timestamps ?? []).map((t, i) => ({ atMs: t.getTime(), value: r?.Values?.[i] ?? 0 }));
    };
    return { source: 'cloudwatch', incomingRecords: series('incoming'), deliveredRecords: series('delivered'), freshnessSeconds: series('fresh'), notes: [`Sums per ${PERIOD_S / 60} minutes over the last hour; ${prefix}.DataFreshness is the maximum.`] };
  } catch (error) {
    notes.push(`CloudWatch did not answer: ${error instanceof Error ? error.message : String(error)}`);
    return { source: 'cloudwatch', incomingRecords: [], deliveredRecords: [], freshnessSeconds: [], notes };
  }
}
