// A local delivery stream's series from the engine's own history (LocalGetDeliveryMetrics): per second, the last
// hour, kept in memory. Sums become rates per second, as on the Kinesis charts; freshness is the period's maximum.
// A range reaching further back than the hour is cut to it and says so; a range wholly older shows nothing and why.
import type { FirehoseMetricSeries, FirehoseMetricsQuery, FirehoseMetricsView } from '../../../shared/contract/metrics';
import { DELIVERY_METRIC_DESTINATION } from './firehoseCloudWatch';

export const LOCAL_GET_METRICS = 'LocalGetDeliveryMetrics';

/** LocalGetDeliveryMetrics's answer (epoch seconds for times, as AWS JSON has them). */
export interface LocalDeliveryMetrics {
  StartTime: number;
  PeriodSeconds: number;
  Periods: number;
  KeptSeconds: number;
  OldestTime?: number;
  IncomingRecords: number[];
  IncomingBytes: number[];
  FailedRecords: number[];
  DataFreshnessMs: number[];
  Delivered: { Destination: string; Records: number[]; Bytes: number[] }[];
}

export type LocalMetricsCall = (input: { DeliveryStreamName: string; StartTime: number; EndTime: number; PeriodSeconds: number }) => Promise<LocalDeliveryMetrics>;

const HOUR_MS = 3_600_000;

export async function localFirehoseMetrics(call: LocalMetricsCall, query: FirehoseMetricsQuery, nowMs: number): Promise<FirehoseMetricsView> {
  const notes: string[] = [];
  const periodSeconds = Math.max(1, query.minPeriodSeconds ?? 1);
  const step = periodSeconds * 1000;
  // Complete periods only: the second in progress is still counting.
  const toMs = Math.min(query.toMs, Math.floor(nowMs / step) * step);
  const keptFrom = nowMs - HOUR_MS;
  if (query.toMs <= keptFrom) {
    notes.push('The local engine keeps Firehose metrics for the last hour only (per second, in memory): this range is older. Pick a range within the last hour.');
    return { source: 'engine', periodSeconds, fromMs: query.fromMs, toMs: query.toMs, series: [], notes, nextPollMs: nowMs + 60_000 };
  }
  if (query.fromMs < keptFrom) notes.push('The local engine keeps Firehose metrics for the last hour only (per second, in memory): the range is shown from an hour ago.');
  const fromMs = Math.floor(Math.max(query.fromMs, keptFrom) / step) * step;
  const out = await call({ DeliveryStreamName: query.deliveryStream, StartTime: fromMs / 1000, EndTime: Math.max(toMs, fromMs) / 1000, PeriodSeconds: periodSeconds });
  const start = out.StartTime * 1000;
  const timestamps = Array.from({ length: out.Periods }, (_, i) => start + i * step);
  const rate = (values: number[]) => values.map((v) => v / periodSeconds);
  const series: FirehoseMetricSeries[] = [
    { metric: 'incomingRecords', destination: null, unit: 'records/s', timestamps, values: rate(out.IncomingRecords) },
    { metric: 'incomingBytes', destination: null, unit: 'bytes/s', timestamps, values: rate(out.IncomingBytes) },
    { metric: 'failedRecords', destination: null, unit: 'records/s', timestamps, values: rate(out.FailedRecords) },
    { metric: 'dataFreshnessMs', destination: null, unit: 'ms', timestamps, values: out.DataFreshnessMs },
  ];
  for (const d of out.Delivered) {
    const destination = DELIVERY_METRIC_DESTINATION[d.Destination] ?? d.Destination;
    series.push({ metric: 'deliveredRecords', destination, unit: 'records/s', timestamps, values: rate(d.Records) }, { metric: 'deliveredBytes', destination, unit: 'bytes/s', timestamps, values: rate(d.Bytes) });
  }
  if (out.OldestTime !== undefined && out.OldestTime * 1000 > fromMs + step) {
    notes.push(`The engine’s Firehose history starts at ${new Date(out.OldestTime * 1000).toISOString().slice(11, 19)} UTC (it is kept in memory since the engine started or the delivery stream became active).`);
  }
  if (series.every((s) => s.values.every((v) => v === 0))) {
    notes.push(timestamps.length === 0 ? 'The range holds no complete second yet.' : 'Nothing was put into or delivered by this delivery stream in this range.');
  }
  return { source: 'engine', periodSeconds, fromMs, toMs: start + out.Periods * step, series, notes, nextPollMs: (Math.floor(nowMs / step) + 1) * step };
}
