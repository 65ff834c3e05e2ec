// Binds a parsed query (either dialect) to the input schema and produces the QueryPlan: resolves names to row slots,
// decides the window (Flink TVF, KDA STEP/FLOOR of ROWTIME, STAGGER, OVER windows), collects the aggregates and
// rewrites select items and HAVING in terms of group keys, aggregates and window bounds.
import { SqlError, type SourceSpan } from './sqlError';
import { timeUnitMs, type Expr, type ParsedQuery, type WindowDefinition } from './queryAst';
import { exprKey, exprType } from './exprTypes';
import type { InputSchema } from './inputSchema';
import { BIGINT, DOUBLE, isNumeric, type SqlType } from './sqlTypes';
import { aggregateFunctions } from './sqlFunctions';
import { SLOT_ARRIVAL, SLOT_ROWTIME, systemColumns, type AggregateCall, type PlanColumn, type QueryPlan, type ReferenceTable, type SlidingWindowDef, type WindowSpec } from './queryPlan';

export interface BindOptions {
  schema: InputSchema;
  /** The stream the query reads: KDA names it SOURCE_SQL_STREAM_001 (the default); Flink names it by the stream's name. */
  sourceStream: string;
  referenceTables?: ReferenceTable[];
  /** Event time only: how far the watermark trails the highest event time seen (a Flink WATERMARK in the script wins). */
  watermarkDelayMs?: number;
  /** How long after its end a window still accepts records before its row is emitted (default 0). */
  allowedLatenessMs?: number;
}

export const KDA_SOURCE_STREAM = 'SOURCE_SQL_STREAM_001';

type Column = Extract<Expr, { kind: 'column' }>;

interface ScopeEntry {
  name: string;
  slot: number;
  type: SqlType;
  qualifiers: string[];
}

const semantic = (message: string, span: SourceSpan): never => {
  throw new SqlError(message, span, 'semantic');
};
const unsupported = (construct: string, span: SourceSpan): never => {
  throw new SqlError(`${construct} is not supported`, span, 'unsupported');
};

const sameName = (a: string, b: string, quoted: boolean): boolean => (quoted ? a === b : a.toUpperCase() === b.toUpperCase());

function containsAggregate(e: Expr): boolean {
  let found = false;
  visit(e, (x) => {
    if (x.kind === 'call' && aggregateFunctions.has(x.name)) found = true;
  });
  return found;
}

function visit(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.kind) {
    case 'unary':
    case 'cast':
    case 'floorTo':
    case 'isNull':
      visit(e.operand, f);
      break;
    case 'binary':
      visit(e.left, f);
      visit(e.right, f);
      break;
    case 'call':
      e.args.forEach((a) => visit(a, f));
      break;
    case 'case':
      if (e.operand) visit(e.operand, f);
      e.whens.forEach((w) => {
        visit(w.when, f);
        visit(w.then, f);
      });
      if (e.otherwise) visit(e.otherwise, f);
      break;
    case 'step':
      visit(e.operand, f);
      visit(e.by, f);
      break;
    case 'like':
      visit(e.operand, f);
      visit(e.pattern, f);
      break;
    case 'in':
      visit(e.operand, f);
      e.list.forEach((x) => visit(x, f));
      break;
    case 'between':
      visit(e.operand, f);
      visit(e.low, f);
      visit(e.high, f);
      break;
    default:
      break;
  }
}

/** Rebuilds an expression bottom-up with `f` applied to its children first. */
function mapChildren(e: Expr, f: (e: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'unary':
      return { ...e, operand: f(e.operand) };
    case 'cast':
      return { ...e, operand: f(e.operand) };
    case 'floorTo':
      return { ...e, operand: f(e.operand) };
    case 'isNull':
      return { ...e, operand: f(e.operand) };
    case 'binary':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'call':
      return { ...e, args: e.args.map(f) };
    case 'case':
      return { ...e, ...(e.operand ? { operand: f(e.operand) } : {}), whens: e.whens.map((w) => ({ when: f(w.when), then: f(w.then) })), ...(e.otherwise ? { otherwise: f(e.otherwise) } : {}) };
    case 'step':
      return { ...e, operand: f(e.operand), by: f(e.by) };
    case 'like':
      return { ...e, operand: f(e.operand), pattern: f(e.pattern) };
    case 'in':
      return { ...e, operand: f(e.operand), list: e.list.map(f) };
    case 'between':
      return { ...e, operand: f(e.operand), low: f(e.low), high: f(e.high) };
    default:
      return e;
  }
}

