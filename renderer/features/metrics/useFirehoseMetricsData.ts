// Fetches a delivery stream's series for the Metrics screen and keeps them current, as useMetricsData does for a
// Kinesis stream: while following live it asks again when the source says the next period is complete, for the new
// periods only (appended, what left the window dropped), with a full read now and then to refresh the notes.
import { startTransition, useEffect, useState } from 'react';
import type { FirehoseMetricSeries, FirehoseMetricsView } from '../../../shared/contract/metrics';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import type { SpanRequest } from './useMetricsData';

export interface FirehoseMetricsData {
  view: FirehoseMetricsView | null;
  error: UiError | null;
  loading: boolean;
}

const empty: FirehoseMetricsData = { view: null, error: null, loading: false };
const FULL_EVERY = 15;
const MIN_DELAY_MS = 250;
const LIVE_SLACK_MS = 2000;

const hasTraffic = (view: FirehoseMetricsView) => view.series.some((s) => s.values.some((v) => v !== 0));
const keyOf = (s: FirehoseMetricSeries) => `${s.metric}|${s.destination ?? ''}`;

/** The new periods of `next` after `previous`'s, and nothing before keepFromMs. */
export function appendFirehose(previous: FirehoseMetricsView, next: FirehoseMetricsView, keepFromMs: number): FirehoseMetricsView {
  const byKey = new Map(previous.series.map((s) => [keyOf(s), s]));
  for (const s of next.series) {
    const old = byKey.get(keyOf(s));
    const last = old?.timestamps.at(-1) ?? -Infinity;
    const fresh = s.timestamps.map((t, i) => [t, s.values[i] as number] as const).filter(([t]) => t > last);
    byKey.set(keyOf(s), { ...s, timestamps: [...(old?.timestamps ?? []), ...fresh.map(([t]) => t)], values: [...(old?.values ?? []), ...fresh.map(([, v]) => v)] });
  }
  const series = [...byKey.values()].map((s) => {
    const first = s.timestamps.findIndex((t) => t >= keepFromMs);
    return first === 0 ? s : { ...s, timestamps: first < 0 ? [] : s.timestamps.slice(first), values: first < 0 ? [] : s.values.slice(first) };
  });
  return { ...next, fromMs: Math.max(previous.fromMs, keepFromMs), toMs: Math.max(previous.toMs, next.toMs), series, notes: previous.notes };
}

export function useFirehoseMetricsData(client: AppClient | null, deliveryStream: string | null, span: SpanRequest, spanKey: string, reloadKey: number): FirehoseMetricsData {
  const key = `${deliveryStream}|${spanKey}|${reloadKey}`;
  const [held, setHeld] = useState<{ key: string; name: string | null; data: FirehoseMetricsData }>({ key: '', name: null, data: empty });

  useEffect(() => {
    if (!client || !deliveryStream) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let polls = 0;
    const set = (data: FirehoseMetricsData) => setHeld({ key, name: deliveryStream, data });

    const tick = async (previous: FirehoseMetricsView | null) => {
      const now = Date.now();
      const fromMs = span.live ? now - span.lengthMs + LIVE_SLACK_MS : span.fromMs;
      const toMs = span.live ? now : span.toMs;
      // While nothing shows, every read is a full one: the first traffic then also replaces the notes saying there is none.
      const increment = span.live && previous !== null && polls % FULL_EVERY !== 0 && hasTraffic(previous);
      try {
        const answer = await client.call('metrics.firehose', {
          deliveryStream,
          fromMs: increment && previous ? previous.toMs : fromMs,
          toMs,
          ...(increment && previous ? { minPeriodSeconds: previous.periodSeconds } : {}),
        });
        if (!live) return;
        polls++;
        const view = increment && previous ? appendFirehose(previous, answer, fromMs) : answer;
        startTransition(() => set({ view, error: null, loading: false }));
        if (span.live) timer = setTimeout(() => void tick(view), Math.max(view.nextPollMs, Date.now() + MIN_DELAY_MS) - Date.now());
      } catch (e) {
        if (!live) return;
        setHeld((h) => ({ key, name: deliveryStream, data: { ...(h.name === deliveryStream ? h.data : empty), error: toUiError(e), loading: false } }));
        // A passing failure (an engine restart) should not end live following.
        if (span.live) timer = setTimeout(() => void tick(previous), 5000);
      }
    };
    void tick(null);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
    // spanKey stands for span (a live span's times move on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, deliveryStream, spanKey, reloadKey]);

  if (!client || !deliveryStream) return empty;
  if (held.key !== key) return held.name === deliveryStream ? { ...held.data, loading: true } : { ...empty, loading: true };
  return held.data;
}
