// GetMetricData results as the console's series. CloudWatch leaves out the periods in which nothing was
// reported: for counts and bytes that means nothing happened, so those periods are filled with 0 and the chart
// shows a flat line; ages, latency and success stay sparse (a gap is not a zero).
import type { MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { MetricSeries } from '../../../shared/contract/metrics';
import { CLOUDWATCH_METRICS, type PlannedQuery } from './cloudWatchQueries';

/** Period starts from the first at or after fromMs to the last before toMs. */
export function periodStarts(fromMs: number, toMs: number, periodSeconds: number): number[] {
  const step = periodSeconds * 1000;
  const first = Math.ceil(fromMs / step) * step;
  const starts: number[] = [];
  for (let t = first; t < toMs; t += step) starts.push(t);
  return starts;
}

/** Joins the pages of one query's results (NextToken pages repeat the query's Id). */
export function mergePages(pages: readonly (readonly MetricDataResult[])[]): Map<string, { t: number[]; v: number[] }> {
  const byId = new Map<string, { t: number[]; v: number[] }>();
  for (const page of pages) {
    for (const result of page) {
      if (!result.Id) continue;
      const entry = byId.get(result.Id) ?? { t: [], v: [] };
      const times = result.Timestamps ?? [];
      const values = result.Values ?? [];
      for (let i = 0; i < times.length && i < values.length; i++) {
        entry.t.push((times[i] as Date).getTime());
        entry.v.push(values[i] as number);
      }
      byId.set(result.Id, entry);
    }
  }
  return byId;
}

export function toSeries(planned: readonly PlannedQuery[], results: Map<string, { t: number[]; v: number[] }>, fromMs: number, toMs: number, periodSeconds: number): MetricSeries[] {
  const grid = periodStarts(fromMs, toMs, periodSeconds);
  return planned.map(({ query, metric, scope }) => {
    const source = CLOUDWATCH_METRICS[metric];
    const raw = results.get(query.Id ?? '') ?? { t: [], v: [] };
    const byTime = new Map<number, number>();
    raw.t.forEach((t, i) => byTime.set(t, (raw.v[i] as number) / (source.perSecond ? periodSeconds : 1)));
    if (source.stat === 'Sum') {
      return { metric, scope, unit: source.unit, timestamps: grid, values: grid.map((t) => byTime.get(t) ?? 0) };
    }
    const timestamps = [...byTime.keys()].filter((t) => t >= fromMs && t < toMs).sort((a, b) => a - b);
    return { metric, scope, unit: source.unit, timestamps, values: timestamps.map((t) => byTime.get(t) as number) };
  });
}
