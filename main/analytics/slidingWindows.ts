// Sliding (OVER) windows: one output row per input row, as KDA emitted them. Each window definition keeps, per
// partition, a deque of the rows in (t − range, t] (or the last n + 1 rows) with removable accumulators, so a row
// costs O(1) amortised. Rows in arrival-time queries are processed as they come, their time clamped to be
// non-decreasing as KDA's ROWTIME was; in event time rows wait for the watermark and are processed in time order.
import { compileExpr, type Compiled, type EvalContext } from './expressionCompiler';
import { newSlidingAccumulator, type SlidingAccumulator } from './aggregates';
import type { Emit } from './groupEmitter';
import { newCtx } from './groupEmitter';
import type { QueryPlan, SlidingWindowDef } from './queryPlan';
import type { QueryState } from './queryState';
import type { SqlValue } from './sqlTypes';
import type { WindowOperator } from './windowAggregator';

interface Partition {
  times: number[];
  /** Per aggregate of this window: the argument values, aligned with `times`. */
  values: SqlValue[][];
  accs: SlidingAccumulator[];
  head: number;
}

interface Definition {
  def: SlidingWindowDef;
  keyFns: Compiled[];
  /** Indexes into plan.aggregates of the aggregates over this window. */
  aggregates: number[];
  argFns: (Compiled | null)[];
  partitions: Map<string, Partition>;
}

export class SlidingWindows implements WindowOperator {
  private readonly defs: Definition[];
  private readonly outFns: Compiled[];
  private lastTime = -Infinity;
  private watermark = -Infinity;
  private lastSweep = -Infinity;
  private readonly pending: { t: number; row: SqlValue[] }[] = [];
  private readonly ctx = newCtx();
  private readonly sweepEveryMs: number;

  constructor(private readonly plan: QueryPlan, private readonly state: QueryState, private readonly emit: Emit, private readonly now: () => number) {
    const windows = plan.window.kind === 'sliding' ? plan.window.windows : [];
    this.defs = windows.map((def, w) => {
      const aggregates = plan.aggregates.flatMap((a, i) => (a.window === w ? [i] : []));
      return { def, keyFns: def.partitionBy.map(compileExpr), aggregates, argFns: aggregates.map((i) => { const a = plan.aggregates[i]!; return a.arg ? compileExpr(a.arg) : null; }), partitions: new Map() };
    });
    this.outFns = plan.output.map((o) => compileExpr(o.expr));
    this.sweepEveryMs = Math.max(1000, ...windows.map((w) => w.rangeMs ?? 0));
  }

  process(ctx: EvalContext, t: number): boolean {
    if (!this.plan.time.eventTime) {
      if (t < this.lastTime) t = this.lastTime;
      this.lastTime = t;
      this.apply(ctx.row, t);
      return true;
    }
    if (t < this.watermark) return false;
    this.pending.push({ t, row: ctx.row.slice() });
    this.state.slidingRows++;
    return true;
  }

  advance(watermark: number): void {
    if (watermark > this.watermark) this.watermark = watermark;
    if (this.pending.length > 0) this.drain((p) => p.t <= this.watermark);
    if (this.watermark - this.lastSweep >= this.sweepEveryMs) this.sweep();
  }

  flush(): void {
    this.drain(() => true);
  }

  private drain(ready: (p: { t: number }) => boolean): void {
    this.pending.sort((a, b) => a.t - b.t);
    let n = 0;
    while (n < this.pending.length && ready(this.pending[n]!)) n++;
    const batch = this.pending.splice(0, n);
    this.state.slidingRows -= batch.length;
    for (const p of batch) this.apply(p.row, p.t);
  }

  private apply(row: SqlValue[], t: number): void {
    const c = this.ctx;
    c.row = row;
    c.now = this.now();
    c.windowEnd = t;
    for (const d of this.defs) {
      const key = partitionKey(d.keyFns, c);
      let p = d.partitions.get(key);
      if (!p) {
        p = { times: [], values: d.aggregates.map(() => []), accs: d.aggregates.map((i) => newSlidingAccumulator(this.plan.aggregates[i]!, this.state)), head: 0 };
        d.partitions.set(key, p);
      }
      p.times.push(t);
      this.state.slidingRows++;
      for (let j = 0; j < d.aggregates.length; j++) {
        const f = d.argFns[j];
        const v = f ? f(c) : null;
        p.values[j]!.push(v);
        p.accs[j]!.add(v);
      }
      this.evict(d.def, p, t);
      for (let j = 0; j < d.aggregates.length; j++) c.aggs[d.aggregates[j]!] = p.accs[j]!.result();
    }
    this.emit(t, this.outFns.map((f) => f(c)));
  }

  private evict(def: SlidingWindowDef, p: Partition, t: number): void {
    const range = def.rangeMs;
    const rows = def.rows;
    while (p.head < p.times.length) {
      const live = p.times.length - p.head;
      const expired = (range !== undefined && (p.times[p.head] as number) <= t - range) || (rows !== undefined && live > rows + 1);
      if (!expired) break;
      for (let j = 0; j < p.accs.length; j++) p.accs[j]!.remove(p.values[j]![p.head] as SqlValue);
      p.head++;
      this.state.slidingRows--;
    }
    if (p.head > 256 && p.head * 2 > p.times.length) {
      p.times.splice(0, p.head);
      for (const v of p.values) v.splice(0, p.head);
      p.head = 0;
    }
  }

  /** Drops partitions whose rows have all left their time range, so quiet keys do not hold memory forever. */
  private sweep(): void {
    this.lastSweep = this.watermark;
    for (const d of this.defs) {
      const range = d.def.rangeMs;
      if (range === undefined) continue;
      for (const [key, p] of d.partitions) {
        const newest = p.times[p.times.length - 1] as number;
        if (newest <= this.watermark - range) {
          this.state.slidingRows -= p.times.length - p.head;
          for (let j = 0; j < p.accs.length; j++) for (let i = p.head; i < p.times.length; i++) p.accs[j]!.remove(p.values[j]![i] as SqlValue);
          d.partitions.delete(key);
        }
      }
    }
  }
}

function partitionKey(fns: Compiled[], c: EvalContext): string {
  let k = '';
  for (const f of fns) {
    const v = f(c);
    k += (v === null ? '\u0000' : String(v)) + '\u0001';
  }
  return k;
}

/** No window: each row that passes WHERE becomes one output row at once, with its own time as ROWTIME. */
export class RowProjection implements WindowOperator {
  private readonly outFns: Compiled[];
  constructor(plan: QueryPlan, private readonly emit: Emit, private readonly now: () => number) {
    this.outFns = plan.output.map((o) => compileExpr(o.expr));
  }
  process(ctx: EvalContext, t: number): boolean {
    ctx.now = this.now();
    this.emit(t, this.outFns.map((f) => f(ctx)));
    return true;
  }
  advance(): void {}
  flush(): void {}
}
