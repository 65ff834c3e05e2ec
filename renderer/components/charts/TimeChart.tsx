// A time-series line chart (recharts) with what every operational chart needs: a fixed time domain, one unit scale
// picked from the data, limit lines (a capacity), vertical event markers, an exact-value tooltip, a crosshair
// shared with the charts of the same syncId, and zoom by dragging across a range. Points are cut to about one per
// two pixels before they reach recharts (downsample.ts), so a day of minutes draws as fast as an hour.
import { memo, useMemo, useState, type ReactElement } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import './charts.css';
import { minMaxIndices } from './downsample';
import { fullTime, tickTime, timeTicks } from './timeAxis';
import { exactValue, niceTicks, tickText, type ChartUnit } from './units';

export type ChartRow = { t: number } & Record<string, number | null>;

export interface ChartLine {
  key: string;
  label: string;
  /** A CSS colour; var(--chart-n) follows the theme. */
  color: string;
}

export interface ChartLimit {
  value: number;
  label: string;
}

export interface ChartMarker {
  atMs: number;
  label: string;
}

export interface TimeChartProps {
  rows: readonly ChartRow[];
  lines: readonly ChartLine[];
  unit: ChartUnit;
  fromMs: number;
  toMs: number;
  limits?: readonly ChartLimit[];
  markers?: readonly ChartMarker[];
  syncId?: string;
  height?: number;
  /** The chart's width in pixels when the caller knows it (no measuring pass); else it fills its box. Also sets the
   *  points kept per line. */
  width?: number;
  onZoom?(fromMs: number, toMs: number): void;
  /** More tooltip lines for a row (e.g. utilisation of a capacity). */
  tooltipExtra?(row: ChartRow): string[];
  label: string;
}

/** The plot's left edge: the y axis's width plus the chart margin (annotation lanes line up with it). */
export const PLOT_LEFT = 52;
export const PLOT_RIGHT = 12;

/** A limit further above the data than this factor is named, not drawn: drawing it would flatten the data. */
const LIMIT_HEADROOM = 4;

function downsampled(rows: readonly ChartRow[], lines: readonly ChartLine[], maxPoints: number): readonly ChartRow[] {
  if (rows.length <= maxPoints) return rows;
  // Keep the union of every line's min/max picks, so no line loses its peaks.
  const keep = new Set<number>();
  for (const line of lines) for (const i of minMaxIndices(rows.map((r) => r[line.key] ?? null), maxPoints)) keep.add(i);
  return [...keep].sort((a, b) => a - b).map((i) => rows[i] as ChartRow);
}

export function yMaxOf(rows: readonly ChartRow[], lines: readonly ChartLine[]): number {
  let max = 0;
  for (const row of rows) {
    for (const line of lines) {
      const v = row[line.key];
      if (v !== null && v !== undefined && v > max) max = v;
    }
  }
  return max;
}

/** The limits drawn (near enough to the data) and those only named. */
export function splitLimits(limits: readonly ChartLimit[], dataMax: number): { drawn: ChartLimit[]; offScale: ChartLimit[] } {
  const drawn: ChartLimit[] = [];
  const offScale: ChartLimit[] = [];
  for (const limit of limits) (limit.value <= Math.max(dataMax, 1e-9) * LIMIT_HEADROOM ? drawn : offScale).push(limit);
  return { drawn, offScale };
}

