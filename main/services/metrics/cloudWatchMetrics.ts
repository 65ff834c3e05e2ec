// Metrics of an AWS stream from CloudWatch GetMetricData, through the connection's own credentials. Shard-level
// series are asked only for the metrics enhanced monitoring has switched on (asking for others returns nothing and
// would look like silence); the result says which are on and what is missing, and when to ask again: CloudWatch's
// Kinesis data changes once per period and lands a minute or two late, so polling faster shows nothing new.
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { MetricsQuery, MetricsResult } from '../../../shared/contract/metrics';
import { choosePeriod } from './cloudWatchPeriods';
import { CLOUDWATCH_METRICS, inCalls, plannedQueries } from './cloudWatchQueries';
import { mergePages, toSeries } from './cloudWatchSeries';

/** CloudWatch publishes a period's Kinesis data about this long after it ends. */
export const PUBLISH_LAG_MS = 90_000;

export interface StreamMonitoring {
  /** Open shard ids, for shard-level series. */
  shardIds: readonly string[];
  /** DescribeStreamSummary's EnhancedMonitoring[].ShardLevelMetrics (may hold "ALL"). */
  shardLevelMetrics: readonly string[];
}

export async function cloudWatchMetrics(client: CloudWatchClient, query: MetricsQuery, monitoring: StreamMonitoring, nowMs: number, signal?: AbortSignal): Promise<MetricsResult> {
  const chosen = choosePeriod(query.fromMs, query.toMs, nowMs);
  const note = chosen.note;
  // A coarser period when asked (multiples of a minute, as standard-resolution metrics need).
  const periodSeconds = Math.max(chosen.periodSeconds, Math.ceil((query.minPeriodSeconds ?? 0) / 60) * 60);
  const step = periodSeconds * 1000;
  const fromMs = Math.floor(query.fromMs / step) * step;
  const toMs = Math.ceil(query.toMs / step) * step;
  const enabled = new Set(monitoring.shardLevelMetrics);
  const planned = plannedQueries({
    stream: query.stream,
    metrics: query.metrics,
    periodSeconds,
    shardIds: query.shards ? monitoring.shardIds : [],
    enabledShardMetrics: enabled,
    consumers: query.consumers,
  });
  const pages: MetricDataResult[][] = [];
  for (const batch of inCalls(planned)) {
    let nextToken: string | undefined;
    do {
      const answer = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch.map((p) => p.query),
          StartTime: new Date(fromMs),
          EndTime: new Date(toMs),
          ScanBy: 'TimestampAscending',
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
        signal ? { abortSignal: signal } : {},
      );
      pages.push(answer.MetricDataResults ?? []);
      nextToken = answer.NextToken;
    } while (nextToken);
  }
  const notes = note ? [note] : [];
  if (query.shards) {
    const wanted = query.metrics.map((m) => CLOUDWATCH_METRICS[m].shard).filter((name): name is string => name !== undefined);
    const off = [...new Set(wanted)].filter((name) => !enabled.has(name) && !enabled.has('ALL'));
    if (off.length > 0) {
      notes.push(
        `Shard-level ${off.join(', ')} need enhanced monitoring, which is off for this stream. Turning it on costs money (AWS bills each shard-level metric per shard-hour, like a custom CloudWatch metric).`,
      );
    }
  }
  const series = toSeries(planned, mergePages(pages), fromMs, toMs, periodSeconds);
  if (series.every((s) => s.values.every((v) => v === 0))) notes.push('CloudWatch has no Kinesis data for this stream in this range: nothing was written or read, or the stream is newer than the range.');
  const nextPeriodEnd = (Math.floor(nowMs / step) + 1) * step;
  return {
    source: 'cloudwatch',
    periodSeconds,
    fromMs,
    toMs,
    series,
    shardLevelMetrics: [...enabled],
    notes,
    nextPollMs: nextPeriodEnd + PUBLISH_LAG_MS,
  };
}
