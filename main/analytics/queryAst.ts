// The syntax tree both dialect parsers produce. It is dialect-neutral: the binder (queryBinder.ts) turns it into
// one QueryPlan whatever the dialect was.
import type { SourceSpan } from './sqlError';
import type { SqlType, SqlValue } from './sqlTypes';

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '||' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';
export type TimeUnit = 'MILLISECOND' | 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY';

export const timeUnitMs: Record<TimeUnit, number> = { MILLISECOND: 1, SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

export type Expr =
  | { kind: 'literal'; value: SqlValue; type: SqlType; span: SourceSpan }
  | { kind: 'column'; name: string; quoted: boolean; qualifier?: string; span: SourceSpan }
  | { kind: 'star'; span: SourceSpan }
  | { kind: 'unary'; op: 'NOT' | '-'; operand: Expr; span: SourceSpan }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: SourceSpan }
  | { kind: 'call'; name: string; args: Expr[]; distinct: boolean; over?: OverRef; span: SourceSpan }
  | { kind: 'case'; operand?: Expr; whens: { when: Expr; then: Expr }[]; otherwise?: Expr; span: SourceSpan }
  | { kind: 'cast'; operand: Expr; type: SqlType; span: SourceSpan }
  | { kind: 'interval'; ms: number; span: SourceSpan }
  | { kind: 'floorTo'; fn: 'FLOOR' | 'CEIL'; operand: Expr; unit: TimeUnit; span: SourceSpan }
  | { kind: 'step'; operand: Expr; by: Expr; span: SourceSpan }
  | { kind: 'like'; operand: Expr; pattern: Expr; negated: boolean; span: SourceSpan }
  | { kind: 'isNull'; operand: Expr; negated: boolean; span: SourceSpan }
  | { kind: 'in'; operand: Expr; list: Expr[]; negated: boolean; span: SourceSpan }
  | { kind: 'between'; operand: Expr; low: Expr; high: Expr; negated: boolean; span: SourceSpan }
  // Produced by the binder only: a slot of the input row, a group key, an aggregate's value, the window bounds.
  | { kind: 'slot'; index: number; type: SqlType; span: SourceSpan }
  | { kind: 'keyRef'; index: number; type: SqlType; span: SourceSpan }
  | { kind: 'aggRef'; index: number; type: SqlType; span: SourceSpan }
  | { kind: 'windowBound'; which: 'start' | 'end' | 'time'; span: SourceSpan };

/** `OVER w` or `OVER (PARTITION BY … ORDER BY … RANGE …)`. */
export type OverRef = { name: string; span: SourceSpan } | { spec: WindowDefinition };

export interface WindowDefinition {
  partitionBy: Expr[];
  orderBy?: Expr;
  /** RANGE INTERVAL … PRECEDING: the window covers (t − rangeMs, t]. */
  rangeMs?: number;
  /** ROWS n PRECEDING: the row and the n before it in its partition. */
  rows?: number;
  span: SourceSpan;
}

export interface SelectItem {
  expr: Expr;
  alias?: string;
  span: SourceSpan;
}

export interface WindowTvf {
  kind: 'TUMBLE' | 'HOP' | 'CUMULATE';
  timeColumn: Extract<Expr, { kind: 'column' }>;
  sizeMs: number;
  /** HOP: the slide; CUMULATE: the step. */
  slideMs?: number;
  span: SourceSpan;
}

export interface ParsedSelect {
  /** `SELECT *` expands to the source's columns. */
  items: SelectItem[] | 'star';
  starSpan?: SourceSpan;
  from: { stream: string; alias?: string; span: SourceSpan };
  tvf?: WindowTvf;
  join?: { table: string; alias?: string; on: Expr; kind: 'INNER' | 'LEFT'; span: SourceSpan };
  where?: Expr;
  groupBy: Expr[];
  stagger?: { partitionBy: Expr[]; rangeMs: number; span: SourceSpan };
  having?: Expr;
  windows: Map<string, WindowDefinition>;
  /** KDA's TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM s), 'column', k, windowSeconds). */
  topK?: { column: string; k: number; windowMs: number; span: SourceSpan };
  span: SourceSpan;
}

export interface DeclaredColumn {
  name: string;
  type: SqlType;
  span: SourceSpan;
}

/** Flink's CREATE TABLE: columns, the watermark and the WITH options. */
export interface ParsedCreateTable {
  name: string;
  columns: DeclaredColumn[];
  watermark?: { column: string; delayMs: number };
  options: Record<string, string>;
  span: SourceSpan;
}

export interface ParsedQuery {
  dialect: 'flink' | 'kda';
  select: ParsedSelect;
  /** KDA: the pump's INSERT INTO "DEST" (its columns); Flink: INSERT INTO sink. */
  insertInto?: { stream: string; columns?: string[]; span: SourceSpan };
  /** KDA: CREATE OR REPLACE STREAM declarations; Flink: CREATE TABLE. */
  declaredStreams: { name: string; columns: DeclaredColumn[]; span: SourceSpan }[];
  tables: ParsedCreateTable[];
  pumpName?: string;
}
