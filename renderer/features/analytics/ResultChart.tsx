// The chart the result's shape calls for: a big number for one value, or a line per group over window time beside
// bars for the latest window. Colours come from the theme's chart variables.
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartKind, groupChart } from './chartData';
import type { ResultColumn, ResultRow, ResultShape } from './resultTable';

const colour = (i: number) => `var(--chart-${(i % 8) + 1})`;
const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const axis = { stroke: 'var(--text-faint)', tick: { fill: 'var(--text-muted)', fontSize: 11 } };
const tooltip = { contentStyle: { background: 'var(--surface)', border: '1px solid var(--border-strong)', borderRadius: 6, color: 'var(--text)' }, labelStyle: { color: 'var(--text-muted)' } };

export function ResultChart({ columns, shape, rows }: { columns: readonly ResultColumn[]; shape: ResultShape; rows: readonly ResultRow[] }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const kind = chartKind(shape);
  if (kind === 'none') return <p className="analytics-note" data-testid="chart-none">The result has no numeric column to chart; the table shows every row.</p>;
  if (rows.length === 0) return <p className="analytics-note">The chart appears with the first window that closes.</p>;
  const measure = chosen !== null && shape.measures.includes(chosen) ? chosen : (shape.measures[0] ?? 0);
  const data = groupChart(columns, shape, rows, measure);
  if (kind === 'number') {
    return (
      <div className="big-number" data-testid="chart-number">
        <span className="big-number-value">{data.points.length > 0 ? full.format(data.points[data.points.length - 1]?.all ?? 0) : '—'}</span>
        <span className="big-number-label">
          {data.measure} {data.latest !== null ? `· window ending ${clock(data.latest)}` : ''}
        </span>
        <ResponsiveContainer width="100%" height={80}>
          <LineChart data={data.points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <Line type="monotone" dataKey="all" stroke={colour(0)} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Tooltip {...tooltip} labelFormatter={(t) => clock(Number(t))} formatter={(v) => full.format(Number(v))} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    );
  }
  return (
    <div className="result-charts" data-testid="chart-groups" data-points={data.points.length}>
      {shape.measures.length > 1 ? (
        <label className="chart-measure">
          Measure{' '}
          <select value={measure} onChange={(e) => setChosen(Number(e.target.value))}>
            {shape.measures.map((i) => (
              <option key={i} value={i}>
                {columns[i]?.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <figure className="chart-box" aria-label={`${data.measure} per group over window time`}>
        <figcaption>
          {data.measure} per group over time{data.series.length >= 8 ? ' (the 8 largest groups)' : ''}
        </figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data.points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={clock} {...axis} />
            <YAxis tickFormatter={(v: number) => compact.format(v)} width={48} {...axis} />
            <Tooltip {...tooltip} labelFormatter={(t) => clock(Number(t))} formatter={(v) => full.format(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text-muted)' }} />
            {data.series.map((s, i) => (
              <Line key={s} type="monotone" dataKey={s} stroke={colour(i)} strokeWidth={2} dot={data.points.length < 30} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart-box" aria-label={`${data.measure} in the latest window`}>
        <figcaption>Latest window{data.latest !== null ? `, ending ${clock(data.latest)}` : ''}</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data.bars} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => compact.format(v)} {...axis} />
            <YAxis type="category" dataKey="group" width={96} {...axis} />
            <Tooltip {...tooltip} cursor={{ fill: 'var(--accent-soft)' }} formatter={(v) => full.format(Number(v))} />
            <Bar dataKey="value" name={data.measure} fill={colour(0)} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
