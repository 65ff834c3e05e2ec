// Streaming SQL operator throughput in main: a tumbling `GROUP BY key` aggregate over 10,000 distinct keys.
// "operator" feeds rows already mapped to values (the window assignment, the group lookup, four aggregates, the
// close and the emission of every window); "end to end" pushes JSON records through the whole query run
// (decode, JSON.parse, schema mapping, WHERE, the operator, the sink). Prints JSON.
//   node --import tsx bench/analytics-operator.ts [--rows 1000000] [--keys 10000] [--rounds 5]
import { performance } from 'node:perf_hooks';
import { compileQuery } from '../main/analytics/compileQuery';
import { newContext } from '../main/analytics/expressionCompiler';
import { GroupEmitter } from '../main/analytics/groupEmitter';
import type { InputSchema } from '../main/analytics/inputSchema';
import { systemColumns } from '../main/analytics/queryPlan';
import { QueryState } from '../main/analytics/queryState';
import { startQuery, type SourceRecord } from '../main/analytics/streamingQuery';
import { DOUBLE, VARCHAR, type SqlValue } from '../main/analytics/sqlTypes';
import { WindowAggregator } from '../main/analytics/windowAggregator';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const rows = arg('rows', 1_000_000);
const keys = arg('keys', 10_000);
const rounds = arg('rounds', 5);
/** 5,000 rows per second of arrival time, so a 10-second window holds 50,000 rows over all 10,000 keys. */
const rowsPerSecond = 5_000;
const start = Date.parse('2026-01-01T00:00:00Z');

const schema: InputSchema = { format: { kind: 'json' }, columns: [{ name: 'key', path: '$.key', type: VARCHAR(16) }, { name: 'amount', path: '$.amount', type: DOUBLE }] };
const sql = `SELECT STREAM "key", COUNT(*) AS n, SUM("amount") AS total, MIN("amount") AS lo, MAX("amount") AS hi
  FROM "SOURCE_SQL_STREAM_001" GROUP BY "key", STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND)`;
const plan = compileQuery(sql, 'kda', { schema, sourceStream: 'orders' });

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function operatorOnly(valueRows: SqlValue[][]): { rowsPerSecond: number; emitted: number } {
  let emitted = 0;
  const state = new QueryState(plan.aggregates.length, Number.MAX_SAFE_INTEGER);
  const op = new WindowAggregator({ kind: 'tumble', sizeMs: 10_000 }, 0, new GroupEmitter(plan, state, () => { emitted++; }, () => 0), state);
  const ctx = newContext();
  const t0 = performance.now();
  for (let i = 0; i < valueRows.length; i++) {
    const row = valueRows[i] as SqlValue[];
    ctx.row = row;
    const t = row[0] as number;
    op.process(ctx, t);
    // The source's clock ticks every 1,000 rows (5 times a second of arrival time).
    if (i % 1000 === 999) op.advance(t);
  }
  op.flush();
  return { rowsPerSecond: (valueRows.length * 1000) / (performance.now() - t0), emitted };
}

function endToEnd(records: SourceRecord[]): { rowsPerSecond: number; emitted: number } {
  let emitted = 0;
  const run = startQuery(plan, schema, { rows: (r) => { emitted += r.length; } });
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += 500) run.pushBatch(records.slice(i, i + 500));
  run.finish();
  return { rowsPerSecond: (records.length * 1000) / (performance.now() - t0), emitted };
}

const valueRows: SqlValue[][] = [];
const records: SourceRecord[] = [];
for (let i = 0; i < rows; i++) {
  const arrivalMs = start + Math.floor((i * 1000) / rowsPerSecond);
  const key = `key-${(i * 7919) % keys}`;
  const amount = (i % 1000) / 10;
  const row: SqlValue[] = new Array<SqlValue>(systemColumns.length + 2).fill(null);
  row[0] = arrivalMs;
  row[1] = arrivalMs;
  row[systemColumns.length] = key;
  row[systemColumns.length + 1] = amount;
  valueRows.push(row);
  records.push({ data: Buffer.from(JSON.stringify({ key, amount, note: 'x' })), partitionKey: key, sequenceNumber: String(i), shardId: `shardId-00000000000${i % 4}`, arrivalMs });
}

const op: number[] = [];
const e2e: number[] = [];
let windows = { operator: 0, endToEnd: 0 };
for (let r = 0; r < rounds; r++) {
  const a = operatorOnly(valueRows);
  const b = endToEnd(records.slice(0, Math.min(records.length, 500_000)));
  op.push(a.rowsPerSecond);
  e2e.push(b.rowsPerSecond);
  windows = { operator: a.emitted, endToEnd: b.emitted };
}

console.log(
  JSON.stringify(
    {
      bench: 'analytics-operator',
      query: 'tumbling 10 s, GROUP BY key, COUNT/SUM/MIN/MAX',
      rows,
      distinctKeys: keys,
      rounds,
      operatorRowsPerSecond: Math.round(median(op)),
      endToEndRecordsPerSecond: Math.round(median(e2e)),
      rowsEmitted: windows,
      target: 200_000,
      node: process.version,
    },
    null,
    2,
  ),
);
