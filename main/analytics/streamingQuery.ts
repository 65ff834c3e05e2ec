// Runs a QueryPlan over pushed source records: maps each record through the input schema, joins the reference
// table, filters, hands the row to the window operator, moves the watermark and delivers result rows to the sink.
// Records that do not map go to the sink's error stream with their reason; late records are counted and reported.
// Pure and synchronous: the caller owns the source (shard readers, the clock) and the sink (RPC, a stream).
import { compileExpr, newContext, type Compiled, type EvalContext } from './expressionCompiler';
import { compileRecordMapper, RecordRejected, type InputSchema } from './inputSchema';
import { GroupEmitter } from './groupEmitter';
import { QueryState, QueryStateError } from './queryState';
import { RowProjection, SlidingWindows } from './slidingWindows';
import { StaggerAggregator } from './staggerAggregator';
import { Watermarks } from './watermarks';
import { WindowAggregator, type WindowOperator } from './windowAggregator';
import { SLOT_ARRIVAL, SLOT_PARTITION_KEY, SLOT_ROWTIME, SLOT_SEQUENCE_NUMBER, SLOT_SHARD_ID, systemColumns, type PlanColumn, type QueryPlan } from './queryPlan';
import type { LateRecord, QueryStats, RecordError, ResultRow } from '../../shared/contract/analytics';
import type { SqlValue } from './sqlTypes';

export interface SourceRecord {
  /** The record's payload. */
  data: Uint8Array | string;
  partitionKey: string;
  sequenceNumber: string;
  shardId: string;
  /** The record's approximate arrival timestamp (epoch ms): ROWTIME and APPROXIMATE_ARRIVAL_TIME. */
  arrivalMs: number;
}

export type { LateRecord, QueryStats, RecordError, ResultRow } from '../../shared/contract/analytics';

export interface QuerySink {
  rows(rows: ResultRow[]): void;
  recordError?(error: RecordError): void;
  lateRecord?(late: LateRecord): void;
  /** The query stopped by itself (its state passed the cap); no more rows will come. */
  stopped?(reason: string): void;
}

export interface QueryRunOptions {
  /** The cap on the query's estimated state (open windows, groups, distinct values, sliding rows). Default 256 MiB. */
  maxStateBytes?: number;
  /** Event time: a shard that delivered nothing for this long (arrival time) stops holding the watermark. Default 10 s. */
  idleTimeoutMs?: number;
  /** CURRENT_TIMESTAMP's clock. Default Date.now. */
  now?: () => number;
  /** How many recent record errors stats() keeps. Default 20. */
  recentErrors?: number;
}

export const DEFAULT_MAX_STATE_BYTES = 256 * 1_048_576;

export class QueryRun {
  /** The result's columns, in order. */
  readonly columns: PlanColumn[];
  private readonly schemaOffset = systemColumns.length;
  private readonly mapRecord: ReturnType<typeof compileRecordMapper>;
  private readonly ctx: EvalContext = newContext();
  private readonly filter: Compiled | null;
  private readonly operator: WindowOperator;
  private readonly watermarks: Watermarks;
  private readonly state: QueryState;
  private readonly now: () => number;
  private readonly join: { index: Map<SqlValue, SqlValue[][]> | null; streamKey: Compiled | null; on: Compiled; rows: SqlValue[][]; firstSlot: number; width: number; left: boolean } | null;
  private pending: ResultRow[] = [];
  private readonly counters = { recordsIn: 0, rowsOut: 0, filteredOut: 0, parseErrors: 0, lateRecords: 0 };
  private readonly recent: RecordError[] = [];
  private stoppedReason: string | null = null;
  private sawInput = false;

