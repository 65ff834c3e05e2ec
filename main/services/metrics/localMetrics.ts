// Metrics of a local-engine stream from the engine's own stats, in the same shape as the CloudWatch source: per
// second for ranges that start within the last hour (the engine's rings), per minute for the 24 hours before (its
// SQLite history). Counts and bytes are rates (a minute's sum ÷ 60); the iterator age is the period's maximum.
// Local series are always shard-level (no enhanced monitoring to switch on). What the engine does not count
// (PutRecords latency and success, fan-out per consumer) is named in the notes rather than drawn as zeros.
import type { MetricKind, MetricSeries, MetricsQuery, MetricsResult } from '../../../shared/contract/metrics';
import type { EngineAdmin, MetricName, MetricSeries as EngineSeries } from '../engineAdmin';
import { CLOUDWATCH_METRICS } from './cloudWatchQueries';

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The engine's stat behind each console metric; absent where the engine keeps none. */
const ENGINE_METRICS: Partial<Record<MetricKind, MetricName>> = {
  incomingBytes: 'IncomingBytes',
  incomingRecords: 'IncomingRecords',
  outgoingBytes: 'GetRecordsBytes',
  outgoingRecords: 'GetRecordsRecords',
  writeThrottles: 'WriteThrottles',
  readThrottles: 'ReadThrottles',
  iteratorAgeMs: 'IteratorAgeMs',
  fanOutBytes: 'FanOutBytes',
  fanOutRecords: 'FanOutRecords',
};

interface Window {
  periodSeconds: number;
  /** Epoch ms of each value's period start. */
  starts: number[];
  stream: EngineSeries;
  shards: { shardId: string; series: EngineSeries }[];
}

/** The seconds the range holds, up to the last complete one. */
async function secondsWindow(admin: EngineAdmin, query: MetricsQuery, nowMs: number): Promise<Window> {
  const view = await admin.getStreamStats({ StreamName: query.stream }, { seconds: Math.min(3600, Math.max(1, Math.ceil((nowMs - query.fromMs) / SECOND_MS) + 1)), topKeys: 0 });
  const picked: number[] = [];
  for (let i = 0; i < view.Seconds - 1; i++) {
    const t = view.StartTime + i * SECOND_MS;
    if (t >= Math.floor(query.fromMs / SECOND_MS) * SECOND_MS && t < query.toMs) picked.push(i);
  }
  const slice = (series: EngineSeries) => Object.fromEntries(Object.entries(series).map(([name, values]) => [name, picked.map((i) => values[i] ?? 0)])) as EngineSeries;
  return {
    periodSeconds: 1,
    starts: picked.map((i) => view.StartTime + i * SECOND_MS),
    stream: slice(view.Stream.Series),
    shards: view.Shards.map((s) => ({ shardId: s.ShardId, series: slice(s.Series) })),
  };
}

async function minutesWindow(admin: EngineAdmin, query: MetricsQuery, nowMs: number): Promise<Window> {
  const start = Math.max(query.fromMs, nowMs - DAY_MS + MINUTE_MS);
  const end = Math.min(query.toMs, nowMs);
  const view = await admin.getStreamMetrics({ StreamName: query.stream }, { startMs: start, endMs: Math.max(end, start + 1) });
  // The minute in progress is not in the history: leave it out rather than show it as a dip.
  const complete = Array.from({ length: view.Minutes }, (_, i) => i).filter((i) => view.StartTime + (i + 1) * MINUTE_MS <= nowMs);
  const slice = (series: EngineSeries) => Object.fromEntries(Object.entries(series).map(([name, values]) => [name, complete.map((i) => values[i] ?? 0)])) as EngineSeries;
  return {
    periodSeconds: 60,
    starts: complete.map((i) => view.StartTime + i * MINUTE_MS),
    stream: slice(view.Stream.Series),
    shards: view.Shards.map((s) => ({ shardId: s.ShardId, series: slice(s.Series) })),
  };
}

function toSeries(metric: MetricKind, scope: MetricSeries['scope'], window: Window, series: EngineSeries): MetricSeries {
  const source = CLOUDWATCH_METRICS[metric];
  const values = series[ENGINE_METRICS[metric] as MetricName];
  return { metric, scope, unit: source.unit, timestamps: window.starts, values: source.perSecond ? values.map((v) => v / window.periodSeconds) : values };
}

export async function localMetrics(admin: EngineAdmin, query: MetricsQuery, nowMs: number): Promise<MetricsResult> {
  const notes: string[] = [];
  const perSecond = nowMs - query.fromMs <= HOUR_MS && (query.minPeriodSeconds ?? 1) < 60;
  if (!perSecond && query.fromMs < nowMs - DAY_MS) notes.push('The local engine keeps per-minute history for 24 hours: the range is shown from 24 hours ago.');
  const window = perSecond ? await secondsWindow(admin, query, nowMs) : await minutesWindow(admin, query, nowMs);
  const counted = query.metrics.filter((m) => ENGINE_METRICS[m] !== undefined);
  const missing = query.metrics.filter((m) => ENGINE_METRICS[m] === undefined);
  if (missing.length > 0) notes.push(`The local engine does not measure ${missing.join(', ')}: those charts stay empty here (CloudWatch has them on AWS).`);
  if (query.consumers.length > 0 && counted.some((m) => m === 'fanOutBytes' || m === 'fanOutRecords')) {
    notes.push('The local engine counts enhanced fan-out per shard, not per consumer: the fan-out series are for all consumers together.');
  }
  const series: MetricSeries[] = [];
  const wanted = query.shardIds ? new Set(query.shardIds) : null;
  const shards = window.shards.filter((s) => wanted === null || wanted.has(s.shardId));
  for (const metric of counted) {
    series.push(toSeries(metric, { kind: 'stream' }, window, window.stream));
    if (query.shards) for (const shard of shards) series.push(toSeries(metric, { kind: 'shard', shardId: shard.shardId }, window, shard.series));
  }
  if (series.length > 0 && series.every((s) => s.values.every((v) => v === 0))) {
    notes.push(window.starts.length === 0 ? 'The range holds no complete period yet.' : 'Nothing was written to or read from this stream in this range.');
  }
  const step = window.periodSeconds * SECOND_MS;
  return {
    source: 'engine',
    periodSeconds: window.periodSeconds,
    fromMs: window.starts[0] ?? query.fromMs,
    toMs: (window.starts.at(-1) ?? query.fromMs - step) + step,
    series,
    shardLevelMetrics: ['ALL'],
    notes,
    // The next period is complete a moment after it ends (the minute history is written within a second of it).
    nextPollMs: (Math.floor(nowMs / step) + 1) * step + (perSecond ? 0 : SECOND_MS),
  };
}
