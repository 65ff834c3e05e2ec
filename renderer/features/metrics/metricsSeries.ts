// Pure helpers over a MetricsView: finding series, joining them into chart rows, appending a live increment,
// per-shard utilisation of the capacity, and why a range is empty.
import type { MetricKind, MetricScope, MetricSeries, MetricsCapacity, MetricsView, ThroughputCapacity } from '../../../shared/contract/metrics';
import type { ChartRow } from '../../components/charts/TimeChart';

export function scopeKey(scope: MetricScope): string {
  return scope.kind === 'stream' ? 'stream' : scope.kind === 'shard' ? `shard:${scope.shardId}` : `consumer:${scope.consumerName}`;
}

export function seriesKey(s: Pick<MetricSeries, 'metric' | 'scope'>): string {
  return `${s.metric}|${scopeKey(s.scope)}`;
}

/** Appends a live increment to what is shown and drops what left the window (before keepFromMs). */
export function appendIncrement(previous: MetricsView, next: MetricsView, keepFromMs: number): MetricsView {
  const byKey = new Map<string, MetricSeries>();
  for (const s of previous.series) byKey.set(seriesKey(s), s);
  for (const s of next.series) {
    const key = seriesKey(s);
    const old = byKey.get(key);
    const last = old?.timestamps.at(-1) ?? -Infinity;
    const timestamps = old ? [...old.timestamps] : [];
    const values = old ? [...old.values] : [];
    s.timestamps.forEach((t, i) => {
      if (t > last) {
        timestamps.push(t);
        values.push(s.values[i] as number);
      }
    });
    byKey.set(key, { ...s, timestamps, values });
  }
  const series = [...byKey.values()].map((s) => {
    const first = s.timestamps.findIndex((t) => t >= keepFromMs);
    if (first <= 0) return first === 0 ? s : { ...s, timestamps: [], values: [] };
    return { ...s, timestamps: s.timestamps.slice(first), values: s.values.slice(first) };
  });
  return { ...next, fromMs: Math.max(previous.fromMs, keepFromMs), toMs: Math.max(previous.toMs, next.toMs), series, notes: previous.notes };
}

/** Each view's series by key, built once: a 200-shard view holds 1,400 series and is searched per shard and chart. */
const indexes = new WeakMap<MetricsView, Map<string, MetricSeries>>();

/** Answers to several queries over the same span as one view: series by key (later answers win), notes joined. */
export function mergeViews(first: MetricsView, ...rest: MetricsView[]): MetricsView {
  if (rest.length === 0) return first;
  const byKey = new Map<string, MetricSeries>();
  for (const view of [first, ...rest]) for (const s of view.series) byKey.set(seriesKey(s), s);
  return { ...first, series: [...byKey.values()], notes: [...new Set([first, ...rest].flatMap((v) => v.notes))] };
}

export function findSeries(view: MetricsView, metric: MetricKind, scope: MetricScope): MetricSeries | undefined {
  let index = indexes.get(view);
  if (!index) {
    index = new Map(view.series.map((s) => [seriesKey(s), s]));
    indexes.set(view, index);
  }
  return index.get(`${metric}|${scopeKey(scope)}`);
}

/** The shards that have series in the view, in the order they came (the engine lists them by key range). */
export function shardIdsOf(view: MetricsView): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const s of view.series) {
    if (s.scope.kind === 'shard' && !seen.has(s.scope.shardId)) {
      seen.add(s.scope.shardId);
      ids.push(s.scope.shardId);
    }
  }
  return ids;
}

/** Series joined on their timestamps, oldest first: row.t and one column per given key. */
export function toRows(columns: readonly { key: string; series: Pick<MetricSeries, 'timestamps' | 'values'> }[]): ChartRow[] {
  const grid = columns[0]?.series.timestamps ?? [];
  const same = columns.every(({ series: t }) => t.timestamps.length === grid.length && t.timestamps[0] === grid[0] && t.timestamps.at(-1) === grid.at(-1));
  if (same) {
    // One answer's series share their periods: rows by index.
    return grid.map((t, i) => {
      const row = { t } as ChartRow;
      for (const { key, series } of columns) row[key] = series.values[i] as number;
      return row;
    });
  }
  const byTime = new Map<number, ChartRow>();
  for (const { key, series } of columns) {
    series.timestamps.forEach((t, i) => {
      let row = byTime.get(t);
      if (!row) byTime.set(t, (row = { t } as ChartRow));
      row[key] = series.values[i] as number;
    });
  }
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t);
  // Each row names every column, so a missing value is a gap (null), not a key recharts has to guess about.
  for (const row of rows) for (const { key } of columns) if (!(key in row)) row[key] = null;
  return rows;
}

