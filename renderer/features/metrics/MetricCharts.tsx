// The grid of charts for the stream or one shard: one ChartPanel per chart spec the source has series for, each
// with its capacity line, utilisation in the tooltip and summary, the events as vertical lines, and a crosshair
// shared across the grid (recharts syncId).
import { memo, useMemo } from 'react';
import type { MetricAnnotation, MetricScope, MetricsCapacity, MetricsView } from '../../../shared/contract/metrics';
import { ChartPanel, type ChartCsv } from '../../components/charts/ChartPanel';
import { TimeChart, splitLimits, yMaxOf, type ChartLimit, type ChartLine, type ChartRow } from '../../components/charts/TimeChart';
import { formatValue, percent, type ChartUnit } from '../../components/charts/units';
import { CHARTS, type ChartSpec } from './chartSpecs';
import { capacityFor, findSeries, toRows } from './metricsSeries';

export const CHART_HEIGHT = 180;
export const COLOURS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)'];

interface Built {
  spec: ChartSpec;
  lines: ChartLine[];
  rows: ChartRow[];
  limit: ChartLimit | null;
}

function limitFor(spec: ChartSpec, capacity: MetricsCapacity, shard: string | null): ChartLimit | null {
  if (!spec.capacity) return null;
  const value = capacityFor(capacity, spec.capacity, shard ? 'shard' : 'stream');
  if (value === null || value <= 0) return null;
  const unit = spec.unit as ChartUnit;
  if (spec.perConsumer) return { value, label: `${formatValue(value, unit)} per consumer` };
  if (shard) return { value, label: `shard capacity ${formatValue(value, unit)}` };
  return { value, label: capacity.mode === 'ON_DEMAND' ? `on-demand capacity ${formatValue(value, unit)}` : `capacity ${formatValue(value, unit)} (${capacity.openShards} shards)` };
}

export function buildCharts(view: MetricsView, shard: string | null): { built: Built[]; missing: string[] } {
  const scope: MetricScope = shard ? { kind: 'shard', shardId: shard } : { kind: 'stream' };
  const built: Built[] = [];
  const missing: string[] = [];
  for (const spec of CHARTS) {
    const columns: { key: string; label: string; series: NonNullable<ReturnType<typeof findSeries>> }[] = [];
    for (const { metric, label } of spec.metrics) {
      const series = findSeries(view, metric, scope);
      if (series) columns.push({ key: metric, label: spec.perConsumer ? 'All consumers' : label, series });
      if (spec.perConsumer) {
        for (const s of view.series) if (s.metric === metric && s.scope.kind === 'consumer') columns.push({ key: `${metric}@${s.scope.consumerName}`, label: s.scope.consumerName, series: s });
      }
    }
    if (columns.length === 0) {
      missing.push(spec.title);
      continue;
    }
    built.push({
      spec,
      lines: columns.map((c, i) => ({ key: c.key, label: c.label, color: COLOURS[i % COLOURS.length] as string })),
      rows: toRows(columns),
      limit: limitFor(spec, view.capacity, shard),
    });
  }
  return { built, missing };
}

/** What the summary line and the CSV need of a chart (the Firehose charts have the same). */
export type ChartData = Pick<Built, 'rows' | 'lines' | 'limit'> & { spec: Pick<ChartSpec, 'unit'> };

export function summaryOf({ rows, lines, limit, spec }: ChartData): string {
  const unit = spec.unit as ChartUnit;
  const last = rows.at(-1);
  const nowValue = last ? lines.reduce((sum, l) => sum + (last[l.key] ?? 0), 0) : null;
  const peak = yMaxOf(rows, lines);
  const parts = [`now ${formatValue(nowValue, unit)}`, `peak ${formatValue(peak, unit)}`];
  if (limit && nowValue !== null) parts.push(`${percent(nowValue / limit.value)} of capacity`);
  if (limit && splitLimits([limit], peak).offScale.length > 0) parts.push(`capacity ${formatValue(limit.value, unit)} is above the scale`);
  return parts.join(' · ');
}

export function csvOf({ rows, lines, spec }: ChartData): ChartCsv {
  return {
    header: ['time', 'epoch_ms', ...lines.map((l) => `${l.label} (${spec.unit})`)],
    rows: rows.map((r) => [new Date(r.t).toISOString(), r.t, ...lines.map((l) => r[l.key] ?? null)]),
  };
}

export interface MetricChartsProps {
  view: MetricsView;
  shard: string | null;
  stream: string;
  fromMs: number;
  toMs: number;
  annotations: readonly MetricAnnotation[];
  /** Each chart's width in pixels. */
  chartWidth: number;
  onZoom(fromMs: number, toMs: number): void;
}

export const MetricCharts = memo(function MetricCharts({ view, shard, stream, fromMs, toMs, annotations, chartWidth, onZoom }: MetricChartsProps) {
  const { built, missing } = useMemo(() => buildCharts(view, shard), [view, shard]);
  const markers = useMemo(() => annotations.map((a) => ({ atMs: a.atMs, label: a.label })), [annotations]);
  return (
    <>
      <div className="metrics-grid" data-testid="metrics-charts">
        {built.map((b) => (
          <ChartPanel key={b.spec.id} id={b.spec.id} height={CHART_HEIGHT} title={b.spec.title} summary={summaryOf(b)} fileParts={[stream, shard ?? 'stream']} csv={() => csvOf(b)}>
            <TimeChart
              rows={b.rows}
              lines={b.lines}
              unit={b.spec.unit as ChartUnit}
              fromMs={fromMs}
              toMs={toMs}
              limits={b.limit ? [b.limit] : []}
              markers={markers}
              syncId="metrics"
              height={CHART_HEIGHT}
              width={chartWidth}
              onZoom={onZoom}
              label={`${b.spec.title}: ${b.spec.about}, ${shard ?? 'whole stream'}`}
              tooltipExtra={b.limit ? (row) => utilisationLines(row, b) : undefined}
            />
          </ChartPanel>
        ))}
      </div>
      {missing.length > 0 ? <p className="small muted metrics-missing">Not available from this source{shard ? ' per shard' : ''}: {missing.join(', ')}.</p> : null}
    </>
  );
});

function utilisationLines(row: ChartRow, { lines, limit, spec }: Built): string[] {
  if (!limit) return [];
  return lines.map((l) => {
    const v = row[l.key];
    const who = lines.length > 1 ? `${l.label}: ` : '';
    return v === null || v === undefined ? `${who}no data` : `${who}${percent(v / limit.value)} of ${formatValue(limit.value, spec.unit as ChartUnit)}`;
  });
}