class Binder {
  private readonly scope: ScopeEntry[] = [];
  private readonly inputColumns: PlanColumn[] = [];
  private readonly aggregates: AggregateCall[] = [];
  private readonly aggregateKeys = new Map<string, number>();
  private readonly slidingWindows: SlidingWindowDef[] = [];
  private readonly slidingKeys = new Map<string, number>();
  private windowBoundsVisible = false;
  private join: QueryPlan['join'];

  constructor(private readonly q: ParsedQuery, private readonly o: BindOptions) {}

  bind(): QueryPlan {
    const { q, o } = this;
    const s = q.select;
    const sourceNames = [s.from.stream, ...(s.from.alias ? [s.from.alias] : [])];
    this.checkSource();
    systemColumns.forEach((c, i) => this.addColumn(c, i, sourceNames));
    o.schema.columns.forEach((c) => this.addColumn({ name: c.name, type: c.type }, this.inputColumns.length, sourceNames));
    if (s.join) {
      const tableName = s.join.table;
      const table = (o.referenceTables ?? []).find((t) => t.name === tableName) ?? (o.referenceTables ?? []).find((t) => t.name.toUpperCase() === tableName.toUpperCase());
      if (!table) semantic(`unknown reference table ${tableName}${o.referenceTables?.length ? ` (known: ${o.referenceTables.map((t) => t.name).join(', ')})` : ': load one first'}`, s.join.span);
      const firstSlot = this.inputColumns.length;
      const names = [table!.name, ...(s.join.alias ? [s.join.alias] : [])];
      table!.columns.forEach((c) => this.addColumn(c, this.inputColumns.length, names));
      this.join = { table: table!, on: this.bindRow(s.join.on), kind: s.join.kind, firstSlot };
    }
    this.windowBoundsVisible = !!s.tvf;
    const time = this.timeColumn();
    const filter = s.where ? this.bindRow(s.where, 'WHERE') : undefined;
    if (filter) {
      visit(filter, (x) => {
        if (x.kind === 'windowBound') semantic('window_start, window_end and window_time are known only after grouping: use them in the select list, GROUP BY or HAVING', x.span);
      });
    }
    const window = this.windowSpec(time);
    const plan: QueryPlan = {
      dialect: q.dialect,
      source: s.from.stream,
      inputColumns: this.inputColumns,
      time,
      allowedLatenessMs: o.allowedLatenessMs ?? 0,
      window: window.spec,
      groupKeys: window.groupKeys,
      aggregates: this.aggregates,
      output: [],
      ...(filter ? { filter } : {}),
      ...(this.join ? { join: this.join } : {}),
    };
    if (q.insertInto) plan.sink = { name: q.insertInto.stream, ...(q.insertInto.columns ? { columns: q.insertInto.columns } : {}) };
    plan.output = this.bindOutput(window, plan);
    if (s.having) {
      if (window.spec.kind === 'none' || window.spec.kind === 'sliding') semantic('HAVING needs GROUP BY with a window', s.having.span);
      plan.having = this.bindGrouped(s.having, window);
    }
    if (s.topK) plan.topK = { k: s.topK.k, aggregate: 0 };
    if (window.spec.kind === 'sliding') window.spec.windows = this.slidingWindows;
    return plan;
  }

  private checkSource(): void {
    const { q, o } = this;
    const from = q.select.from;
    const declared = q.declaredStreams.find((d) => d.name === from.stream);
    if (declared) unsupported(`reading the in-application stream ${from.stream} (chained pumps)`, from.span);
    const expected = q.dialect === 'kda' ? KDA_SOURCE_STREAM : o.sourceStream;
    if (from.stream.toUpperCase() !== expected.toUpperCase()) semantic(`unknown stream ${from.stream}: this query reads ${expected}`, from.span);
  }

  private addColumn(c: PlanColumn, slot: number, qualifiers: string[]): void {
    this.scope.push({ name: c.name, slot, type: c.type, qualifiers });
    if (slot === this.inputColumns.length) this.inputColumns.push(c);
  }