export type CapacityKey = keyof ThroughputCapacity;

/** The capacity a series is measured against: per shard for a shard, the stream's for the stream. */
export function capacityFor(capacity: MetricsCapacity, key: CapacityKey, scope: 'stream' | 'shard'): number | null {
  const c = scope === 'shard' ? capacity.perShard : capacity.stream;
  return c ? c[key] : null;
}

export interface ShardLoad {
  shardId: string;
  /** Utilisation per period (0..1, above 1 when over capacity), aligned with `timestamps`. */
  utilisation: Float64Array;
  /** The last complete period's utilisation. */
  now: number;
  peak: number;
}

/**
 * Per-shard utilisation over time: writes are the larger of bytes and records against 1 MiB/s and 1,000 records/s
 * (whichever runs out first throttles); reads are bytes against 2 MiB/s. Without a per-shard capacity the figures
 * are relative to the busiest shard.
 */
export function shardLoads(view: MetricsView, mode: 'write' | 'read'): { timestamps: number[]; loads: ShardLoad[]; relative: boolean } {
  const ids = shardIdsOf(view);
  const per = view.capacity.perShard;
  const relative = per === null;
  const metrics: { metric: MetricKind; cap: number }[] =
    mode === 'write'
      ? [
          { metric: 'incomingBytes', cap: per?.incomingBytesPerSecond ?? 1 },
          // Relative mode compares bytes with bytes only (records and bytes have no common scale without a capacity).
          ...(relative ? [] : [{ metric: 'incomingRecords' as const, cap: per?.incomingRecordsPerSecond ?? 1 }]),
        ]
      : [{ metric: 'outgoingBytes', cap: per?.outgoingBytesPerSecond ?? 1 }];
  // One time grid for every shard: a shard born by a reshard (or added by a live increment) starts later.
  const times = new Set<number>();
  for (const s of view.series) if (s.scope.kind === 'shard' && metrics.some((m) => m.metric === s.metric)) for (const t of s.timestamps) times.add(t);
  const timestamps = [...times].sort((a, b) => a - b);
  const slot = new Map(timestamps.map((t, i) => [t, i]));
  const raw = ids.map((shardId) => {
    const u = new Float64Array(timestamps.length);
    for (const { metric, cap } of metrics) {
      const s = findSeries(view, metric, { kind: 'shard', shardId });
      if (!s) continue;
      const values = s.values;
      const first = slot.get(s.timestamps[0] as number) ?? 0;
      // Series of one answer share the grid: index arithmetic, not a lookup per value.
      const contiguous = timestamps[first + s.timestamps.length - 1] === s.timestamps.at(-1);
      for (let i = 0; i < values.length; i++) {
        const at = contiguous ? first + i : (slot.get(s.timestamps[i] as number) as number);
        const v = (values[i] as number) / cap;
        if (v > (u[at] as number)) u[at] = v;
      }
    }
    return { shardId, u };
  });
  let top = 0;
  if (relative) for (const r of raw) for (const v of r.u) if (v > top) top = v;
  const loads = raw.map(({ shardId, u }) => {
    if (relative && top > 0) for (let i = 0; i < u.length; i++) u[i] = (u[i] as number) / top;
    let peak = 0;
    for (const v of u) if (v > peak) peak = v;
    return { shardId, utilisation: u, now: u.length > 0 ? (u[u.length - 1] as number) : 0, peak };
  });
  return { timestamps, loads, relative };
}

/** The shard whose latest load is highest (the one to look at first), if any shard carries traffic. */
export function hottestShard(loads: readonly ShardLoad[]): ShardLoad | null {
  let best: ShardLoad | null = null;
  for (const load of loads) if (load.now > 0 && (!best || load.now > best.now)) best = load;
  return best;
}

export interface EmptyWhy {
  empty: boolean;
  reasons: string[];
}

/** Whether the range shows nothing, and why: the service's notes, plus what the screen knows (the stream's age). */
export function emptyWhy(view: MetricsView, streamCreatedAt: number | null): EmptyWhy {
  const counted = view.series.filter((s) => s.values.length > 0);
  const anyTraffic = counted.some((s) => s.values.some((v) => v !== 0));
  if (anyTraffic) return { empty: false, reasons: [] };
  const reasons: string[] = [];
  if (streamCreatedAt !== null && streamCreatedAt > view.fromMs) {
    reasons.push(`The stream was created at ${new Date(streamCreatedAt).toLocaleString()}, after the start of this range: there is nothing before that.`);
  }
  if (view.series.length === 0 && view.notes.length === 0) reasons.push('The source returned no series for this stream in this range.');
  else if (counted.length === 0) reasons.push('The range holds no complete period yet.');
  return { empty: true, reasons };
}
