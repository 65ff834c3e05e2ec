// One row per shard, time left to right, colour for the share of the shard's capacity in use: a hot shard is the
// row that lights up. Each row says its load now and at peak and, locally, its top partition keys with their
// share. Rows are canvases (one fill per pixel column, the busiest period in each column) and only the rows in
// view are rendered, so 200 shards × a day of minutes costs what the visible rows cost.
import { memo, useEffect, useMemo, useRef } from 'react';
import type { ShardTopKeys } from '../../../shared/contract/metrics';
import { bucketMax } from '../../components/charts/downsample';
import { percent } from '../../components/charts/units';
import { useVirtualWindow } from '../../components/useVirtualWindow';
import { theme, type Theme } from '../../state/theme';
import { useStore } from '../../state/store';
import type { ShardLoad } from './metricsSeries';

export const ROW_HEIGHT = 22;
/** Columns drawn per row: enough for a wide window, few enough to draw 40 rows in a frame. */
const MAX_COLUMNS = 480;

interface Colours {
  empty: [number, number, number];
  hot: [number, number, number];
  over: string;
}

function rgb(text: string, fallback: [number, number, number]): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text.trim());
  return m ? [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16)] : fallback;
}

/** `_shown` is the theme the colours are read for: the CSS variables change with it. */
function readColours(_shown: Theme): Colours {
  const css = getComputedStyle(document.documentElement);
  return { empty: rgb(css.getPropertyValue('--heat-empty'), [238, 240, 243]), hot: rgb(css.getPropertyValue('--heat-hot'), [217, 119, 6]), over: css.getPropertyValue('--heat-over').trim() || '#dc2626' };
}

/** Utilisation 0..1 as a colour between the empty and the hot colour; above capacity, the "over" colour. */
function colourOf(u: number, c: Colours): string {
  if (u > 1) return c.over;
  // A square root lifts small loads off the background: 5 % is already visible.
  const k = Math.sqrt(Math.max(0, u));
  const mix = (i: 0 | 1 | 2) => Math.round(c.empty[i] + (c.hot[i] - c.empty[i]) * k);
  return `rgb(${mix(0)} ${mix(1)} ${mix(2)})`;
}

const HeatRow = memo(function HeatRow({ utilisation, offset, fraction, colours }: { utilisation: Float64Array; offset: number; fraction: number; colours: Colours }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const width = Math.max(1, Math.floor(el.clientWidth));
    const columns = Math.min(MAX_COLUMNS, width);
    if (el.width !== columns) el.width = columns;
    el.height = 1;
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, columns, 1);
    // The data covers [offset, offset + fraction] of the row (the range may start before the first period).
    const start = Math.round(offset * columns);
    const span = Math.max(1, Math.round(fraction * columns));
    const cells = bucketMax(utilisation, span);
    ctx.fillStyle = colourOf(0, colours);
    ctx.fillRect(0, 0, columns, 1);
    for (let i = 0; i < cells.length; i++) {
      const u = cells[i] as number;
      if (u <= 0) continue;
      ctx.fillStyle = colourOf(u, colours);
      ctx.fillRect(start + i, 0, 1, 1);
    }
  }, [utilisation, offset, fraction, colours]);
  return <canvas ref={canvas} className="heat-canvas" aria-hidden="true" />;
});

export interface HeatStripProps {
  loads: readonly ShardLoad[];
  timestamps: readonly number[];
  periodMs: number;
  fromMs: number;
  toMs: number;
  topKeys: readonly ShardTopKeys[];
  selected: string | null;
  hottest: string | null;
  relative: boolean;
  /** Shards closed by resharding: their rows end where they closed. */
  closed: ReadonlySet<string>;
  onSelect(shardId: string | null): void;
}

function shortId(shardId: string): string {
  return shardId.replace(/^shardId-0*(?=\d)/, '#');
}