function TimeChartImpl({ rows, lines, unit, fromMs, toMs, limits = [], markers = [], syncId, height = 180, width, onZoom, tooltipExtra, label }: TimeChartProps) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const widthHint = width ?? 600;
  const shown = useMemo(() => downsampled(rows, lines, Math.max(60, Math.floor(widthHint / 2))), [rows, lines, widthHint]);
  const dataMax = useMemo(() => yMaxOf(rows, lines), [rows, lines]);
  const { drawn } = splitLimits(limits, dataMax);
  const limitMax = Math.max(0, ...drawn.map((l) => l.value));
  const { scale, ticks: yTicks, top } = useMemo(() => niceTicks(unit, Math.max(dataMax, limitMax) * 1.05 || 1), [unit, dataMax, limitMax]);
  const span = toMs - fromMs;
  const ticks = useMemo(() => timeTicks(fromMs, toMs, Math.max(2, Math.floor(widthHint / 90))), [fromMs, toMs, widthHint]);
  const visibleMarkers = markers.filter((m) => m.atMs >= fromMs && m.atMs <= toMs);

  const at = (state: { activeLabel?: string | number | undefined }) => (state.activeLabel === undefined ? null : Number(state.activeLabel));
  return (
    <div className="time-chart" role="img" aria-label={label}>
      <span className="time-chart-unit" aria-hidden="true">
        {scale.suffix}
      </span>
      <Sized width={width} height={height}>
        <LineChart
          {...(width ? { width, height } : {})}
          data={shown as ChartRow[]}
          syncId={syncId}
          syncMethod="value"
          margin={{ top: 18, right: PLOT_RIGHT, bottom: 0, left: 0 }}
          onMouseDown={(state) => {
            const t = onZoom ? at(state) : null;
            if (t !== null) setDrag({ from: t, to: t });
          }}
          onMouseMove={(state) => {
            const t = at(state);
            if (drag && t !== null) setDrag({ ...drag, to: t });
          }}
          onMouseUp={() => {
            if (drag && onZoom && Math.abs(drag.to - drag.from) > 0) onZoom(Math.min(drag.from, drag.to), Math.max(drag.from, drag.to));
            setDrag(null);
          }}
          onMouseLeave={() => setDrag(null)}
        >
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[fromMs, toMs]}
            allowDataOverflow
            ticks={ticks}
            tickFormatter={(t: number) => tickTime(t, span)}
            stroke="var(--chart-axis)"
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
            minTickGap={12}
          />
          <YAxis
            width={PLOT_LEFT}
            domain={[0, top]}
            ticks={yTicks}
            allowDataOverflow
            tickFormatter={(v: number) => tickText(v, scale)}
            stroke="var(--chart-axis)"
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ stroke: 'var(--chart-cursor)', strokeWidth: 1 }}
            content={(props) => <ChartTooltip active={props.active} row={props.payload?.[0]?.payload as ChartRow | undefined} lines={lines} unit={unit} extra={tooltipExtra} />}
          />
          {drawn.map((limit) => (
            <ReferenceLine
              key={limit.label}
              y={limit.value}
              stroke="var(--chart-limit)"
              strokeDasharray="6 4"
              ifOverflow="extendDomain"
              label={{ value: limit.label, position: 'insideTopRight', fill: 'var(--chart-limit)', fontSize: 11 }}
            />
          ))}
          {visibleMarkers.map((m) => (
            <ReferenceLine key={`${m.atMs}:${m.label}`} x={m.atMs} stroke="var(--chart-marker)" strokeDasharray="3 3" />
          ))}
          {lines.map((line) => (
            <Line key={line.key} dataKey={line.key} name={line.label} stroke={line.color} dot={false} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} />
          ))}
          {drag && drag.from !== drag.to ? <ReferenceArea x1={Math.min(drag.from, drag.to)} x2={Math.max(drag.from, drag.to)} fill="var(--chart-brush)" fillOpacity={0.35} /> : null}
        </LineChart>
      </Sized>
    </div>
  );
}

/** A known width draws at once; an unknown one is measured by recharts (one more render once the box is known). */
function Sized({ width, height, children }: { width: number | undefined; height: number; children: ReactElement }) {
  return width ? (
    children
  ) : (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
      {children}
    </ResponsiveContainer>
  );
}

function ChartTooltip({ active, row, lines, unit, extra }: { active: boolean | undefined; row: ChartRow | undefined; lines: readonly ChartLine[]; unit: ChartUnit; extra: ((row: ChartRow) => string[]) | undefined }) {
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">{fullTime(row.t)}</div>
      {lines.map((line) => (
        <div key={line.key} className="chart-tooltip-row">
          <span className="chart-swatch" style={{ background: line.color }} aria-hidden="true" />
          <span>{line.label}</span>
          <strong>{exactValue(row[line.key], unit)}</strong>
        </div>
      ))}
      {extra?.(row).map((text) => (
        <div key={text} className="chart-tooltip-extra">
          {text}
        </div>
      ))}
    </div>
  );
}

export const TimeChart = memo(TimeChartImpl);
