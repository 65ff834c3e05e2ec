// Type inference over bound expressions, and the structural key that decides whether two expressions are the same
// (a select item that repeats a GROUP BY key, spelled the same way or not: `"ticker"`, `ticker`, `s.ticker`).
import type { Expr } from './queryAst';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, TIMESTAMP, VARCHAR, type SqlType } from './sqlTypes';

export function exprKey(e: Expr): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'span' || k === 'type' ? undefined : v));
}

const isIntegral = (t: SqlType): boolean => t.base === 'INTEGER' || t.base === 'BIGINT';

export function exprType(e: Expr): SqlType {
  switch (e.kind) {
    case 'literal':
    case 'slot':
    case 'keyRef':
    case 'aggRef':
    case 'cast':
      return e.type;
    case 'windowBound':
      return TIMESTAMP;
    case 'interval':
      return BIGINT;
    case 'unary':
      return e.op === 'NOT' ? BOOLEAN : exprType(e.operand);
    case 'binary': {
      if (['=', '<>', '<', '<=', '>', '>=', 'AND', 'OR'].includes(e.op)) return BOOLEAN;
      if (e.op === '||') return VARCHAR();
      const l = exprType(e.left);
      const r = exprType(e.right);
      if (l.base === 'TIMESTAMP' && e.right.kind === 'interval') return TIMESTAMP;
      if (l.base === 'TIMESTAMP' && r.base === 'TIMESTAMP' && e.op === '-') return BIGINT;
      if (isIntegral(l) && isIntegral(r)) return l.base === 'BIGINT' || r.base === 'BIGINT' ? BIGINT : INTEGER;
      return DOUBLE;
    }
    case 'floorTo':
    case 'step':
      return exprType(e.operand);
    case 'like':
    case 'isNull':
    case 'in':
    case 'between':
      return BOOLEAN;
    case 'case':
      return exprType(e.whens[0]?.then ?? e.otherwise ?? { kind: 'literal', value: null, type: VARCHAR(), span: e.span });
    case 'call':
      switch (e.name) {
        case 'UPPER':
        case 'LOWER':
        case 'SUBSTRING':
        case 'TRIM':
          return VARCHAR();
        case 'CHAR_LENGTH':
        case 'CHARACTER_LENGTH':
          return INTEGER;
        case 'CURRENT_TIMESTAMP':
          return TIMESTAMP;
        case 'ROUND':
          return e.args[0] ? exprType(e.args[0]) : DOUBLE;
        default:
          return e.args[0] ? exprType(e.args[0]) : DOUBLE;
      }
    default:
      return VARCHAR();
  }
}