  private resolve(c: Column): Expr {
    const candidates = this.scope.filter((e) => (!c.qualifier || e.qualifiers.some((q) => q.toUpperCase() === c.qualifier!.toUpperCase())));
    if (c.qualifier && candidates.length === 0) semantic(`unknown stream or table ${c.qualifier}`, c.span);
    const exact = candidates.filter((e) => e.name === c.name);
    const matches = exact.length > 0 ? exact : c.quoted ? [] : candidates.filter((e) => sameName(e.name, c.name, false));
    if (matches.length === 1) {
      const m = matches[0] as ScopeEntry;
      return { kind: 'slot', index: m.slot, type: m.type, span: c.span };
    }
    if (matches.length > 1) semantic(`column ${c.name} is ambiguous: qualify it with the stream or table name`, c.span);
    if (!c.qualifier && this.windowBoundsVisible) {
      const bound = ({ WINDOW_START: 'start', WINDOW_END: 'end', WINDOW_TIME: 'time' } as const)[c.name.toUpperCase() as 'WINDOW_START'];
      if (bound) return { kind: 'windowBound', which: bound, span: c.span };
    }
    const near = candidates.find((e) => e.name.toUpperCase() === c.name.toUpperCase());
    return semantic(near ? `unknown column "${c.name}": did you mean "${near.name}"? (quoted names match case exactly)` : `unknown column ${c.name}`, c.span);
  }

  /** Binds an expression over one input row; aggregates are refused here unless OVER windows allow them. */
  private bindRow(e: Expr, clause?: string, allowOver = false): Expr {
    switch (e.kind) {
      case 'column':
        return this.resolve(e);
      case 'star':
        return semantic('* is only allowed in COUNT(*) and SELECT *', e.span);
      case 'call':
        if (aggregateFunctions.has(e.name)) {
          if (allowOver && e.over) return this.slidingAggregate(e);
          if (e.over) return unsupported('OVER windows together with GROUP BY', e.span);
          return semantic(clause ? `aggregate ${e.name} is not allowed in ${clause}` : `aggregate ${e.name} needs GROUP BY with a window, or OVER (…)`, e.span);
        }
        return this.checked(mapChildren(e, (x) => this.bindRow(x, clause, allowOver)));
      default:
        return this.checked(mapChildren(e, (x) => this.bindRow(x, clause, allowOver)));
    }
  }

  /** Light type checks with positions: arithmetic and aggregates on text are errors a user should see early. */
  private checked(e: Expr): Expr {
    if (e.kind === 'binary' && ['+', '-', '*', '/', '%'].includes(e.op)) {
      for (const side of [e.left, e.right]) {
        if (side.kind === 'literal' && side.value === null) continue;
        const t = exprType(side);
        if (t.base === 'VARCHAR' || t.base === 'BOOLEAN') semantic(`${e.op} needs numbers, but this is ${t.base} (CAST it first)`, side.span);
      }
    }
    if (e.kind === 'step' && e.by.kind !== 'interval' && !(e.by.kind === 'literal' && typeof e.by.value === 'number')) semantic('STEP(… BY …) needs an INTERVAL or a number', e.by.span);
    return e;
  }

  private aggregateCall(e: Extract<Expr, { kind: 'call' }>, window?: number): AggregateCall {
    const arg0 = e.args[0];
    if (e.args.length > 1) semantic(`${e.name} takes one argument`, e.span);
    if (e.name === 'COUNT' && (!arg0 || arg0.kind === 'star')) {
      if (e.distinct) semantic('COUNT(DISTINCT *) is not valid: name a column', e.span);
      return { fn: 'COUNT', type: BIGINT, ...(window !== undefined ? { window } : {}) };
    }
    if (!arg0) return semantic(`${e.name} needs an argument`, e.span);
    if (containsAggregate(arg0)) semantic('an aggregate inside an aggregate', arg0.span);
    const arg = this.bindRow(arg0);
    const t = exprType(arg);
    const fn: AggregateCall['fn'] = e.name === 'COUNT' ? (e.distinct ? 'COUNT_DISTINCT' : 'COUNT') : e.name === 'APPROXIMATE_DISTINCT' || e.name === 'APPROX_COUNT_DISTINCT' ? 'APPROX_COUNT_DISTINCT' : (e.name as AggregateCall['fn']);
    if ((fn === 'SUM' || fn === 'AVG') && !isNumeric(t)) semantic(`${fn} needs a number, but its argument is ${t.base}`, arg0.span);
    const type = fn === 'COUNT' || fn === 'COUNT_DISTINCT' || fn === 'APPROX_COUNT_DISTINCT' ? BIGINT : fn === 'AVG' ? DOUBLE : fn === 'SUM' ? (t.base === 'DOUBLE' ? DOUBLE : BIGINT) : t;
    return { fn, arg, type, ...(window !== undefined ? { window } : {}) };
  }

