// The Metrics screen's benchmark probe (loaded only with ?metricsbench=1): views generated in the page for streams
// named "bench-<shards>-<n>" (24 h of 1-minute periods for every shard-level metric, one hot shard, top keys), each
// passed through JSON and the contract's schema as an RPC answer would be, and timings of what the screen does with
// them. While "live", every answer asks to be polled again a second later with the window moved on by a minute:
// 60 times the rate the real 1-minute data changes, to load the screen harder than use does.
// The bench reads window.__metricsBench.
import { MetricsView, type MetricSeries, type MetricsQuery } from '../../../shared/contract/metrics';
import type { MetricsBenchProbe } from './metricsBenchTypes';
import { metricsUi, patchMetricsUi } from './metricsUi';

interface Sample {
  stream: string;
  /** The answer handed to the screen → its commit, and → the frame after it, ms. */
  commitMs: number;
  frameMs: number;
  /** JSON round trip and schema check of the answer (what the RPC client spends before the screen sees it). */
  parseMs: number;
}

interface BenchState {
  samples: Sample[];
  polls: number;
  live: boolean;
  /** Shows a generated stream over 24 h, following live or not. */
  show?(stream: string, live: boolean): void;
}

declare global {
  interface Window {
    __metricsBench?: BenchState;
  }
}

const state: BenchState = (window.__metricsBench ??= { samples: [], polls: 0, live: false });
const MINUTE = 60_000;
const METRICS = ['incomingBytes', 'incomingRecords', 'outgoingBytes', 'outgoingRecords', 'writeThrottles', 'readThrottles', 'iteratorAgeMs'] as const;
const UNITS = { incomingBytes: 'bytes/s', incomingRecords: 'records/s', outgoingBytes: 'bytes/s', outgoingRecords: 'records/s', writeThrottles: 'count/s', readThrottles: 'count/s', iteratorAgeMs: 'ms' } as const;

/** A deterministic wobble, so every run draws the same picture. */
const wave = (i: number, s: number) => 0.5 + 0.35 * Math.sin(i / 37 + s) + 0.15 * Math.sin(i / 5 + s * 3);

function generate(query: MetricsQuery, shardCount: number, endMs: number): MetricsView {
  // The day up to endMs, or only its minutes from the query's start (a live increment).
  const fromMs = Math.max(endMs - 1440 * MINUTE, Math.ceil(query.fromMs / MINUTE) * MINUTE);
  const n = Math.max(0, (endMs - fromMs) / MINUTE);
  const timestamps = Array.from({ length: n }, (_, i) => fromMs + i * MINUTE);
  const series: MetricSeries[] = [];
  const streamSums = Object.fromEntries(METRICS.map((m) => [m, new Array<number>(n).fill(0)])) as Record<(typeof METRICS)[number], number[]>;
  for (let s = 0; s < shardCount; s++) {
    const hot = s === 17 % shardCount;
    for (const metric of METRICS) {
      const values = new Array<number>(n);
      for (let i = 0; i < n; i++) {
        // Minutes since the epoch, not indices, so a moved window shows the same values at the same times.
        const w = wave(Math.floor(timestamps[i] as number / MINUTE), s);
        const load = hot ? 0.6 + 0.35 * w : 0.05 + 0.25 * w;
        const v =
          metric === 'incomingBytes' ? load * 1048576 : metric === 'incomingRecords' ? load * 700 : metric === 'outgoingBytes' ? load * 1.6 * 1048576 : metric === 'outgoingRecords' ? load * 1100 : metric === 'iteratorAgeMs' ? w * 900 : hot && w > 0.9 ? 3 : 0;
        values[i] = v;
        (streamSums[metric] as number[])[i] = metric === 'iteratorAgeMs' ? Math.max(streamSums[metric][i] as number, v) : (streamSums[metric][i] as number) + v;
      }
      series.push({ metric, scope: { kind: 'shard', shardId: `shardId-${String(s).padStart(12, '0')}` }, unit: UNITS[metric], timestamps, values });
    }
  }
  for (const metric of METRICS) series.unshift({ metric, scope: { kind: 'stream' }, unit: UNITS[metric], timestamps, values: streamSums[metric] });
  // Only what was asked, as the service answers.
  const wantedShards = query.shardIds ? new Set(query.shardIds) : null;
  const answered = series.filter((s) => query.metrics.includes(s.metric) && (s.scope.kind === 'stream' || (query.shards && (wantedShards === null || (s.scope.kind === 'shard' && wantedShards.has(s.scope.shardId))))));
  const mib = 1048576;
  return {
    source: 'engine',
    periodSeconds: 60,
    fromMs,
    toMs: endMs,
    series: answered,
    shardLevelMetrics: ['ALL'],
    notes: [],
    nextPollMs: Date.now() + 1000,
    capacity: {
      mode: 'PROVISIONED',
      openShards: shardCount,
      perShard: { incomingBytesPerSecond: mib, incomingRecordsPerSecond: 1000, outgoingBytesPerSecond: 2 * mib },
      stream: { incomingBytesPerSecond: mib * shardCount, incomingRecordsPerSecond: 1000 * shardCount, outgoingBytesPerSecond: 2 * mib * shardCount },
      source: 'generated for the benchmark',
    },
    topKeys: Array.from({ length: shardCount }, (_, s) => ({
      shardId: `shardId-${String(s).padStart(12, '0')}`,
      windowSeconds: 60,
      records: 6000,
      keys: Array.from({ length: 10 }, (_, k) => ({ partitionKey: `user-${s}-${k}`, records: 600 - k * 40, bytes: 60_000, share: (600 - k * 40) / 6000 })),
    })),
  };
}

