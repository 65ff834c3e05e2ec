// Which chart the result's shape calls for, and its data: one value and no group is a big number; groups give a
// line per group over window time and bars for the latest window; a result with nothing numeric is a table only.
import { groupLabel, type ResultColumn, type ResultRow, type ResultShape } from './resultTable';

export const MAX_SERIES = 8;
const MAX_POINTS = 120;
const MAX_BARS = 20;

export type ChartKind = 'none' | 'number' | 'groups';

export function chartKind(shape: ResultShape): ChartKind {
  if (shape.measures.length === 0) return 'none';
  return shape.groups.length === 0 && shape.measures.length === 1 ? 'number' : 'groups';
}

export interface ChartPoint {
  t: number;
  [series: string]: number;
}

export interface GroupChart {
  measure: string;
  series: string[];
  points: ChartPoint[];
  /** The latest window's values, largest first. */
  bars: { group: string; value: number }[];
  latest: number | null;
}

function numberAt(row: ResultRow, index: number): number | null {
  const v = row.values[index];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The chart's data for one measure column (index into the columns). */
export function groupChart(columns: readonly ResultColumn[], shape: ResultShape, rows: readonly ResultRow[], measure: number): GroupChart {
  const latest = rows.reduce((max, r) => Math.max(max, r.rowtime), Number.NEGATIVE_INFINITY);
  const bars: { group: string; value: number }[] = [];
  const totals = new Map<string, number>();
  const byTime = new Map<number, ChartPoint>();
  for (const row of rows) {
    const value = numberAt(row, measure);
    if (value === null) continue;
    const group = groupLabel(row, shape);
    totals.set(group, (totals.get(group) ?? 0) + Math.abs(value));
    if (row.rowtime === latest) bars.push({ group, value });
  }
  // The groups that weigh most over the rows kept get a line each; the rest would only be noise.
  const series = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SERIES)
    .map(([g]) => g);
  const drawn = new Set(series);
  for (const row of rows) {
    const value = numberAt(row, measure);
    const group = groupLabel(row, shape);
    if (value === null || !drawn.has(group)) continue;
    let point = byTime.get(row.rowtime);
    if (!point) byTime.set(row.rowtime, (point = { t: row.rowtime }));
    point[group] = value;
  }
  const points = [...byTime.values()].sort((a, b) => a.t - b.t).slice(-MAX_POINTS);
  bars.sort((a, b) => b.value - a.value);
  return { measure: columns[measure]?.name ?? '', series, points, bars: bars.slice(0, MAX_BARS), latest: Number.isFinite(latest) ? latest : null };
}