  private registerAggregate(call: AggregateCall, span: SourceSpan): Expr {
    const key = `${call.fn}|${call.window ?? ''}|${call.arg ? exprKey(call.arg) : '*'}`;
    let index = this.aggregateKeys.get(key);
    if (index === undefined) {
      index = this.aggregates.length;
      this.aggregates.push(call);
      this.aggregateKeys.set(key, index);
    }
    return { kind: 'aggRef', index, type: call.type, span };
  }

  private slidingAggregate(e: Extract<Expr, { kind: 'call' }>): Expr {
    const over = e.over!;
    let def: WindowDefinition;
    if ('name' in over) {
      const named = this.q.select.windows.get(over.name.toUpperCase());
      if (!named) return semantic(`unknown window ${over.name}`, over.span);
      def = named;
    } else def = over.spec;
    if (def.orderBy) {
      const order = this.bindRow(def.orderBy);
      if (order.kind !== 'slot' || order.index !== this.timeSlot) semantic(`a window must be ordered by the time column ${this.inputColumns[this.timeSlot]?.name ?? 'ROWTIME'}`, def.orderBy.span);
    }
    const partitionBy = def.partitionBy.map((p) => this.bindRow(p, 'PARTITION BY'));
    const windowDef: SlidingWindowDef = { partitionBy, ...(def.rangeMs !== undefined ? { rangeMs: def.rangeMs } : {}), ...(def.rows !== undefined ? { rows: def.rows } : {}) };
    const key = exprKey({ kind: 'call', name: 'W', args: partitionBy, distinct: false, span: def.span }) + `|${def.rangeMs}|${def.rows}`;
    let index = this.slidingKeys.get(key);
    if (index === undefined) {
      index = this.slidingWindows.length;
      this.slidingWindows.push(windowDef);
      this.slidingKeys.set(key, index);
    }
    return this.registerAggregate(this.aggregateCall(e, index), e.span);
  }

  private timeSlot = SLOT_ROWTIME;

  private timeColumn(): QueryPlan['time'] {
    const s = this.q.select;
    let column: Column | undefined = s.tvf?.timeColumn;
    if (!column && this.q.dialect === 'flink') {
      for (const item of s.items === 'star' ? [] : s.items) {
        visit(item.expr, (x) => {
          if (x.kind === 'call' && x.over) {
            const def = 'name' in x.over ? s.windows.get(x.over.name.toUpperCase()) : x.over.spec;
            if (def?.orderBy?.kind === 'column' && !column) column = def.orderBy;
          }
        });
      }
    }
    if (!column) return { column: 'ROWTIME', slot: SLOT_ROWTIME, eventTime: false, watermarkDelayMs: 0 };
    const bound = this.resolve(column);
    if (bound.kind !== 'slot') return semantic(`${column.name} is not a column`, column.span);
    if (bound.index === SLOT_ROWTIME || bound.index === SLOT_ARRIVAL) {
      this.timeSlot = bound.index;
      return { column: this.inputColumns[bound.index]!.name, slot: bound.index, eventTime: false, watermarkDelayMs: 0 };
    }
    if (bound.type.base !== 'TIMESTAMP') semantic(`the time column ${column.name} is ${bound.type.base}; it must be a TIMESTAMP (retype it in the schema)`, column.span);
    if (this.join && bound.index >= this.join.firstSlot) semantic('the time column must come from the stream, not the reference table', column.span);
    this.timeSlot = bound.index;
    const name = this.inputColumns[bound.index]!.name;
    const declared = this.q.tables.find((t) => t.watermark && t.watermark.column.toUpperCase() === name.toUpperCase())?.watermark;
    return { column: name, slot: bound.index, eventTime: true, watermarkDelayMs: declared?.delayMs ?? this.o.watermarkDelayMs ?? 0 };
  }

