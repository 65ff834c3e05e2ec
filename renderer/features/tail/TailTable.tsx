// The timeline: rows from the ring buffer in a virtualized grid (only the rows on screen are in the DOM),
// re-rendered when the controller's frame counter moves (at most once per animation frame). Follow-tail keeps
// the newest row in view until the user scrolls up; when old rows drop off the front while the user reads
// further up, the scroll offset moves with them so the rows on screen stay put.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TailRow } from '../../../shared/contract/tail';
import { useStore } from '../../state/store';
import { tailBenchProbe } from './tailBenchProbe';
import type { KeptRowsView } from './keptRowsView';
import type { TailController } from './tailController';
import type { TimeFormat } from './tailForm';
import { formatArrival, shortShard, size } from './tailFormat';

export const ROW_HEIGHT = 28;
const OVERSCAN = 6;

/** The buffer position `delta` rows away from the selection in the view (from the ends when nothing is selected). */
export function stepSelection(view: KeptRowsView, selected: number | null, delta: number): number | undefined {
  if (view.length === 0) return undefined;
  const at = selected === null ? undefined : view.indexOf(selected);
  const base = at ?? (delta > 0 ? view.first - 1 : view.end);
  return view.position(Math.min(view.end - 1, Math.max(view.first, base + delta)));
}

export interface TailTableProps {
  controller: TailController;
  columns: string[];
  timeFormat: TimeFormat;
  /** Absolute buffer position of the selected row, or null. */
  selected: number | null;
  following: boolean;
  onFollowing(follow: boolean): void;
  onSelect(position: number): void;
  onOpen(position: number): void;
  /** Ticks every second while times are relative. */
  now: number;
  frozen: boolean;
  compact: boolean;
}

/** With the detail pane open the rows are `compact`: the sequence number and size move to the detail. Every
 *  growing column is a share (fr) of the free width, Preview the largest: with fixed maxima the other columns
 *  would take all the room first (grid grows them to their maxima before any fr) and squeeze Preview. */
/** The narrowest the rows may get (the columns' minima, gaps and padding): below it the table scrolls sideways. */
export function gridMinWidth(extra: number, compact: boolean): number {
  const minima = [96, 64, ...(compact ? [] : [90]), 64, ...(compact ? [] : [60]), ...Array<number>(extra).fill(56), 200];
  return minima.reduce((a, b) => a + b, 0) + (minima.length - 1) * 12 + 2 * 12;
}

export function gridColumns(extra: number, compact: boolean): string {
  return `96px 64px${compact ? '' : ' minmax(90px, 1fr)'} minmax(64px, 0.6fr)${compact ? '' : ' 60px'}${' minmax(56px, 0.5fr)'.repeat(extra)} minmax(200px, 3fr)`;
}

