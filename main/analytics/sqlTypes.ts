// The SQL types a query can see, and how a runtime value looks. Timestamps travel as epoch milliseconds (numbers);
// the column's type says how to show them. BIGINT values are JavaScript numbers: exact up to 2^53.
import type { SqlBaseType, SqlType } from '../../shared/contract/analytics';

// Declared once in the contract (shared/contract/analytics).
export type { SqlBaseType, SqlType, SqlValue } from '../../shared/contract/analytics';

export const VARCHAR = (length?: number): SqlType => (length === undefined ? { base: 'VARCHAR' } : { base: 'VARCHAR', length });
export const INTEGER: SqlType = { base: 'INTEGER' };
export const BIGINT: SqlType = { base: 'BIGINT' };
export const DOUBLE: SqlType = { base: 'DOUBLE' };
export const BOOLEAN: SqlType = { base: 'BOOLEAN' };
export const TIMESTAMP: SqlType = { base: 'TIMESTAMP' };

export function isNumeric(type: SqlType): boolean {
  return type.base === 'INTEGER' || type.base === 'BIGINT' || type.base === 'DOUBLE';
}

export function formatSqlType(type: SqlType): string {
  return type.base === 'VARCHAR' && type.length !== undefined ? `VARCHAR(${type.length})` : type.base;
}

/** Type names both dialects accept in CAST, CREATE STREAM and CREATE TABLE, mapped onto the few types we run. */
const typeAliases: Record<string, SqlBaseType> = {
  VARCHAR: 'VARCHAR', CHAR: 'VARCHAR', STRING: 'VARCHAR',
  INTEGER: 'INTEGER', INT: 'INTEGER', SMALLINT: 'INTEGER', TINYINT: 'INTEGER',
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE', FLOAT: 'DOUBLE', REAL: 'DOUBLE', DECIMAL: 'DOUBLE', NUMERIC: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP', TIMESTAMP_LTZ: 'TIMESTAMP',
};

export function sqlBaseTypeNamed(name: string): SqlBaseType | undefined {
  return typeAliases[name.toUpperCase()];
}

/** ISO-8601 date-times and KDA's "1992-02-14 18:35:44.0" form; a bare date is midnight UTC. */
const timestampPattern = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseTimestamp(text: string): number | null {
  if (!timestampPattern.test(text)) return null;
  let iso = text.replace(' ', 'T');
  if (iso.length === 10) iso += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}