  private windowSpec(time: QueryPlan['time']): { spec: WindowSpec; groupKeys: Expr[]; windowKey?: string } {
    const s = this.q.select;
    const items = s.items === 'star' ? [] : s.items;
    const hasOver = items.some((i) => { let f = false; visit(i.expr, (x) => { if (x.kind === 'call' && x.over) f = true; }); return f; });
    const hasAggregate = items.some((i) => containsAggregate(i.expr));
    if (s.topK) {
      const col = this.resolve({ kind: 'column', name: s.topK.column, quoted: true, span: s.topK.span });
      this.registerAggregate({ fn: 'COUNT', type: BIGINT }, s.topK.span);
      return { spec: { kind: 'tumble', sizeMs: s.topK.windowMs }, groupKeys: [col] };
    }
    if (s.tvf) {
      const t = s.tvf;
      if (s.groupBy.length === 0) unsupported(`${t.kind} without GROUP BY window_start, window_end (window assignment alone)`, t.span);
      if (hasOver) unsupported('OVER windows over a window table function', t.span);
      const keys = s.groupBy.map((g) => this.bindRow(g, 'GROUP BY'));
      const bounds = new Set(keys.filter((k) => k.kind === 'windowBound').map((k) => (k as { which: string }).which));
      if (!bounds.has('start') || !bounds.has('end')) semantic('a window aggregation must GROUP BY window_start, window_end', s.groupBy[0]!.span);
      const groupKeys = keys.filter((k) => k.kind !== 'windowBound');
      if (t.sizeMs <= 0) semantic('the window size must be positive', t.span);
      let spec: WindowSpec;
      if (t.kind === 'TUMBLE') spec = { kind: 'tumble', sizeMs: t.sizeMs };
      else if (t.kind === 'HOP') {
        if (!t.slideMs || t.sizeMs % t.slideMs !== 0) semantic('HOP needs a slide that divides the size', t.span);
        spec = { kind: 'hop', sizeMs: t.sizeMs, slideMs: t.slideMs! };
      } else {
        if (!t.slideMs || t.sizeMs % t.slideMs !== 0) semantic('CUMULATE needs a step that divides the maximum size', t.span);
        spec = { kind: 'cumulate', stepMs: t.slideMs!, maxSizeMs: t.sizeMs };
      }
      return { spec, groupKeys };
    }
    if (s.stagger) {
      if (this.q.dialect !== 'kda') unsupported('WINDOWED BY STAGGER in the Flink dialect', s.stagger.span);
      return { spec: { kind: 'stagger', rangeMs: s.stagger.rangeMs }, groupKeys: s.stagger.partitionBy.map((p) => this.bindRow(p, 'PARTITION BY')) };
    }
    if (s.groupBy.length > 0) {
      if (hasOver) unsupported('OVER windows together with GROUP BY', s.groupBy[0]!.span);
      if (this.q.dialect === 'flink') unsupported('GROUP BY without a window table function (an updating aggregate; use TUMBLE, HOP or CUMULATE)', s.groupBy[0]!.span);
      const keys = s.groupBy.map((g) => this.bindRow(g, 'GROUP BY'));
      const windowKeys = keys.filter((k) => (k.kind === 'step' || k.kind === 'floorTo') && k.operand.kind === 'slot' && k.operand.index === time.slot);
      if (windowKeys.length === 0) semantic(`GROUP BY on a stream needs a monotonic expression: STEP(${KDA_SOURCE_STREAM}.ROWTIME BY INTERVAL …) or FLOOR(ROWTIME TO …)`, s.groupBy[0]!.span);
      if (windowKeys.length > 1) unsupported('more than one STEP/FLOOR of ROWTIME in GROUP BY', windowKeys[1]!.span);
      const w = windowKeys[0]!;
      let sizeMs: number;
      if (w.kind === 'floorTo') sizeMs = timeUnitMs[w.unit];
      else if (w.kind === 'step' && w.by.kind === 'interval') sizeMs = w.by.ms;
      else return semantic('STEP of ROWTIME needs BY INTERVAL …', w.span);
      if (sizeMs <= 0) semantic('the window size must be positive', w.span);
      return { spec: { kind: 'tumble', sizeMs }, groupKeys: keys.filter((k) => k !== w), windowKey: exprKey(w) };
    }
    if (hasOver) return { spec: { kind: 'sliding', windows: [] }, groupKeys: [] };
    if (hasAggregate) {
      const item = items.find((i) => containsAggregate(i.expr))!;
      semantic('an aggregate over a stream needs a window: GROUP BY with STEP/FLOOR of ROWTIME (KDA), a window table function (Flink), or OVER (…)', item.span);
    }
    return { spec: { kind: 'none' }, groupKeys: [] };
  }

