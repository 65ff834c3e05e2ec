// What the Metrics screen shows (stream, shard, range, zoom, live following, heat-strip mode), kept outside React
// so it survives visits to other screens, and "show this stream's metrics" for the palette and the stream page.
import { goToScreen } from '../../state/navigation';
import { createStore } from '../../state/store';

export type RangeId = '15m' | '1h' | '6h' | '24h' | 'custom';

export const RANGES: readonly { id: RangeId; label: string; ms: number; key: string }[] = [
  { id: '15m', label: '15 min', ms: 15 * 60_000, key: '1' },
  { id: '1h', label: '1 h', ms: 3_600_000, key: '2' },
  { id: '6h', label: '6 h', ms: 6 * 3_600_000, key: '3' },
  { id: '24h', label: '24 h', ms: 24 * 3_600_000, key: '4' },
];

export interface TimeSpan {
  fromMs: number;
  toMs: number;
}

export interface MetricsUi {
  stream: string | null;
  /** null: the whole stream. */
  shard: string | null;
  range: RangeId;
  custom: TimeSpan | null;
  /** A range dragged on a chart; replaces the range until reset. */
  zoom: TimeSpan | null;
  live: boolean;
  /** A preset range paused at the moment the user stopped following. */
  frozen: TimeSpan | null;
  heat: 'write' | 'read';
  order: 'key' | 'hot';
  /** What is charted: a Kinesis stream, or a Firehose delivery stream. */
  subject: 'kinesis' | 'firehose';
  deliveryStream: string | null;
  /** The connection the stream belongs to: another connection starts over. */
  epoch: number;
}

export const metricsUi = createStore<MetricsUi>({ stream: null, shard: null, range: '15m', custom: null, zoom: null, live: true, frozen: null, heat: 'write', order: 'key', subject: 'kinesis', deliveryStream: null, epoch: -1 });
export const patchMetricsUi = (change: Partial<MetricsUi>) => metricsUi.set((ui) => ({ ...ui, ...change }));

/** Opens the Metrics screen on a stream (whole stream, live, the range kept). */
export function openMetrics(stream: string): void {
  patchMetricsUi({ stream, shard: null, zoom: null, live: true, frozen: null, range: metricsUi.get().range === 'custom' ? '15m' : metricsUi.get().range });
  goToScreen('metrics');
}

/** Opens the Metrics screen on a delivery stream (live, the range kept). */
export function openFirehoseMetrics(deliveryStream: string): void {
  patchMetricsUi({ subject: 'firehose', deliveryStream, zoom: null, live: true, frozen: null, range: metricsUi.get().range === 'custom' ? '15m' : metricsUi.get().range });
  goToScreen('metrics');
}

function presetOf(ui: MetricsUi): (typeof RANGES)[number] {
  return RANGES.find((r) => r.id === ui.range) ?? (RANGES[0] as (typeof RANGES)[number]);
}

/** The span a query asks for: live (the last lengthMs, moving; fromMs and toMs are 0) or fixed times. */
export function currentSpan(ui: MetricsUi): TimeSpan & { live: boolean; lengthMs: number } {
  const fixed = ui.zoom ?? (ui.range === 'custom' ? ui.custom : null) ?? (ui.live ? null : ui.frozen);
  if (fixed) return { ...fixed, live: false, lengthMs: fixed.toMs - fixed.fromMs };
  return { fromMs: 0, toMs: 0, live: true, lengthMs: presetOf(ui).ms };
}

/** Pick a preset range: following live again. */
export function pickRange(range: RangeId): void {
  const ui = metricsUi.get();
  const custom = range === 'custom' ? (ui.custom ?? { fromMs: Date.now() - 3_600_000, toMs: Date.now() }) : ui.custom;
  patchMetricsUi({ range, zoom: null, custom, live: true, frozen: null });
}

/** Live following on or off; off keeps the range shown at this moment. */
export function toggleLive(): void {
  const ui = metricsUi.get();
  if (ui.zoom || ui.range === 'custom') return;
  const now = Date.now();
  patchMetricsUi(ui.live ? { live: false, frozen: { fromMs: now - presetOf(ui).ms, toMs: now } } : { live: true, frozen: null });
}
