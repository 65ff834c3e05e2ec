// The virtualized stream list: a header of sortable columns and only the rows on screen in the DOM. Rows on
// screen ask for their details (batched by the list store). Keyboard: arrows, Page Up/Down, Home/End move the
// selection; Enter opens the stream.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { StreamListRow } from '../../../shared/contract/streams';
import { StatusPill } from '../../components/StatusPill';
import { useVirtualWindow } from '../../components/useVirtualWindow';
import type { DetailCell } from './streamListStore';
import type { SortColumn } from './streamsUi';
import type { Throughput } from './streamThroughput';

const ROW_HEIGHT = 40;

interface Column {
  id: SortColumn | 'tags' | 'actions';
  label: string;
  numeric?: boolean;
}

const columns: Column[] = [
  { id: 'name', label: 'Name' },
  { id: 'status', label: 'Status' },
  { id: 'mode', label: 'Capacity' },
  { id: 'open', label: 'Open', numeric: true },
  { id: 'closed', label: 'Closed', numeric: true },
  { id: 'retention', label: 'Retention', numeric: true },
  { id: 'encryption', label: 'Encryption' },
  { id: 'consumers', label: 'Consumers', numeric: true },
  { id: 'throughput', label: 'In, last minute', numeric: true },
  { id: 'tags', label: 'Tags' },
  { id: 'actions', label: 'Actions' },
];

const modeWords: Record<string, string> = { PROVISIONED: 'Provisioned', ON_DEMAND: 'On-demand' };

export interface StreamTableProps {
  rows: StreamListRow[];
  details: ReadonlyMap<string, DetailCell>;
  /** Records and bytes per second in over the last minute (local engine); null where only CloudWatch has them. */
  throughput: ReadonlyMap<string, Throughput> | null;
  selected: string | null;
  sort: { column: SortColumn; descending: boolean };
  onSort(column: SortColumn): void;
  onSelect(name: string): void;
  onOpen(name: string): void;
  /** Opens the Tail screen on a stream (T on the selected row). */
  onTail(name: string): void;
  onVisible(names: string[]): void;
  /** performance.now() of the filter keystroke whose result this render shows (for the benchmark). */
  filterStartedAt: number | null;
}