state.show = (stream, live) => {
  state.live = live;
  patchMetricsUi({ stream, shard: null, range: '24h', zoom: null, live: true, frozen: null });
};

/** When the latest answer was handed to the screen, and the parse time of the answers since the last commit. */
let handedAt = 0;
let parsedMs = 0;
/** Where each bench stream's window ends: one minute further on every live poll. */
const ends = new Map<string, number>();

export const metricsBench: MetricsBenchProbe = {
  backendFor(stream) {
    const match = /^bench-(\d+)-/.exec(stream);
    if (!match) return null;
    const shards = Number(match[1]);
    return {
      query: (query: MetricsQuery) => {
        const started = performance.now();
        // A live poll (one that starts where the last answer ended) finds one more minute.
        const base = ends.get(stream) ?? Math.floor(Date.now() / MINUTE) * MINUTE;
        const end = state.live && query.fromMs >= base ? base + MINUTE : base;
        ends.set(stream, end);
        state.polls++;
        const generated = generate(query, shards, end);
        if (!state.live) generated.nextPollMs = Date.now() + 3_600_000;
        const view = MetricsView.parse(JSON.parse(JSON.stringify(generated)));
        parsedMs += performance.now() - started;
        handedAt = performance.now();
        return Promise.resolve(view);
      },
      annotations: ({ fromMs, toMs }) =>
        Promise.resolve({
          annotations: [
            { atMs: fromMs + (toMs - fromMs) * 0.3, kind: 'split' as const, label: 'SplitShard shardId-000000000017 → shardId-000000000200, shardId-000000000201; 200 → 201 open shards', shardIds: [] },
            { atMs: fromMs + (toMs - fromMs) * 0.7, kind: 'faults' as const, label: 'Faults: 5% PutRecords failures', shardIds: [] },
          ].map((a) => ({ ...a, atMs: Math.round(a.atMs) })),
          notes: [],
        }),
    };
  },
  committed(view) {
    if (parsedMs === 0 || !view.series.length) return;
    const at = handedAt;
    const sample: Sample = { stream: metricsUi.get().stream ?? '', commitMs: performance.now() - at, frameMs: -1, parseMs: parsedMs };
    parsedMs = 0;
    state.samples.push(sample);
    requestAnimationFrame(() => {
      sample.frameMs = performance.now() - at;
    });
  },
};
