// Compiles a bound expression once into a closure, so evaluating it per row is a few function calls with no
// tree walk and no allocation. NULL follows SQL: it propagates through operators, and WHERE/HAVING treat it as false.
import type { Expr } from './queryAst';
import { exprType } from './exprTypes';
import { formatTimestamp, parseTimestamp, type SqlType, type SqlValue } from './sqlTypes';

export interface EvalContext {
  /** The input row (grouped queries: unused when the window closes). */
  row: SqlValue[];
  /** Grouped queries: the group's key values and its aggregates' results. */
  keys: SqlValue[];
  aggs: SqlValue[];
  windowStart: number;
  windowEnd: number;
  /** CURRENT_TIMESTAMP: the query's clock. */
  now: number;
}

export type Compiled = (ctx: EvalContext) => SqlValue;

export function newContext(): EvalContext {
  return { row: [], keys: [], aggs: [], windowStart: 0, windowEnd: 0, now: 0 };
}

export function valueText(v: SqlValue, type: SqlType): string | null {
  if (v === null) return null;
  if (type.base === 'TIMESTAMP' && typeof v === 'number') return formatTimestamp(v);
  return String(v);
}

function likeRegExp(pattern: string): RegExp {
  let re = '^';
  for (const ch of pattern) re += ch === '%' ? '[\\s\\S]*' : ch === '_' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(re + '$');
}

function castValue(v: SqlValue, from: SqlType, to: SqlType): SqlValue {
  if (v === null) return null;
  switch (to.base) {
    case 'VARCHAR': {
      const s = valueText(v, from) as string;
      return to.length !== undefined && s.length > to.length ? s.slice(0, to.length) : s;
    }
    case 'INTEGER':
    case 'BIGINT': {
      const n = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
      return Number.isFinite(n) ? Math.trunc(n) : null;
    }
    case 'DOUBLE': {
      const n = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
      return Number.isFinite(n) ? n : null;
    }
    case 'BOOLEAN':
      return typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : String(v).toLowerCase() === 'true';
    case 'TIMESTAMP':
      return typeof v === 'number' ? v : parseTimestamp(String(v));
  }
}

export function compileExpr(e: Expr): Compiled {
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      return () => v;
    }
    case 'interval': {
      const v = e.ms;
      return () => v;
    }
    case 'slot': {
      const i = e.index;
      return (c) => c.row[i] as SqlValue;
    }
    case 'keyRef': {
      const i = e.index;
      return (c) => c.keys[i] as SqlValue;
    }
    case 'aggRef': {
      const i = e.index;
      return (c) => c.aggs[i] as SqlValue;
    }
    case 'windowBound':
      return e.which === 'start' ? (c) => c.windowStart : e.which === 'end' ? (c) => c.windowEnd : (c) => c.windowEnd - 1;
    case 'unary': {
      const f = compileExpr(e.operand);
      if (e.op === 'NOT') return (c) => { const v = f(c); return v === null ? null : !v; };
      return (c) => { const v = f(c); return v === null ? null : -(v as number); };
    }
    case 'binary':
      return compileBinary(e);
    case 'case': {
      const whens = e.whens.map((w) => ({ when: compileExpr(w.when), then: compileExpr(w.then) }));
      const otherwise = e.otherwise ? compileExpr(e.otherwise) : () => null;
      if (e.operand) {
        const operand = compileExpr(e.operand);
        return (c) => {
          const v = operand(c);
          for (const w of whens) if (v !== null && w.when(c) === v) return w.then(c);
          return otherwise(c);
        };
      }
      return (c) => {
        for (const w of whens) if (w.when(c) === true) return w.then(c);
        return otherwise(c);
      };
    }
    case 'cast': {
      const f = compileExpr(e.operand);
      const from = exprType(e.operand);
      const to = e.type;
      return (c) => castValue(f(c), from, to);
    }
    case 'floorTo': {
      const f = compileExpr(e.operand);
      const ms = { MILLISECOND: 1, SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 }[e.unit];
      if (e.fn === 'FLOOR') return (c) => { const v = f(c) as number | null; return v === null ? null : Math.floor(v / ms) * ms; };
      return (c) => { const v = f(c) as number | null; return v === null ? null : Math.ceil(v / ms) * ms; };
    }
    case 'step': {
      const f = compileExpr(e.operand);
      const by = compileExpr(e.by);
      return (c) => {
        const v = f(c) as number | null;
        const n = by(c) as number | null;
        return v === null || n === null || n === 0 ? null : Math.floor(v / n) * n;
      };
    }
    case 'like': {
      const f = compileExpr(e.operand);
      const negated = e.negated;
      if (e.pattern.kind === 'literal' && typeof e.pattern.value === 'string') {
        const re = likeRegExp(e.pattern.value);
        return (c) => { const v = f(c); return v === null ? null : re.test(String(v)) !== negated; };
      }
      const p = compileExpr(e.pattern);
      return (c) => {
        const v = f(c);
        const pat = p(c);
        return v === null || pat === null ? null : likeRegExp(String(pat)).test(String(v)) !== negated;
      };
    }
    case 'isNull': {
      const f = compileExpr(e.operand);
      return e.negated ? (c) => f(c) !== null : (c) => f(c) === null;
    }
    case 'in': {
      const f = compileExpr(e.operand);
      const list = e.list.map(compileExpr);
      const negated = e.negated;
      return (c) => {
        const v = f(c);
        if (v === null) return null;
        for (const x of list) if (x(c) === v) return !negated;
        return negated;
      };
    }
    case 'between': {
      const f = compileExpr(e.operand);
      const lo = compileExpr(e.low);
      const hi = compileExpr(e.high);
      const negated = e.negated;
      return (c) => {
        const v = f(c);
        const l = lo(c);
        const h = hi(c);
        if (v === null || l === null || h === null) return null;
        return (v >= l && v <= h) !== negated;
      };
    }
    case 'call':
      return compileCall(e);
    case 'column':
    case 'star':
      throw new Error(`internal: unbound ${e.kind} reached the compiler`);
  }
}