export function HeatStrip({ loads, timestamps, periodMs, fromMs, toMs, topKeys, selected, hottest, relative, closed, onSelect }: HeatStripProps) {
  const themeNow = useStore(theme);
  const colours = useMemo(() => readColours(themeNow), [themeNow]);
  const viewport = useRef<HTMLDivElement>(null);
  const { start, end } = useVirtualWindow(viewport, loads.length, ROW_HEIGHT);
  const keysByShard = useMemo(() => new Map(topKeys.map((k) => [k.shardId, k])), [topKeys]);
  const span = Math.max(1, toMs - fromMs);
  const first = timestamps[0] ?? fromMs;
  const last = (timestamps.at(-1) ?? first) + periodMs;
  const offset = Math.max(0, (first - fromMs) / span);
  const fraction = Math.min(1 - offset, Math.max(0, (last - first) / span));

  const move = (index: number) => {
    const target = loads[Math.max(0, Math.min(loads.length - 1, index))];
    if (target) onSelect(target.shardId);
    const el = viewport.current;
    if (el) {
      const top = Math.max(0, Math.min(loads.length - 1, index)) * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
  };

  return (
    <div className="heat" data-testid="metrics-heat">
      <div className="heat-legend small muted" aria-hidden="true">
        <span>0%</span>
        <span className="heat-scale" />
        <span>{relative ? 'busiest' : '100%'}</span>
        {relative ? null : (
          <>
            <span className="heat-over-swatch" /> <span>over capacity</span>
          </>
        )}
      </div>
      <div ref={viewport} className="heat-viewport" role="listbox" aria-label="Shards by load; pick one to chart it" style={{ maxHeight: Math.min(loads.length, 14) * ROW_HEIGHT + 2 }}>
        <div style={{ height: loads.length * ROW_HEIGHT, position: 'relative' }}>
          {loads.slice(start, end).map((load, i) => {
            const index = start + i;
            const keys = keysByShard.get(load.shardId);
            const top = keys?.keys[0];
            const isHot = load.shardId === hottest;
            return (
              <div
                key={load.shardId}
                role="option"
                aria-selected={selected === load.shardId}
                tabIndex={selected === load.shardId || (selected === null && index === 0) ? 0 : -1}
                className={`heat-row${selected === load.shardId ? ' heat-row-selected' : ''}${isHot ? ' heat-row-hot' : ''}${closed.has(load.shardId) ? ' heat-row-closed' : ''}`}
                style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
                data-testid="metrics-heat-row"
                data-shard={load.shardId}
                data-hot={isHot ? 'true' : undefined}
                data-now={load.now.toFixed(4)}
                title={`${load.shardId}${closed.has(load.shardId) ? ' (closed)' : ''}: ${percent(load.now)} now, ${percent(load.peak)} at peak${top ? `; top key ${top.partitionKey} (${percent(top.share)} of its records)` : ''}`}
                onClick={() => onSelect(selected === load.shardId ? null : load.shardId)}
                onKeyDown={(e) => {
                  const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
                  if (step !== 0) {
                    e.preventDefault();
                    move(index + step);
                  } else if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(selected === load.shardId ? null : load.shardId);
                  }
                }}
              >
                <span className="heat-label mono">
                  {shortId(load.shardId)}
                  {isHot ? <span className="heat-hot-badge">hottest</span> : null}
                </span>
                <HeatRow utilisation={load.utilisation} offset={offset} fraction={fraction} colours={colours} />
                <span className="heat-figures">
                  <strong className={load.now > 1 ? 'heat-over' : undefined}>{percent(load.now)}</strong>
                  <span className="muted"> / {percent(load.peak)}</span>
                </span>
                <span className="heat-keys small" data-testid="metrics-top-key">
                  {top ? (
                    <>
                      <span className="mono">{top.partitionKey}</span> {percent(top.share)}
                      {keys && keys.keys.length > 1 ? <span className="muted"> +{keys.keys.length - 1}</span> : null}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
