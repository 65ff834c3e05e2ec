// The front door for the editor and the runner: SQL text in one dialect → a QueryPlan, or a SqlError placed at
// the offending token.
import type { QueryError, SqlDialect } from '../../shared/contract/analytics';
import { parseFlinkSql } from './flinkParser';
import { parseKdaSql } from './kdaParser';
import { bindQuery, type BindOptions } from './queryBinder';
import type { QueryPlan } from './queryPlan';
import { SqlError } from './sqlError';
import type { ParsedQuery } from './queryAst';

export type { SqlDialect } from '../../shared/contract/analytics';

export function parseSql(sql: string, dialect: SqlDialect): ParsedQuery {
  return dialect === 'flink' ? parseFlinkSql(sql) : parseKdaSql(sql);
}

/** Parses and binds a query. Throws SqlError (syntax, unsupported or semantic) with its position. */
export function compileQuery(sql: string, dialect: SqlDialect, options: BindOptions): QueryPlan {
  return bindQuery(parseSql(sql, dialect), options);
}

export type QueryCheck = { ok: true; plan: QueryPlan } | { ok: false; error: QueryError };

/** compileQuery for an editor: the error as data instead of an exception. */
export function checkQuery(sql: string, dialect: SqlDialect, options: BindOptions): QueryCheck {
  try {
    return { ok: true, plan: compileQuery(sql, dialect, options) };
  } catch (e) {
    if (e instanceof SqlError) return { ok: false, error: { message: e.message, kind: e.kind, span: e.span } };
    throw e;
  }
}