function compileBinary(e: Extract<Expr, { kind: 'binary' }>): Compiled {
  const l = compileExpr(e.left);
  const r = compileExpr(e.right);
  switch (e.op) {
    case 'AND':
      return (c) => {
        const a = l(c);
        if (a === false) return false;
        const b = r(c);
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    case 'OR':
      return (c) => {
        const a = l(c);
        if (a === true) return true;
        const b = r(c);
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    case '||': {
      const lt = exprType(e.left);
      const rt = exprType(e.right);
      return (c) => {
        const a = l(c);
        const b = r(c);
        return a === null || b === null ? null : (valueText(a, lt) as string) + (valueText(b, rt) as string);
      };
    }
    case '=': return (c) => { const a = l(c); const b = r(c); return a === null || b === null ? null : a === b; };
    case '<>': return (c) => { const a = l(c); const b = r(c); return a === null || b === null ? null : a !== b; };
    case '<': return (c) => { const a = l(c); const b = r(c); return a === null || b === null ? null : a < b; };
    case '<=': return (c) => { const a = l(c); const b = r(c); return a === null || b === null ? null : a <= b; };
    case '>': return (c) => { const a = l(c); const b = r(c); return a === null || b === null ? null : a > b; };
    case '>=': return (c) => { const a = l(c); const b = r(c); return a === null || b === null ? null : a >= b; };
    case '+': return (c) => { const a = l(c); const b = r(c); return a === null || b === null ? null : (a as number) + (b as number); };
    case '-': return (c) => { const a = l(c); const b = r(c); return a === null || b === null ? null : (a as number) - (b as number); };
    case '*': return (c) => { const a = l(c); const b = r(c); return a === null || b === null ? null : (a as number) * (b as number); };
    case '%': return (c) => { const a = l(c); const b = r(c); return a === null || b === null || b === 0 ? null : (a as number) % (b as number); };
    case '/': {
      const integral = ['INTEGER', 'BIGINT'].includes(exprType(e).base);
      return (c) => {
        const a = l(c);
        const b = r(c);
        if (a === null || b === null || b === 0) return null;
        const q = (a as number) / (b as number);
        return integral ? Math.trunc(q) : q;
      };
    }
  }
}

function compileCall(e: Extract<Expr, { kind: 'call' }>): Compiled {
  const args = e.args.map(compileExpr);
  const a0 = args[0] ?? (() => null);
  const a1 = args[1];
  const a2 = args[2];
  const str = (f: Compiled, type: SqlType) => (c: EvalContext): string | null => valueText(f(c), type);
  const t0 = e.args[0] ? exprType(e.args[0]) : ({ base: 'VARCHAR' } as SqlType);
  switch (e.name) {
    case 'UPPER': { const s = str(a0, t0); return (c) => s(c)?.toUpperCase() ?? null; }
    case 'LOWER': { const s = str(a0, t0); return (c) => s(c)?.toLowerCase() ?? null; }
    case 'CHAR_LENGTH':
    case 'CHARACTER_LENGTH': { const s = str(a0, t0); return (c) => { const v = s(c); return v === null ? null : [...v].length; }; }
    case 'SUBSTRING': {
      const s = str(a0, t0);
      return (c) => {
        const v = s(c);
        const from = a1 ? (a1(c) as number | null) : 1;
        const len = a2 ? (a2(c) as number | null) : undefined;
        if (v === null || from === null || len === null) return null;
        const start = Math.max(0, from - 1);
        const end = len === undefined ? undefined : Math.max(start, from - 1 + len);
        return v.slice(start, end);
      };
    }
    case 'TRIM': {
      const s = str(a0, t0);
      const mode = e.args[1]?.kind === 'literal' ? String(e.args[1].value) : 'BOTH';
      const chars = a2 ?? (() => ' ');
      return (c) => {
        let v = s(c);
        const set = chars(c);
        if (v === null || set === null) return null;
        const cs = String(set);
        if (mode !== 'TRAILING') while (v.length > 0 && cs.includes(v[0] as string)) v = v.slice(1);
        if (mode !== 'LEADING') while (v.length > 0 && cs.includes(v[v.length - 1] as string)) v = v.slice(0, -1);
        return v;
      };
    }
    case 'ABS': return (c) => { const v = a0(c) as number | null; return v === null ? null : Math.abs(v); };
    case 'FLOOR': return (c) => { const v = a0(c) as number | null; return v === null ? null : Math.floor(v); };
    case 'CEIL': return (c) => { const v = a0(c) as number | null; return v === null ? null : Math.ceil(v); };
    case 'ROUND':
      return (c) => {
        const v = a0(c) as number | null;
        const d = a1 ? (a1(c) as number | null) : 0;
        if (v === null || d === null) return null;
        const f = 10 ** d;
        return Math.sign(v) * Math.round(Math.abs(v) * f) / f;
      };
    case 'MOD': return (c) => { const a = a0(c) as number | null; const b = a1 ? (a1(c) as number | null) : null; return a === null || b === null || b === 0 ? null : a % b; };
    case 'COALESCE':
      return (c) => {
        for (const f of args) {
          const v = f(c);
          if (v !== null) return v;
        }
        return null;
      };
    case 'CURRENT_TIMESTAMP': return (c) => c.now;
    default:
      throw new Error(`internal: function ${e.name} has no implementation`);
  }
}