  /** Binds an expression evaluated once per group when its window closes. */
  private bindGrouped(e: Expr, w: { spec: WindowSpec; groupKeys: Expr[]; windowKey?: string }): Expr {
    if (e.kind === 'call' && aggregateFunctions.has(e.name)) {
      if (e.over) unsupported('OVER windows together with GROUP BY', e.span);
      return this.registerAggregate(this.aggregateCall(e), e.span);
    }
    if (!containsAggregate(e)) {
      let bound: Expr | undefined;
      try {
        bound = this.bindRow(e);
      } catch (err) {
        if (e.kind === 'column') throw err;
      }
      if (bound) {
        const key = exprKey(bound);
        const i = w.groupKeys.findIndex((k) => exprKey(k) === key);
        if (i >= 0) return { kind: 'keyRef', index: i, type: exprType(w.groupKeys[i]!), span: e.span };
        if (w.windowKey === key) return { kind: 'windowBound', which: 'start', span: e.span };
        if (bound.kind === 'windowBound') return bound;
        if (bound.kind === 'slot' && (bound.index === SLOT_ROWTIME || (this.q.dialect === 'kda' && bound.index === this.timeSlot))) return { kind: 'windowBound', which: 'end', span: e.span };
        if (bound.kind === 'slot') return semantic(`column ${this.inputColumns[bound.index]?.name} must be in GROUP BY or inside an aggregate`, e.span);
        if (bound.kind === 'literal') return bound;
      }
    }
    return this.checked(mapChildren(e, (x) => this.bindGrouped(x, w)));
  }

  private bindOutput(w: { spec: WindowSpec; groupKeys: Expr[]; windowKey?: string }, plan: QueryPlan): QueryPlan['output'] {
    const s = this.q.select;
    const grouped = w.spec.kind !== 'none' && w.spec.kind !== 'sliding';
    let out: QueryPlan['output'];
    if (s.topK) {
      out = [
        { name: this.inputColumns[(w.groupKeys[0] as { index: number }).index]!.name, type: exprType(w.groupKeys[0]!), expr: { kind: 'keyRef', index: 0, type: exprType(w.groupKeys[0]!), span: s.topK.span } },
        { name: 'MOST_FREQUENT_VALUES', type: BIGINT, expr: { kind: 'aggRef', index: 0, type: BIGINT, span: s.topK.span } },
      ];
    } else if (s.items === 'star') {
      if (grouped) semantic('SELECT * with GROUP BY: name the grouped columns and aggregates', s.starSpan ?? s.span);
      out = this.inputColumns.map((c, i) => ({ name: c.name, type: c.type, expr: { kind: 'slot', index: i, type: c.type, span: s.starSpan ?? s.span } as Expr }));
    } else {
      // With a destination stream, a selected ROWTIME is the row's own time (every stream carries it), not a column.
      const items = plan.sink ? s.items.filter((item) => !(item.expr.kind === 'column' && !item.expr.qualifier && item.expr.name.toUpperCase() === 'ROWTIME' && !item.alias)) : s.items;
      out = items.map((item, i) => {
        const expr = grouped ? this.bindGrouped(item.expr, w) : this.bindRow(item.expr, undefined, w.spec.kind === 'sliding');
        return { name: item.alias ?? defaultName(item.expr, i), type: exprType(expr), expr };
      });
    }
    const declaredColumns = plan.sink && !plan.sink.columns ? this.q.declaredStreams.find((d) => d.name === plan.sink!.name)?.columns.map((c) => c.name) : plan.sink?.columns;
    if (this.q.dialect === 'kda' && plan.sink && !this.q.declaredStreams.some((d) => d.name === plan.sink!.name)) {
      semantic(`INSERT INTO ${plan.sink.name}: the stream is not declared (CREATE OR REPLACE STREAM "${plan.sink.name}" (…))`, this.q.insertInto!.span);
    }
    if (declaredColumns) {
      const named = declaredColumns.filter((c) => c.toUpperCase() !== 'ROWTIME');
      if (named.length !== out.length) semantic(`INSERT INTO ${plan.sink!.name} has ${named.length} columns but the query selects ${out.length}`, this.q.insertInto!.span);
      out = out.map((o, i) => ({ ...o, name: named[i]! }));
    }
    return out;
  }
}

function defaultName(e: Expr, i: number): string {
  if (e.kind === 'column') return e.name;
  return `EXPR$${i}`;
}

/** Binds a parsed query to the schema: resolves names and types and chooses the window. Throws SqlError. */
export function bindQuery(parsed: ParsedQuery, options: BindOptions): QueryPlan {
  return new Binder(parsed, options).bind();
}
