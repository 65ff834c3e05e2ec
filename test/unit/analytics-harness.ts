// Helpers for the analytics tests: fixed clocks, records from plain objects, and a sink that collects rows.
import { compileQuery, type SqlDialect } from '../../main/analytics/compileQuery';
import type { InputSchema } from '../../main/analytics/inputSchema';
import { startQuery, type LateRecord, type QueryRun, type QueryRunOptions, type RecordError, type ResultRow, type SourceRecord } from '../../main/analytics/streamingQuery';
import type { BindOptions } from '../../main/analytics/queryBinder';
import { DOUBLE, TIMESTAMP, VARCHAR, formatTimestamp, type SqlValue } from '../../main/analytics/sqlTypes';

/** 2026-01-01 at the given UTC time of day ("11:00:20" or "11:00:20.500"). */
export function at(time: string): number {
  return Date.parse(`2026-01-01T${time}Z`);
}

/** "11:00:20" back from epoch ms (the day is always 2026-01-01 in these tests). */
export function hms(ms: number): string {
  return formatTimestamp(ms).slice(11).replace(/\.000$/, '');
}

let sequence = 0;

export function record(doc: Record<string, unknown>, arrival: string, shardId = 'shardId-000000000000', partitionKey = 'pk'): SourceRecord {
  sequence++;
  return { data: JSON.stringify(doc), partitionKey, sequenceNumber: String(49_000_000 + sequence), shardId, arrivalMs: at(arrival) };
}

export interface Collected {
  rows: ResultRow[];
  errors: RecordError[];
  late: LateRecord[];
  stopped: string[];
  run: QueryRun;
}

export function runSql(sql: string, dialect: SqlDialect, schema: InputSchema, bind: Partial<BindOptions> = {}, options: QueryRunOptions = {}): Collected {
  const plan = compileQuery(sql, dialect, { schema, sourceStream: 'orders', ...bind });
  const out: Omit<Collected, 'run'> = { rows: [], errors: [], late: [], stopped: [] };
  const run = startQuery(plan, schema, {
    rows: (rows) => out.rows.push(...rows),
    recordError: (e) => out.errors.push(e),
    lateRecord: (l) => out.late.push(l),
    stopped: (reason) => out.stopped.push(reason),
  }, { now: () => at('12:00:00'), ...options });
  return Object.assign(out, { run });
}

/** Rows as `[rowtime, ...values]`, timestamps shown as time of day, so expectations read like the docs' tables. */
export function table(c: Collected): SqlValue[][] {
  const types = c.run.columns.map((col) => col.type.base);
  return c.rows.map((r) => [hms(r.rowtime), ...r.values.map((v, i) => (types[i] === 'TIMESTAMP' && typeof v === 'number' ? hms(v) : v))]);
}

/** The KDA guide's demo stock stream (upper-case columns), read from lower-case JSON fields. */
export const tickers: InputSchema = {
  format: { kind: 'json' },
  columns: [
    { name: 'TICKER_SYMBOL', path: '$.ticker', type: VARCHAR(4) },
    { name: 'SECTOR', path: '$.sector', type: VARCHAR(16) },
    { name: 'CHANGE', path: '$.change', type: DOUBLE },
    { name: 'PRICE', path: '$.price', type: DOUBLE },
    { name: 'EVENT_TIME', path: '$.event_time', type: TIMESTAMP },
  ],
};

/** Flink's documented Bid table, with an event-time column. */
export const bids: InputSchema = {
  format: { kind: 'json' },
  columns: [
    { name: 'bidtime', path: '$.bidtime', type: TIMESTAMP },
    { name: 'price', path: '$.price', type: DOUBLE },
    { name: 'item', path: '$.item', type: VARCHAR(8) },
    { name: 'supplier_id', path: '$.supplier', type: VARCHAR(16) },
  ],
};
