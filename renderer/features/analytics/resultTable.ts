// The query's result rows as the screen holds them, outside React: one row per window and group, replaced in
// place when the same window and group is emitted again (cumulating steps), the oldest dropped past a cap so a
// long run stays bounded. The screen re-renders on `version`, bumped at most once per animation frame.
import type { PlanColumn, ResultRow, SqlValue } from '../../../shared/contract/analytics';
import { createStore, type Store } from '../../state/store';

export type { ResultRow };
export type ResultValue = SqlValue;
/** A result column; TIMESTAMP values are epoch milliseconds. */
export type ResultColumn = PlanColumn;

export const RESULT_ROW_CAP = 20_000;

export const isTimestamp = (c: ResultColumn) => c.type.base === 'TIMESTAMP';
export const isNumeric = (c: ResultColumn) => c.type.base === 'INTEGER' || c.type.base === 'BIGINT' || c.type.base === 'DOUBLE';

/** A type as SQL writes it: VARCHAR(64), INTEGER… */
export const typeText = (c: ResultColumn) => (c.type.length !== undefined ? `${c.type.base}(${c.type.length})` : c.type.base);

/** Which columns say what a row is about (its window and group) and which hold the measures. */
export interface ResultShape {
  /** Columns naming the group (strings, booleans): with the row time they key the row. */
  groups: number[];
  /** Numeric columns: the values charts draw. */
  measures: number[];
  /** Timestamp columns (window bounds): part of the key, never drawn. */
  times: number[];
}

export function resultShape(columns: readonly ResultColumn[]): ResultShape {
  const shape: ResultShape = { groups: [], measures: [], times: [] };
  columns.forEach((c, i) => (isTimestamp(c) ? shape.times : isNumeric(c) ? shape.measures : shape.groups).push(i));
  return shape;
}

export function rowKey(row: ResultRow, shape: ResultShape): string {
  const parts: ResultValue[] = [row.rowtime];
  for (const i of shape.times) parts.push(row.values[i] ?? null);
  for (const i of shape.groups) parts.push(row.values[i] ?? null);
  return JSON.stringify(parts);
}

export function groupLabel(row: ResultRow, shape: ResultShape): string {
  return shape.groups.length === 0 ? 'all' : shape.groups.map((i) => String(row.values[i] ?? 'NULL')).join(' · ');
}

export class ResultTable {
  columns: ResultColumn[] = [];
  shape: ResultShape = { groups: [], measures: [], times: [] };
  /** Rows in the order their window and group first appeared. */
  rows: ResultRow[] = [];
  /** Rows received, replacements included. */
  received = 0;
  /** Rows dropped from the front past the cap. */
  dropped = 0;
  readonly version: Store<number> = createStore(0);
  private index = new Map<string, number>();
  private keys: string[] = [];
  private scheduled = false;
  /** The rows as they were when the view was paused; null while live. */
  private frozen: ResultRow[] | null = null;
  /** Called with each row's key once it is on screen (the bench probe). */
  onPainted: ((rows: ResultRow[]) => void) | null = null;
  private unpainted: ResultRow[] = [];

  constructor(private readonly cap = RESULT_ROW_CAP) {}

  reset(columns: ResultColumn[]): void {
    this.columns = columns;
    this.shape = resultShape(columns);
    this.rows = [];
    this.keys = [];
    this.index.clear();
    this.received = 0;
    this.dropped = 0;
    this.unpainted = [];
    this.frozen = null;
    this.bump();
  }

  add(batch: readonly ResultRow[]): void {
    for (const row of batch) {
      this.received++;
      const key = rowKey(row, this.shape);
      const at = this.index.get(key);
      if (at !== undefined) this.rows[at] = row;
      else {
        this.index.set(key, this.rows.length);
        this.rows.push(row);
        this.keys.push(key);
      }
    }
    if (this.onPainted) this.unpainted.push(...batch);
    if (this.rows.length > this.cap) this.trim();
    this.bump();
  }

  /** The rows the screen shows: live, or as they were when the view was paused. */
  get shown(): readonly ResultRow[] {
    return this.frozen ?? this.rows;
  }

  get paused(): boolean {
    return this.frozen !== null;
  }

  /** Pausing freezes what is shown; rows are still taken in, so resuming shows everything that came meanwhile. */
  pause(paused: boolean): void {
    this.frozen = paused ? this.rows.slice() : null;
    this.version.set((v) => v + 1);
  }

  private trim(): void {
    const excess = this.rows.length - this.cap;
    this.rows = this.rows.slice(excess);
    this.keys = this.keys.slice(excess);
    this.dropped += excess;
    this.index = new Map(this.keys.map((k, i) => [k, i]));
  }

  private bump(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.version.set((v) => v + 1);
      if (this.unpainted.length > 0) {
        const painted = this.unpainted;
        this.unpainted = [];
        // After the commit that this frame's render makes: the next frame has painted it.
        requestAnimationFrame(() => this.onPainted?.(painted));
      }
    });
  }
}
