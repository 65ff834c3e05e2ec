// The one typed plan both dialects compile to. Expressions in it are bound: column references are slots of the
// input row (system columns, then the schema's columns, then the reference table's), and in grouped queries
// group keys, aggregates and window bounds are references into the group's state.
import type { Expr } from './queryAst';
import type { PlanColumn } from '../../shared/contract/analytics';
import type { SqlType, SqlValue } from './sqlTypes';

export type AggregateFn = 'COUNT' | 'SUM' | 'AVG' | 'MIN' | 'MAX' | 'COUNT_DISTINCT' | 'APPROX_COUNT_DISTINCT';

export interface AggregateCall {
  fn: AggregateFn;
  /** Absent for COUNT(*). */
  arg?: Expr;
  type: SqlType;
  /** Sliding queries: the index of the window definition in `window.windows` this aggregate runs over. */
  window?: number;
}

export interface SlidingWindowDef {
  partitionBy: Expr[];
  rangeMs?: number;
  rows?: number;
}

export type WindowSpec =
  /** No aggregation: each input row maps to at most one output row (filter and projection). */
  | { kind: 'none' }
  | { kind: 'tumble'; sizeMs: number }
  | { kind: 'hop'; sizeMs: number; slideMs: number }
  | { kind: 'cumulate'; stepMs: number; maxSizeMs: number }
  /** KDA WINDOWED BY STAGGER: a window per group key, opened by its first row, closed rangeMs later. */
  | { kind: 'stagger'; rangeMs: number }
  /** OVER windows: one output row per input row, aggregates over the row's partition. */
  | { kind: 'sliding'; windows: SlidingWindowDef[] };

export type { PlanColumn } from '../../shared/contract/analytics';

export interface ReferenceTable {
  name: string;
  columns: PlanColumn[];
  rows: SqlValue[][];
}

export interface QueryPlan {
  dialect: 'flink' | 'kda';
  /** The stream the query reads (KDA: SOURCE_SQL_STREAM_001; Flink: the stream's name). */
  source: string;
  /** KDA: the pump's destination stream; Flink: INSERT INTO's table. */
  sink?: { name: string; columns?: string[] };
  /** The layout of an input row after the join: the names and types of its slots. */
  inputColumns: PlanColumn[];
  time: {
    /** ROWTIME / APPROXIMATE_ARRIVAL_TIME (the record's arrival) or an event-time column of the schema. */
    column: string;
    slot: number;
    eventTime: boolean;
    watermarkDelayMs: number;
  };
  /** How long after a window's end (in event time) its row still waits for late records. */
  allowedLatenessMs: number;
  filter?: Expr;
  join?: { table: ReferenceTable; on: Expr; kind: 'INNER' | 'LEFT'; firstSlot: number };
  window: WindowSpec;
  groupKeys: Expr[];
  aggregates: AggregateCall[];
  having?: Expr;
  /** KDA TOP_K_ITEMS_TUMBLING: keep the k groups with the highest value of aggregate `aggregate` per window. */
  topK?: { k: number; aggregate: number };
  output: { name: string; type: SqlType; expr: Expr }[];
}

/** The columns every source row has, before the schema's columns. */
export const systemColumns: PlanColumn[] = [
  { name: 'ROWTIME', type: { base: 'TIMESTAMP' } },
  { name: 'APPROXIMATE_ARRIVAL_TIME', type: { base: 'TIMESTAMP' } },
  { name: 'PARTITION_KEY', type: { base: 'VARCHAR', length: 256 } },
  { name: 'SEQUENCE_NUMBER', type: { base: 'VARCHAR', length: 128 } },
  { name: 'SHARD_ID', type: { base: 'VARCHAR', length: 128 } },
];

export const SLOT_ROWTIME = 0;
export const SLOT_ARRIVAL = 1;
export const SLOT_PARTITION_KEY = 2;
export const SLOT_SEQUENCE_NUMBER = 3;
export const SLOT_SHARD_ID = 4;