function Row({ row, position, offset, columns, compact, timeFormat, now, selected, onSelect, onOpen }: { row: TailRow; position: number; offset: number; columns: number; compact: boolean; timeFormat: TimeFormat; now: number; selected: boolean; onSelect(p: number): void; onOpen(p: number): void }) {
  return (
    <div
      role="row"
      id={`tail-row-${position}`}
      aria-selected={selected}
      className={`st-row st-body tt-body${row.decodeError ? ' tt-problem' : ''}`}
      style={{ transform: `translateY(${offset * ROW_HEIGHT}px)` }}
      data-seq={row.sequenceNumber}
      data-position={position}
      onClick={() => onSelect(position)}
      onDoubleClick={() => onOpen(position)}
    >
      <span role="gridcell" className="st-cell tt-cell tt-time" title={new Date(row.arrivalMs).toISOString()}>
        {formatArrival(row.arrivalMs, timeFormat, now)}
      </span>
      <span role="gridcell" className="st-cell tt-cell" title={row.shardId}>
        {shortShard(row.shardId)}
      </span>
      {compact ? null : (
        <span role="gridcell" className="st-cell tt-cell tt-seq" title={row.sequenceNumber}>
          {row.sequenceNumber}
          {row.subCount > 1 ? <span className="tt-sub">#{row.subIndex + 1}/{row.subCount}</span> : null}
        </span>
      )}
      <span role="gridcell" className="st-cell tt-cell" title={row.partitionKey}>
        {row.partitionKey}
      </span>
      {compact ? null : <span role="gridcell" className="st-cell tt-cell tt-num">{size(row.size)}</span>}
      {Array.from({ length: columns }, (_, i) => {
        const value = row.columns[i] ?? null;
        return (
          <span role="gridcell" key={i} className="st-cell tt-cell" title={value ?? 'absent'}>
            {value ?? <span className="muted">—</span>}
          </span>
        );
      })}
      <span role="gridcell" className={`st-cell tt-cell tt-preview tt-kind-${row.viewKind}`} title={row.decodeError ?? undefined}>
        {row.decodeError ? <span className="tt-warn" aria-label="decoding problem">!</span> : null}
        {row.preview}
      </span>
    </div>
  );
}

export function TailTable({ controller, columns, timeFormat, selected, following, onFollowing, onSelect, onOpen, now, frozen, compact }: TailTableProps) {
  const viewport = useRef<HTMLDivElement>(null);
  useStore(controller.frame);
  // The table walks the view (all kept rows, or those passing the view filter) by view index; selections are
  // buffer positions, so a row stays selected across filter changes.
  const rows = controller.view;
  // Positions are absolute (they survive drops); the canvas holds only the rows kept: row p sits at p - first.
  // The window is kept as the absolute position of the top row, so it stays right when rows drop off the front
  // (before the browser reports the adjusted scroll offset); following, it is simply the newest rows. Either way
  // the rows painted are the rows the new scroll offset shows, with no blank frame in between.
  const first = rows.first;
  const count = rows.end;
  const [box, setBox] = useState({ top: 0, height: 600 });
  const fit = Math.ceil(box.height / ROW_HEIGHT) + 1;
  const top = following ? Math.max(first, count - fit) : Math.max(first, Math.min(box.top, count - 1));
  const from = Math.max(first, top - OVERSCAN);
  const end = Math.min(count, top + fit + OVERSCAN);
  const shown = rows.slice(from, end);
  const seen = useRef({ first, noted: -1 });

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => {
      const next = { top: rows.first + Math.floor(el.scrollTop / ROW_HEIGHT), height: el.clientHeight };
      setBox((old) => (old.top === next.top && old.height === next.height ? old : next));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [rows]);

  // Follow the newest row; or keep the rows on screen still while old ones drop off the front.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    if (following) el.scrollTop = el.scrollHeight;
    else if (first > seen.current.first) el.scrollTop = Math.max(0, el.scrollTop - (first - seen.current.first) * ROW_HEIGHT);
    seen.current.first = first;
  });

  // For bench/ui-tail.ts: when each newly shown row is first painted, against the put time in its data.
  useLayoutEffect(() => {
    const probe = tailBenchProbe();
    if (!probe || shown.length === 0) return;
    const fresh = shown.filter((s) => s.index > seen.current.noted);
    seen.current.noted = Math.max(seen.current.noted, from + shown.length - 1);
    if (fresh.length === 0) return;
    requestAnimationFrame(() => setTimeout(() => probe.notePainted(fresh.map((s) => s.row.preview))));
  });

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const onScroll = () => {
      const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
      if (!atBottom && following) onFollowing(false);
      else if (atBottom && !following && !frozen) onFollowing(true);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [following, frozen, onFollowing]);

  const scrollTo = (position: number) => {
    const el = viewport.current;
    const p = rows.indexOf(position);
    if (!el || p === undefined) return;
    const top = (p - rows.first) * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  useEffect(() => {
    if (selected !== null && !following) scrollTo(selected);
    // scrollTo reads the buffer, which changes outside React; the selection is what moves the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, following]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor((viewport.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (event.key === 'Enter' && selected !== null) {
      event.preventDefault();
      onOpen(selected);
      return;
    }
    const delta = moves[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    const next = stepSelection(rows, selected, delta);
    if (delta < 0) onFollowing(false);
    if (next !== undefined) onSelect(next);
  };

  const extra = columns.length;
  const template = gridColumns(extra, compact);
  return (
    <div className="stream-table tail-table" role="grid" aria-label="Tail rows" aria-rowcount={rows.length + 1} data-testid="tail-table" style={{ ['--st-columns' as string]: template, ['--st-min-width' as string]: `${gridMinWidth(extra, compact)}px` }}>
      <div role="row" className="st-row st-head tt-head" aria-rowindex={1}>
        <span role="columnheader" className="st-cell tt-cell">
          Arrival{timeFormat === 'utc' ? ' (UTC)' : timeFormat === 'relative' ? '' : ' (local)'}
        </span>
        <span role="columnheader" className="st-cell tt-cell">Shard</span>
        {compact ? null : <span role="columnheader" className="st-cell tt-cell">Sequence number</span>}
        <span role="columnheader" className="st-cell tt-cell">Partition key</span>
        {compact ? null : <span role="columnheader" className="st-cell tt-cell tt-num">Size</span>}
        {columns.map((c) => (
          <span role="columnheader" key={c} className="st-cell tt-cell tt-custom" title={`JSON path ${c}`}>
            {c}
          </span>
        ))}
        <span role="columnheader" className="st-cell tt-cell">Preview</span>
      </div>
      <div
        className="st-viewport tt-viewport"
        ref={viewport}
        tabIndex={0}
        role="rowgroup"
        aria-label="Rows: arrows or j/k move, Enter opens the detail"
        aria-activedescendant={selected !== null && shown.some((s) => s.position === selected) ? `tail-row-${selected}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="tail-rows"
        data-count={rows.length}
      >
        {rows.length === 0 && rows.filtered && !rows.pending ? (
          <p className="small muted tt-none" data-testid="tail-none-shown">
            None of the {controller.rows.length.toLocaleString()} rows kept matches the filter.
          </p>
        ) : null}
        <div className="tt-canvas" style={{ height: rows.length * ROW_HEIGHT }}>
          {shown.map((s) => (
            <Row key={s.index} row={s.row} position={s.position} offset={s.index - first} columns={extra} compact={compact} timeFormat={timeFormat} now={now} selected={s.position === selected} onSelect={onSelect} onOpen={onOpen} />
          ))}
        </div>
      </div>
    </div>
  );
}
