// Local DiscoverInputSchema: infer the columns of a stream from sample payloads. JSON objects are flattened
// (`{"order":{"amount":1}}` → column `order_amount` at `$.order.amount`); arrays stay one VARCHAR column with their
// JSON text, as KDA mapped arrays to CHAR. Names follow KDA's rule: kept as they are unless reserved, not made of
// letters, digits and `_`, starting with a digit or longer than 100 characters; then `COL_<sanitised>`.
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, TIMESTAMP, VARCHAR, parseTimestamp, type SqlType } from './sqlTypes';
import { compileRecordMapper, formatPath, payloadText, RecordRejected, splitCsv, type ColumnSpec, type InputSchema, type RecordFormat } from './inputSchema';
import type { SqlValue } from './sqlTypes';
import type { ParsedSample } from '../../shared/contract/analytics';

const reservedNames = new Set([
  'ALL', 'AND', 'AS', 'AVG', 'BETWEEN', 'BY', 'CASE', 'CAST', 'COUNT', 'CURRENT_TIMESTAMP', 'DATE', 'DAY', 'DISTINCT',
  'ELSE', 'END', 'FALSE', 'FROM', 'GROUP', 'HAVING', 'HOUR', 'IN', 'INTERVAL', 'IS', 'JOIN', 'KEY', 'LIKE', 'MAX', 'MIN',
  'MINUTE', 'MONTH', 'NOT', 'NULL', 'ON', 'OR', 'ORDER', 'PARTITION', 'RANGE', 'ROWS', 'SECOND', 'SELECT', 'STREAM', 'SUM',
  'TABLE', 'THEN', 'TIME', 'TIMESTAMP', 'TRUE', 'USER', 'VALUE', 'VALUES', 'WHEN', 'WHERE', 'WINDOW', 'YEAR',
  'ROWTIME', 'APPROXIMATE_ARRIVAL_TIME', 'PARTITION_KEY', 'SEQUENCE_NUMBER', 'SHARD_ID',
]);

/** KDA's column naming rule (USER → COL_USER, USER@DOMAIN → COL_USERDOMAIN, @@ → COL_0). */
export function columnNameFor(source: string, index: number): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(source) && source.length <= 100 && !reservedNames.has(source.toUpperCase())) return source;
  const cleaned = source.replace(/[^A-Za-z0-9_]/g, '').slice(0, 96);
  return cleaned ? `COL_${cleaned}` : `COL_${index}`;
}

type Kind = 'int' | 'bigint' | 'double' | 'boolean' | 'timestamp' | 'string' | 'json';

interface Observed {
  segments: (string | number)[];
  kinds: Set<Kind>;
  maxLength: number;
}

function kindOf(v: unknown): Kind | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? (Math.abs(v) <= 2_147_483_647 ? 'int' : 'bigint') : 'double';
  if (typeof v === 'string') return parseTimestamp(v) !== null ? 'timestamp' : 'string';
  return 'json';
}

function observe(into: Map<string, Observed>, segments: (string | number)[], v: unknown): void {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) observe(into, [...segments, k], child);
    return;
  }
  const key = JSON.stringify(segments);
  let o = into.get(key);
  if (!o) {
    o = { segments, kinds: new Set(), maxLength: 0 };
    into.set(key, o);
  }
  const kind = kindOf(v);
  if (kind) o.kinds.add(kind);
  const text = typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);
  o.maxLength = Math.max(o.maxLength, text.length);
}

function typeFor(o: Observed): SqlType {
  const k = o.kinds;
  const only = (...allowed: Kind[]): boolean => k.size > 0 && [...k].every((x) => allowed.includes(x));
  if (only('int')) return INTEGER;
  if (only('int', 'bigint')) return BIGINT;
  if (only('int', 'bigint', 'double')) return DOUBLE;
  if (only('boolean')) return BOOLEAN;
  if (only('timestamp')) return TIMESTAMP;
  let n = 4;
  while (n < o.maxLength) n *= 2;
  return VARCHAR(n);
}

export interface DiscoveryResult {
  schema: InputSchema;
  /** Each sample as the inferred schema maps it (KDA's ParsedInputRecords), or the reason it was rejected. */
  parsed: ParsedSample[];
}

export interface DiscoveryOptions {
  /** CSV only: the first sample is a header line naming the columns. */
  csvHeader?: boolean;
}

/** Infers a schema from sample payloads. Samples that do not parse are listed with their reason, not counted. */
export function discoverInputSchema(samples: (Uint8Array | string)[], format: RecordFormat = { kind: 'json' }, options: DiscoveryOptions = {}): DiscoveryResult {
  const observed = new Map<string, Observed>();
  let headers: string[] | undefined;
  const rejected = new Map<number, string>();
  samples.forEach((sample, i) => {
    const text = payloadText(sample);
    if (format.kind === 'csv') {
      const fields = splitCsv(text.replace(/\r?\n$/, ''), format.delimiter);
      if (options.csvHeader && !headers) {
        headers = fields;
        rejected.set(i, 'header line');
        return;
      }
      fields.forEach((f, pos) => observe(observed, [pos], f === '' ? null : inferCsvValue(f)));
      return;
    }
    try {
      const doc: unknown = JSON.parse(text);
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) rejected.set(i, 'not a JSON object');
      else observe(observed, [], doc);
    } catch (e) {
      rejected.set(i, `not JSON: ${(e as Error).message}`);
    }
  });
  const used = new Set<string>();
  const columns: ColumnSpec[] = [...observed.values()].map((o, index) => {
    const source = format.kind === 'csv' ? (headers?.[o.segments[0] as number] ?? `COL${(o.segments[0] as number) + 1}`) : o.segments.join('_');
    let name = columnNameFor(source, index);
    for (let n = 2; used.has(name.toUpperCase()); n++) name = `${columnNameFor(source, index)}_${n}`;
    used.add(name.toUpperCase());
    return { name, path: formatPath(o.segments), type: typeFor(o) };
  });
  const schema: InputSchema = { format, columns };
  const mapper = compileRecordMapper(schema);
  const parsed = samples.map((sample, i): DiscoveryResult['parsed'][number] => {
    const known = rejected.get(i);
    if (known) return { ok: false, reason: known };
    const values: SqlValue[] = new Array<SqlValue>(columns.length);
    try {
      mapper(sample, values, 0);
      return { ok: true, values };
    } catch (e) {
      if (e instanceof RecordRejected) return { ok: false, reason: e.message };
      throw e;
    }
  });
  return { schema, parsed };
}

/** A CSV field is text; read numbers and booleans as such so their columns get numeric or boolean types. */
function inferCsvValue(field: string): unknown {
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(field)) return Number(field);
  if (/^(true|false)$/i.test(field)) return field.toLowerCase() === 'true';
  return field;
}