  constructor(readonly plan: QueryPlan, schema: InputSchema, private readonly sink: QuerySink, private readonly options: QueryRunOptions = {}) {
    this.columns = plan.output.map((o) => ({ name: o.name, type: o.type }));
    this.mapRecord = compileRecordMapper(schema);
    this.now = options.now ?? Date.now;
    this.state = new QueryState(plan.aggregates.length, options.maxStateBytes ?? DEFAULT_MAX_STATE_BYTES);
    this.filter = plan.filter ? compileExpr(plan.filter) : null;
    this.watermarks = new Watermarks({ eventTime: plan.time.eventTime, delayMs: plan.time.watermarkDelayMs, idleTimeoutMs: options.idleTimeoutMs ?? 10_000 });
    const emit = (rowtime: number, values: SqlValue[]): void => {
      this.pending.push({ rowtime, values });
    };
    const w = plan.window;
    if (w.kind === 'tumble' || w.kind === 'hop' || w.kind === 'cumulate') this.operator = new WindowAggregator(w, plan.allowedLatenessMs, new GroupEmitter(plan, this.state, emit, this.now), this.state);
    else if (w.kind === 'stagger') this.operator = new StaggerAggregator(w.rangeMs, plan.allowedLatenessMs, new GroupEmitter(plan, this.state, emit, this.now), this.state);
    else if (w.kind === 'sliding') this.operator = new SlidingWindows(plan, this.state, emit, this.now);
    else this.operator = new RowProjection(plan, emit, this.now);
    this.join = plan.join ? buildJoin(plan.join) : null;
    this.ctx.row = new Array<SqlValue>(plan.inputColumns.length).fill(null);
  }

  /** Pushes one record and delivers whatever it completes. */
  push(record: SourceRecord): void {
    this.pushBatch([record]);
  }

  /** Pushes records (any shard order) and delivers the rows they complete in one sink call. */
  pushBatch(records: readonly SourceRecord[]): void {
    if (this.stoppedReason) return;
    for (const r of records) this.ingest(r);
    this.settle();
  }

  /** The source has read every shard up to this arrival time: windows before it may close even if shards are quiet. */
  advanceTo(arrivalMs: number): void {
    if (this.stoppedReason) return;
    this.watermarks.advanceClock(arrivalMs);
    this.settle();
  }

  /** Shards the source will read (all open shards at start, children after a reshard): each holds the watermark until it delivers. */
  expectShards(shardIds: readonly string[]): void {
    for (const id of shardIds) this.watermarks.expectShard(id);
  }

  /** A shard will deliver nothing more (a parent closed by a reshard and read to its end). */
  endShard(shardId: string): void {
    if (this.stoppedReason) return;
    this.watermarks.endShard(shardId);
    this.settle();
  }

  /** End of input: emits every open window. */
  finish(): void {
    if (this.stoppedReason) return;
    this.operator.flush();
    this.deliver();
  }

  stats(): QueryStats {
    return {
      ...this.counters,
      watermark: this.sawInput && Number.isFinite(this.watermarks.current) ? this.watermarks.current : null,
      state: this.state.snapshot(),
      maxStateBytes: this.state.maxBytes,
      recentErrors: [...this.recent],
      stopped: this.stoppedReason,
    };
  }

  private ingest(r: SourceRecord): void {
    this.counters.recordsIn++;
    const row = this.ctx.row;
    row[SLOT_ROWTIME] = r.arrivalMs;
    row[SLOT_ARRIVAL] = r.arrivalMs;
    row[SLOT_PARTITION_KEY] = r.partitionKey;
    row[SLOT_SEQUENCE_NUMBER] = r.sequenceNumber;
    row[SLOT_SHARD_ID] = r.shardId;
    try {
      this.mapRecord(r.data, row, this.schemaOffset);
    } catch (e) {
      if (!(e instanceof RecordRejected)) throw e;
      this.reject(r, e.message);
      return;
    }
    const t = row[this.plan.time.slot];
    if (typeof t !== 'number') {
      this.reject(r, `the time column ${this.plan.time.column} is NULL`);
      return;
    }
    this.sawInput = true;
    this.watermarks.observe(r.shardId, t, r.arrivalMs);
    if (this.join) this.joinAndProcess(r, t);
    else this.process(r, t);
  }

