// What grouped operators share: the group key of a row, a new group's accumulators, and turning the groups of a
// closed window into output rows (aggregate results, HAVING, the select list, TOP_K's cut).
import { compileExpr, type Compiled, type EvalContext } from './expressionCompiler';
import { newAccumulator, releaseAccumulator, type Accumulator } from './aggregates';
import type { QueryPlan } from './queryPlan';
import type { QueryState } from './queryState';
import type { SqlValue } from './sqlTypes';

export interface Group {
  keys: SqlValue[];
  accs: Accumulator[];
}

export type Emit = (rowtime: number, values: SqlValue[]) => void;

const NULL_KEY = '\u0000';

export class GroupEmitter {
  private readonly keyFns: Compiled[];
  private readonly argFns: (Compiled | null)[];
  private readonly outFns: Compiled[];
  private readonly having: Compiled | null;
  private readonly out = newCtx();

  constructor(private readonly plan: QueryPlan, private readonly state: QueryState, private readonly emit: Emit, private readonly now: () => number) {
    this.keyFns = plan.groupKeys.map(compileExpr);
    this.argFns = plan.aggregates.map((a) => (a.arg ? compileExpr(a.arg) : null));
    this.outFns = plan.output.map((o) => compileExpr(o.expr));
    this.having = plan.having ? compileExpr(plan.having) : null;
  }

  /** A string that identifies the row's group (one key: its text; several: joined with a separator). */
  keyOf(ctx: EvalContext): string {
    const fns = this.keyFns;
    if (fns.length === 0) return '';
    if (fns.length === 1) {
      const v = (fns[0] as Compiled)(ctx);
      return typeof v === 'string' ? v : v === null ? NULL_KEY : String(v);
    }
    let k = '';
    for (let i = 0; i < fns.length; i++) {
      const v = (fns[i] as Compiled)(ctx);
      k += (v === null ? NULL_KEY : String(v)) + '\u0001';
    }
    return k;
  }

  newGroup(ctx: EvalContext): Group {
    const keys = this.keyFns.map((f) => f(ctx));
    const accs = this.plan.aggregates.map((a) => newAccumulator(a, this.state));
    this.state.openGroups++;
    return { keys, accs };
  }

  accumulate(group: Group, ctx: EvalContext): void {
    const accs = group.accs;
    const fns = this.argFns;
    for (let i = 0; i < accs.length; i++) {
      const f = fns[i];
      (accs[i] as Accumulator).add(f ? f(ctx) : null);
    }
  }

  /** Emits the rows of a closed window (ROWTIME = its end) and releases the groups' state. */
  emitWindow(start: number, end: number, groups: Iterable<Group>): void {
    const c = this.out;
    c.windowStart = start;
    c.windowEnd = end;
    c.now = this.now();
    const topK = this.plan.topK;
    const rows: { rank: SqlValue; values: SqlValue[] }[] = [];
    for (const g of groups) {
      c.keys = g.keys;
      const aggs = c.aggs;
      aggs.length = g.accs.length;
      for (let i = 0; i < g.accs.length; i++) aggs[i] = (g.accs[i] as Accumulator).result();
      for (const acc of g.accs) releaseAccumulator(acc);
      this.state.openGroups--;
      if (this.having && this.having(c) !== true) continue;
      const values = this.outFns.map((f) => f(c));
      if (topK) rows.push({ rank: aggs[topK.aggregate] ?? null, values });
      else this.emit(end, values);
    }
    if (topK) {
      rows.sort((a, b) => (b.rank as number) - (a.rank as number));
      for (const r of rows.slice(0, topK.k)) this.emit(end, r.values);
    }
  }
}

export function newCtx(): EvalContext {
  return { row: [], keys: [], aggs: [], windowStart: 0, windowEnd: 0, now: 0 };
}
