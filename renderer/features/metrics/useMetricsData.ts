// Fetches what the Metrics screen shows and keeps it current: the series (all metrics, shards included) and the
// events for the span, and the stream's description (shards, consumers, age). While following live, it asks again
// when the source says the next period is complete (nextPollMs), never sooner, for the new periods only (appended
// to what is shown), with a full read now and then to refresh the notes and capacity.
import { startTransition, useEffect, useState } from 'react';
import type { MetricAnnotation, MetricsView } from '../../../shared/contract/metrics';
import type { StreamDetail } from '../../../shared/contract/streams';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import { ALL_METRICS, SHARD_LOAD_METRICS } from './chartSpecs';
import { metricsBenchProbe } from './metricsBenchProbe';
import type { MetricsBackend } from './metricsBenchTypes';
import { appendIncrement, mergeViews } from './metricsSeries';

export interface MetricsData {
  view: MetricsView | null;
  annotations: MetricAnnotation[];
  annotationNotes: string[];
  detail: StreamDetail | null;
  error: UiError | null;
  loading: boolean;
  /** When the next poll is due (live only). */
  nextAt: number | null;
}

const empty: MetricsData = { view: null, annotations: [], annotationNotes: [], detail: null, error: null, loading: false, nextAt: null };

/** Increments between full reads while following. */
const FULL_EVERY = 15;
/** A poll that is due "now or in the past" (clocks, a slow answer) still waits this long. */
const MIN_DELAY_MS = 250;
const LIVE_SLACK_MS = 2000;

export interface SpanRequest {
  fromMs: number;
  toMs: number;
  live: boolean;
  lengthMs: number;
}

/**
 * Three questions per poll, so a 200-shard stream's day stays small: every metric for the stream; the write and
 * read load of every shard (the heat strip); and every metric of the one shard charted, if any.
 */
export function useMetricsData(client: AppClient | null, stream: string | null, shard: string | null, span: SpanRequest, spanKey: string, reloadKey: number): MetricsData {
  const key = `${stream}|${shard}|${spanKey}|${reloadKey}`;
  const [held, setHeld] = useState<{ key: string; stream: string | null; data: MetricsData }>({ key: '', stream: null, data: empty });

  useEffect(() => {
    if (!client || !stream) return;
    const setData = (change: (d: MetricsData) => MetricsData) => setHeld((h) => ({ key, stream, data: change(h.stream === stream ? h.data : empty) }));
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let polls = 0;
    let consumers: string[] = [];
    let detail: StreamDetail | null = null;
    let shardCount = -1;
    // The bench serves its generated streams itself; every other stream is asked of main.
    const backend: MetricsBackend = metricsBenchProbe()?.backendFor(stream) ?? {
      query: (q) => client.call('metrics.query', q),
      annotations: (q) => client.call('metrics.annotations', q),
    };

    const describe = async () => {
      try {
        detail = await client.call('streams.describe', { name: stream });
        consumers = (detail.consumers ?? []).map((c) => c.name).slice(0, 20);
      } catch {
        // The metrics say what is wrong with the stream (e.g. ResourceNotFoundException); describe only adds detail.
        detail = null;
      }
    };

    const fetchOnce = async (previous: MetricsView | null) => {
      const now = Date.now();
      // A live hour starts a moment later than an hour ago, so it stays within the engine's per-second hour.
      const fromMs = span.live ? now - span.lengthMs + LIVE_SLACK_MS : span.fromMs;
      const toMs = span.live ? now : span.toMs;
      // Following: only the periods since the last answer, at the same resolution, appended to what is shown.
      const increment = span.live && previous !== null && polls % FULL_EVERY !== 0;
      const range = { stream, consumers, fromMs: increment && previous ? previous.toMs : fromMs, toMs, ...(increment && previous ? { minPeriodSeconds: previous.periodSeconds } : {}) };
      const [whole, loads, one, events] = await Promise.all([
        backend.query({ ...range, metrics: ALL_METRICS, shards: false }),
        backend.query({ ...range, metrics: SHARD_LOAD_METRICS, shards: true, consumers: [] }),
        shard ? backend.query({ ...range, metrics: ALL_METRICS, shards: true, shardIds: [shard], consumers: [] }) : null,
        backend.annotations({ stream, fromMs, toMs }),
      ]);
      const result = mergeViews(whole, loads, ...(one ? [one] : []));
      const view = increment && previous ? appendIncrement(previous, result, fromMs) : result;
      return { view, events, fromMs };
    };

    const tick = async (previous: MetricsView | null) => {
      try {
        const { view, events } = await fetchOnce(previous);
        if (!live) return;
        // A reshard changed the shards: read the description again (new shard ids, open count).
        if (view.capacity.openShards !== shardCount) {
          shardCount = view.capacity.openShards;
          if (polls > 0) await describe();
        }
        polls++;
        const nextAt = span.live ? Math.max(view.nextPollMs, Date.now() + MIN_DELAY_MS) : null;
        // A transition: React renders the new view in slices between frames, so a 200-shard update does not
        // freeze scrolling or the crosshair while it is drawn.
        startTransition(() => setData(() => ({ view, annotations: events.annotations, annotationNotes: events.notes, detail, error: null, loading: false, nextAt })));
        if (nextAt !== null) timer = setTimeout(() => void tick(view), nextAt - Date.now());
      } catch (e) {
        if (!live) return;
        const error = toUiError(e);
        setData((d) => ({ ...d, error, loading: false, nextAt: null }));
        // A passing failure (a restart, a throttled call) should not end live following: try again a bit later.
        if (span.live) timer = setTimeout(() => void tick(previous), 5000);
      }
    };

    void (async () => {
      await describe();
      if (live) await tick(null);
    })();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
    // spanKey stands for span (a live span's times move on every render and must not restart the loop).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, stream, shard, spanKey, reloadKey]);

  if (!client || !stream) return empty;
  // A new request: what was shown for the same stream stays up while the answer comes.
  if (held.key !== key) return held.stream === stream ? { ...held.data, loading: true } : { ...empty, loading: true };
  return held.data;
}
