// A delivery stream's series from CloudWatch's AWS/Firehose namespace (dimension DeliveryStreamName), through the
// same periods and retention rules as the Kinesis charts. Records and bytes are Sums shown per second; delivery
// to each destination is published as DeliveryTo<Destination>.Records/.Bytes/.Success/.DataFreshness, the success
// an average (0..1) and the freshness a maximum in seconds (shown in ms, as the other ages are).
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { FirehoseMetricKind, FirehoseMetricSeries, FirehoseMetricsQuery, FirehoseMetricsView, MetricUnit } from '../../../shared/contract/metrics';
import { PUBLISH_LAG_MS } from './cloudWatchMetrics';
import { choosePeriod } from './cloudWatchPeriods';
import { mergePages, periodStarts } from './cloudWatchSeries';

export const FIREHOSE_NAMESPACE = 'AWS/Firehose';

/** The destination part of AWS/Firehose's delivery metric names, per Describe's destination kind. */
export const DELIVERY_METRIC_DESTINATION: Record<string, string> = {
  ExtendedS3: 'S3',
  S3: 'S3',
  Redshift: 'Redshift',
  HttpEndpoint: 'HttpEndpoint',
  Amazonopensearchservice: 'AmazonOpenSearchService',
  Elasticsearch: 'Elasticsearch',
  Splunk: 'Splunk',
};

interface Planned {
  id: string;
  name: string;
  metric: FirehoseMetricKind;
  destination: string | null;
  stat: 'Sum' | 'Maximum' | 'Average';
  unit: MetricUnit;
  /** Multiplies CloudWatch's value (per period for Sums, seconds → ms for freshness). */
  scale: (periodSeconds: number) => number;
}

const perSecond = (p: number) => 1 / p;
const one = () => 1;

export function firehoseQueries(destinations: readonly string[]): Planned[] {
  const planned: Planned[] = [
    { id: 'incomingRecords', name: 'IncomingRecords', metric: 'incomingRecords', destination: null, stat: 'Sum', unit: 'records/s', scale: perSecond },
    { id: 'incomingBytes', name: 'IncomingBytes', metric: 'incomingBytes', destination: null, stat: 'Sum', unit: 'bytes/s', scale: perSecond },
  ];
  for (const d of new Set(destinations)) {
    const prefix = `DeliveryTo${d}`;
    const id = (s: string) => `d${d.toLowerCase()}${s}`;
    planned.push(
      { id: id('Records'), name: `${prefix}.Records`, metric: 'deliveredRecords', destination: d, stat: 'Sum', unit: 'records/s', scale: perSecond },
      { id: id('Bytes'), name: `${prefix}.Bytes`, metric: 'deliveredBytes', destination: d, stat: 'Sum', unit: 'bytes/s', scale: perSecond },
      { id: id('Success'), name: `${prefix}.Success`, metric: 'deliverySuccess', destination: d, stat: 'Average', unit: 'ratio', scale: one },
      { id: id('Freshness'), name: `${prefix}.DataFreshness`, metric: 'dataFreshnessMs', destination: d, stat: 'Maximum', unit: 'ms', scale: () => 1000 },
    );
  }
  return planned;
}

function toQuery(p: Planned, stream: string, periodSeconds: number): MetricDataQuery {
  return { Id: p.id, MetricStat: { Metric: { Namespace: FIREHOSE_NAMESPACE, MetricName: p.name, Dimensions: [{ Name: 'DeliveryStreamName', Value: stream }] }, Period: periodSeconds, Stat: p.stat }, ReturnData: true };
}

/** `destinations`: the DeliveryTo<…> parts of the stream's destinations (DELIVERY_METRIC_DESTINATION). */
export async function cloudWatchFirehoseMetrics(client: CloudWatchClient, query: FirehoseMetricsQuery, destinations: readonly string[], nowMs: number): Promise<FirehoseMetricsView> {
  const chosen = choosePeriod(query.fromMs, query.toMs, nowMs);
  const periodSeconds = Math.max(chosen.periodSeconds, Math.ceil((query.minPeriodSeconds ?? 0) / 60) * 60);
  const step = periodSeconds * 1000;
  const fromMs = Math.floor(query.fromMs / step) * step;
  const toMs = Math.ceil(query.toMs / step) * step;
  const planned = firehoseQueries(destinations);
  const pages: MetricDataResult[][] = [];
  let nextToken: string | undefined;
  do {
    const answer = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: planned.map((p) => toQuery(p, query.deliveryStream, periodSeconds)),
        StartTime: new Date(fromMs),
        EndTime: new Date(toMs),
        ScanBy: 'TimestampAscending',
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    pages.push(answer.MetricDataResults ?? []);
    nextToken = answer.NextToken;
  } while (nextToken);
  const results = mergePages(pages);
  const grid = periodStarts(fromMs, toMs, periodSeconds);
  const series: FirehoseMetricSeries[] = planned.map((p) => {
    const raw = results.get(p.id) ?? { t: [], v: [] };
    const byTime = new Map<number, number>();
    raw.t.forEach((t, i) => byTime.set(t, (raw.v[i] as number) * p.scale(periodSeconds)));
    // A period without a Sum had nothing in it; a missing freshness or success is a gap, not a zero.
    const timestamps = p.stat === 'Sum' ? grid : [...byTime.keys()].filter((t) => t >= fromMs && t < toMs).sort((a, b) => a - b);
    return { metric: p.metric, destination: p.destination, unit: p.unit, timestamps, values: timestamps.map((t) => byTime.get(t) ?? 0) };
  });
  const notes = chosen.note ? [chosen.note.replace('Kinesis', 'Firehose')] : [];
  if (destinations.length === 0) notes.push('This delivery stream’s destination publishes no DeliveryTo… metrics this console knows (Snowflake, Iceberg): only incoming is charted.');
  if (series.every((s) => s.values.every((v) => v === 0))) notes.push('CloudWatch has no Firehose data for this delivery stream in this range: nothing was put, or the delivery stream is newer than the range.');
  return { source: 'cloudwatch', periodSeconds, fromMs, toMs, series, notes, nextPollMs: (Math.floor(nowMs / step) + 1) * step + PUBLISH_LAG_MS };
}