function retention(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24} d` : `${hours} h`;
}

function rate(figures: Throughput): string {
  const perSecond = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const bytes = figures.bytesPerSecond;
  const size = bytes < 1024 ? `${perSecond(bytes)} B` : bytes < 1024 * 1024 ? `${perSecond(bytes / 1024)} KiB` : `${perSecond(bytes / 1024 / 1024)} MiB`;
  return `${perSecond(figures.recordsPerSecond)} rec/s · ${size}/s`;
}

function Cells({ row, cell, throughput, onOpen, onTail }: { row: StreamListRow; cell: DetailCell | undefined; throughput: ReadonlyMap<string, Throughput> | null; onOpen(name: string): void; onTail(name: string): void }) {
  const figures = throughput?.get(row.name);
  const d = cell?.state === 'ok' ? cell.row : null;
  const pending = <span className="cell-pending" aria-label="loading">…</span>;
  const failed = cell?.state === 'error' ? <span className="cell-failed" title={`${cell.error.code}: ${cell.error.message}`}>unavailable</span> : null;
  const value = (text: string | number | null | undefined, problem?: boolean) =>
    d ? (text === null || text === undefined ? <span className="muted" title={problem ? 'Could not be read; see the stream detail' : 'Not available on this backend'}>—</span> : text) : (failed ?? pending);
  const tags = d?.tags ? Object.entries(d.tags) : null;
  const mode = d?.mode ?? row.mode;
  return (
    <>
      <span role="gridcell" className="st-cell st-name" title={row.name}>
        <button
          type="button"
          className="st-link"
          tabIndex={-1}
          onClick={(event) => {
            event.stopPropagation();
            onOpen(row.name);
          }}
        >
          {row.name}
        </button>
      </span>
      <span role="gridcell" className="st-cell">
        <StatusPill status={d?.status ?? row.status} />
      </span>
      <span role="gridcell" className="st-cell">
        {mode ? (modeWords[mode] ?? mode) : value(null)}
      </span>
      <span role="gridcell" className="st-cell st-num">{value(d?.openShardCount)}</span>
      <span role="gridcell" className="st-cell st-num">{value(d?.closedShardCount, true)}</span>
      <span role="gridcell" className="st-cell st-num">{value(d ? retention(d.retentionHours) : null)}</span>
      <span role="gridcell" className="st-cell">{value(d ? (d.encryption.type === 'NONE' ? 'None' : d.encryption.type) : null)}</span>
      <span role="gridcell" className="st-cell st-num">{value(d?.consumerCount, true)}</span>
      <span role="gridcell" className="st-cell st-num" data-testid="stream-throughput" title={throughput ? 'Records and bytes per second put, over the last minute (local engine stats)' : 'needs CloudWatch (Metrics)'}>
        {throughput === null ? <span className="muted">—</span> : figures ? rate(figures) : <span className="cell-pending" aria-label="loading">…</span>}
      </span>
      <span role="gridcell" className="st-cell st-tags" title={tags?.map(([k, v]) => `${k}=${v}`).join(', ')}>
        {d ? (tags === null ? value(null, true) : tags.length === 0 ? <span className="muted">none</span> : tags.map(([k, v]) => (
          <span className="tag" key={k}>
            {k}
            {v ? `=${v}` : ''}
          </span>
        ))) : (failed ?? pending)}
      </span>
      <span role="gridcell" className="st-cell st-actions">
        <button
          type="button"
          className="button button-small"
          tabIndex={-1}
          aria-label={`Tail ${row.name}`}
          title="Tail this stream (T)"
          data-testid="row-tail"
          onClick={(event) => {
            event.stopPropagation();
            onTail(row.name);
          }}
        >
          Tail
        </button>
      </span>
    </>
  );
}

export function StreamTable({ rows, details, throughput, selected, sort, onSort, onSelect, onOpen, onTail, onVisible, filterStartedAt }: StreamTableProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const { start, end } = useVirtualWindow(viewport, rows.length, ROW_HEIGHT);
  const shown = rows.slice(start, end);
  const shownKey = shown.map((r) => r.name).join('\n');

  useEffect(() => {
    if (shownKey) onVisible(shownKey.split('\n'));
  }, [shownKey, onVisible]);

  // Render timings for bench/ui-streamlist.ts, as data attributes: from a page of rows reaching the store, or
  // from a filter keystroke, to this commit (layout forced, so style and layout are included) and to the next
  // frame (after paint). Each start is measured once.
  const measured = useRef({ pages: 0, filter: null as number | null });
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || rows.length === 0) return;
    void el.offsetHeight;
    const now = performance.now();
    const record = (key: string, start: number) => {
      el.dataset[`${key}Ms`] = (now - start).toFixed(2);
      el.dataset[`${key}Rows`] = String(rows.length);
      requestAnimationFrame(() => setTimeout(() => (el.dataset[`${key}FrameMs`] = (performance.now() - start).toFixed(2))));
    };
    const pages = performance.getEntriesByName('streams:page-data');
    const page = pages.at(-1);
    if (page && pages.length > measured.current.pages) {
      if (measured.current.pages === 0) record('firstRender', page.startTime);
      measured.current.pages = pages.length;
      record('pageRender', page.startTime);
    }
    if (filterStartedAt !== null && filterStartedAt !== measured.current.filter) {
      measured.current.filter = filterStartedAt;
      record('filter', filterStartedAt);
    }
  });

  const index = selected === null ? -1 : rows.findIndex((r) => r.name === selected);

  const scrollTo = (i: number) => {
    const el = viewport.current;
    if (!el) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor((viewport.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const current = rows[index];
    if (event.key === 'Enter' && current) {
      event.preventDefault();
      onOpen(current.name);
      return;
    }
    if (event.key === 't' && !event.ctrlKey && !event.metaKey && !event.altKey && current) {
      event.preventDefault();
      onTail(current.name);
      return;
    }
    const delta = moves[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    const next = Math.min(rows.length - 1, Math.max(0, index < 0 ? 0 : index + delta));
    const row = rows[next];
    if (!row) return;
    onSelect(row.name);
    scrollTo(next);
  };

  return (
    <div className="stream-table" role="grid" aria-label="Streams" aria-rowcount={rows.length + 1} data-testid="stream-table">
      <div role="row" className="st-row st-head" aria-rowindex={1}>
        {columns.map((col) => {
          const active = col.id === sort.column;
          return (
            <span
              role="columnheader"
              key={col.id}
              className={`st-cell${col.numeric ? ' st-num' : ''}`}
              aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            >
              {col.id === 'tags' ? (
                col.label
              ) : col.id === 'actions' ? (
                <span className="visually-hidden">{col.label}</span>
              ) : (
                <button type="button" className="st-sort" onClick={() => onSort(col.id as SortColumn)} title={`Sort by ${col.label.toLowerCase()}`}>
                  {col.label}
                  <span className="st-arrow" aria-hidden="true">
                    {active ? (sort.descending ? '↓' : '↑') : ''}
                  </span>
                </button>
              )}
            </span>
          );
        })}
      </div>
      <div
        className="st-viewport"
        ref={viewport}
        tabIndex={0}
        role="rowgroup"
        aria-label="Stream rows: arrows move, Enter opens"
        aria-activedescendant={index >= 0 ? `stream-row-${index}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          const first = rows[0];
          if (index < 0 && first) onSelect(first.name);
        }}
        data-testid="stream-rows"
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {shown.map((row, i) => {
            const at = start + i;
            return (
              <div
                key={row.name}
                id={`stream-row-${at}`}
                role="row"
                aria-rowindex={at + 2}
                aria-selected={row.name === selected}
                className="st-row st-body"
                style={{ transform: `translateY(${at * ROW_HEIGHT}px)` }}
                data-stream={row.name}
                onClick={() => onSelect(row.name)}
                onDoubleClick={() => onOpen(row.name)}
              >
                <Cells row={row} cell={details.get(row.name)} throughput={throughput} onOpen={onOpen} onTail={onTail} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
