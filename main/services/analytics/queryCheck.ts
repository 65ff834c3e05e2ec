// Checking a query for the editor and compiling it for a run or an export: the reference table parsed, the
// dialect's source name bound, the error kept as data with its position. Also the names the editor completes.
import type { CheckParams, CheckResult, CompletionVocabulary, ReferenceTableInput, SqlDialect } from '../../../shared/contract/analytics';
import type { InputSchema } from '../../analytics/inputSchema';
import { checkQuery, type QueryCheck } from '../../analytics/compileQuery';
import { KDA_SOURCE_STREAM } from '../../analytics/queryBinder';
import { systemColumns, type QueryPlan, type ReferenceTable } from '../../analytics/queryPlan';
import { aggregateFunctions, scalarFunctions } from '../../analytics/sqlFunctions';
import { formatSqlType } from '../../analytics/sqlTypes';
import { parseReferenceTable } from './referenceTable';

export interface QueryInput {
  sql: string;
  dialect: SqlDialect;
  schema: InputSchema;
  referenceTable?: ReferenceTableInput | undefined;
  watermarkDelayMs?: number | undefined;
  allowedLatenessMs?: number | undefined;
}

/** The name the query reads its source by: KDA always says SOURCE_SQL_STREAM_001, Flink the stream's name. */
export function sourceNameIn(dialect: SqlDialect, sourceName: string): string {
  return dialect === 'kda' ? KDA_SOURCE_STREAM : sourceName;
}

export function compileInput(input: QueryInput, sourceName: string, table: ReferenceTable | null = input.referenceTable ? parseReferenceTable(input.referenceTable) : null): QueryCheck {
  return checkQuery(input.sql, input.dialect, {
    schema: input.schema,
    sourceStream: sourceNameIn(input.dialect, sourceName),
    ...(table ? { referenceTables: [table] } : {}),
    ...(input.watermarkDelayMs !== undefined ? { watermarkDelayMs: input.watermarkDelayMs } : {}),
    ...(input.allowedLatenessMs !== undefined ? { allowedLatenessMs: input.allowedLatenessMs } : {}),
  });
}

const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** A short description of a plan's window, for the screen. */
export function windowSummary(plan: QueryPlan): string {
  const w = plan.window;
  const on = `on ${plan.time.column}`;
  switch (w.kind) {
    case 'none':
      return 'no window (row by row)';
    case 'tumble':
      return `tumbling window of ${seconds(w.sizeMs)} ${on}`;
    case 'hop':
      return `hopping window of ${seconds(w.sizeMs)} every ${seconds(w.slideMs)} ${on}`;
    case 'cumulate':
      return `cumulating window up to ${seconds(w.maxSizeMs)} in steps of ${seconds(w.stepMs)} ${on}`;
    case 'stagger':
      return `stagger window of ${seconds(w.rangeMs)} per key ${on}`;
    case 'sliding':
      return `sliding window${w.windows.length > 1 ? 's' : ''} ${on} (a row per input row)`;
  }
}

const sharedKeywords = [
  'SELECT', 'FROM', 'WHERE', 'GROUP BY', 'HAVING', 'AS', 'AND', 'OR', 'NOT', 'NULL', 'IS', 'IN', 'LIKE', 'BETWEEN',
  'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST', 'DISTINCT', 'JOIN', 'LEFT JOIN', 'ON', 'INTERVAL', 'TIMESTAMP',
  'SECOND', 'MINUTE', 'HOUR', 'DAY', 'MILLISECOND', 'TRUE', 'FALSE', 'WINDOW', 'OVER', 'PARTITION BY', 'ORDER BY', 'RANGE', 'ROWS', 'PRECEDING',
  'VARCHAR', 'INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN',
];
const dialectKeywords: Record<SqlDialect, string[]> = {
  flink: ['TABLE', 'DESCRIPTOR', 'TUMBLE', 'HOP', 'CUMULATE', 'window_start', 'window_end', 'window_time', 'CREATE TABLE', 'WATERMARK FOR', 'WITH', 'INSERT INTO', 'CURRENT ROW', 'PROCTIME'],
  kda: ['SELECT STREAM', 'CREATE OR REPLACE STREAM', 'CREATE OR REPLACE PUMP', 'INSERT INTO', 'STEP', 'BY', 'WINDOWED BY STAGGER', 'TOP_K_ITEMS_TUMBLING', 'CURSOR'],
};

export function vocabulary(dialect: SqlDialect, sourceName: string, schema: InputSchema, table: ReferenceTable | null): CompletionVocabulary {
  return {
    sources: [sourceNameIn(dialect, sourceName), ...(table ? [table.name] : [])],
    columns: [
      ...systemColumns.map((c) => ({ name: c.name, type: formatSqlType(c.type), origin: 'system' as const })),
      ...schema.columns.map((c) => ({ name: c.name, type: formatSqlType(c.type), origin: 'schema' as const })),
      ...(table?.columns ?? []).map((c) => ({ name: c.name, type: formatSqlType(c.type), origin: 'reference' as const })),
    ],
    functions: [...aggregateFunctions, ...scalarFunctions, 'CAST', ...(dialect === 'kda' ? ['STEP', 'TOP_K_ITEMS_TUMBLING'] : ['TUMBLE', 'HOP', 'CUMULATE', 'DESCRIPTOR'])],
    keywords: [...sharedKeywords, ...dialectKeywords[dialect]],
  };
}

export function checkForEditor(params: CheckParams): CheckResult {
  const table = params.referenceTable ? parseReferenceTable(params.referenceTable) : null;
  const words = vocabulary(params.dialect, params.sourceName, params.schema, table);
  const checked = compileInput(params, params.sourceName, table);
  if (!checked.ok) return { ok: false, error: checked.error, vocabulary: words };
  const plan = checked.plan;
  return { ok: true, columns: plan.output.map((o) => ({ name: o.name, type: o.type })), window: windowSummary(plan), sink: plan.sink?.name ?? null, vocabulary: words };
}