  private process(r: SourceRecord, t: number): void {
    const ctx = this.ctx;
    if (this.filter && this.filter(ctx) !== true) {
      this.counters.filteredOut++;
      return;
    }
    if (!this.operator.process(ctx, t)) {
      this.counters.lateRecords++;
      this.sink.lateRecord?.({ shardId: r.shardId, sequenceNumber: r.sequenceNumber, time: t, watermark: this.watermarks.current });
    }
  }

  private joinAndProcess(r: SourceRecord, t: number): void {
    const j = this.join!;
    const row = this.ctx.row;
    let candidates = j.rows;
    if (j.index && j.streamKey) {
      const k = j.streamKey(this.ctx);
      candidates = (k === null ? undefined : j.index.get(k)) ?? [];
    }
    let matched = false;
    for (const tableRow of candidates) {
      for (let i = 0; i < j.width; i++) row[j.firstSlot + i] = tableRow[i] as SqlValue;
      if (j.on(this.ctx) !== true) continue;
      matched = true;
      this.process(r, t);
    }
    if (!matched) {
      if (!j.left) {
        this.counters.filteredOut++;
        return;
      }
      for (let i = 0; i < j.width; i++) row[j.firstSlot + i] = null;
      this.process(r, t);
    }
  }

  private reject(r: SourceRecord, reason: string): void {
    this.counters.parseErrors++;
    const error: RecordError = { reason, shardId: r.shardId, sequenceNumber: r.sequenceNumber, arrivalMs: r.arrivalMs };
    this.recent.push(error);
    if (this.recent.length > (this.options.recentErrors ?? 20)) this.recent.shift();
    this.sink.recordError?.(error);
  }

  private settle(): void {
    this.operator.advance(this.watermarks.update());
    try {
      this.state.check();
    } catch (e) {
      if (!(e instanceof QueryStateError)) throw e;
      this.deliver();
      this.stoppedReason = e.message;
      this.sink.stopped?.(e.message);
      return;
    }
    this.deliver();
  }

  private deliver(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.counters.rowsOut += rows.length;
    this.sink.rows(rows);
  }
}

/** An equality between a stream slot and a table slot in ON (possibly among ANDed conditions) becomes a hash index. */
function buildJoin(join: NonNullable<QueryPlan['join']>): NonNullable<QueryRun['join']> {
  const { firstSlot, table } = join;
  const conjuncts: typeof join.on[] = [];
  const split = (e: typeof join.on): void => {
    if (e.kind === 'binary' && e.op === 'AND') {
      split(e.left);
      split(e.right);
    } else conjuncts.push(e);
  };
  split(join.on);
  let index: Map<SqlValue, SqlValue[][]> | null = null;
  let streamKey: Compiled | null = null;
  for (const c of conjuncts) {
    if (c.kind !== 'binary' || c.op !== '=' || c.left.kind !== 'slot' || c.right.kind !== 'slot') continue;
    const [s, t] = c.left.index < firstSlot ? [c.left, c.right] : [c.right, c.left];
    if (s.index >= firstSlot || t.index < firstSlot) continue;
    index = new Map();
    for (const row of table.rows) {
      const k = row[t.index - firstSlot] ?? null;
      if (k === null) continue;
      const list = index.get(k);
      if (list) list.push(row);
      else index.set(k, [row]);
    }
    streamKey = compileExpr(s);
    break;
  }
  return { index, streamKey, on: compileExpr(join.on), rows: table.rows, firstSlot, width: table.columns.length, left: join.kind === 'LEFT' };
}

/** Starts a query: rows go to `sink` as windows close. */
export function startQuery(plan: QueryPlan, schema: InputSchema, sink: QuerySink, options?: QueryRunOptions): QueryRun {
  return new QueryRun(plan, schema, sink, options);
}
