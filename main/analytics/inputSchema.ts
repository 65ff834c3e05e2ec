// The input schema is data: a typed list of columns, each with the path it reads from the record, as KDA's
// RecordColumns were ({Name, SqlType, Mapping}). The user may rename and retype columns before running a query.
// A record is mapped onto a row of values; a record that does not parse or whose value cannot be coerced to its
// column's type is rejected with a reason (KDA's error_stream), never dropped silently.
import type { InputSchema } from '../../shared/contract/analytics';
import { parseTimestamp, type SqlType, type SqlValue } from './sqlTypes';

// The schema's types are the contract's (shared/contract/analytics), declared once.
export type { ColumnSpec, InputSchema, RecordFormat } from '../../shared/contract/analytics';

export class RecordRejected extends Error {}

const decoder = new TextDecoder('utf-8');

export function payloadText(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : decoder.decode(data);
}

/** Coerces one JSON (or CSV text) value to a column type, following KDA's JSON-to-SQL mapping table. */
export function coerceValue(value: unknown, type: SqlType, column: string): SqlValue {
  if (value === null || value === undefined) return null;
  switch (type.base) {
    case 'VARCHAR': {
      const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
      return type.length !== undefined && s.length > type.length ? s.slice(0, type.length) : s;
    }
    case 'INTEGER':
    case 'BIGINT':
    case 'DOUBLE': {
      let n: number;
      if (typeof value === 'number') n = value;
      else if (typeof value === 'boolean') n = value ? 1 : 0;
      else if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) n = Number(value);
      else throw new RecordRejected(`column ${column}: ${preview(value)} is not a number`);
      if (type.base !== 'DOUBLE') {
        if (!Number.isInteger(n)) throw new RecordRejected(`column ${column}: ${n} is not a whole number (${type.base})`);
        if (type.base === 'INTEGER' && (n > 2_147_483_647 || n < -2_147_483_648)) throw new RecordRejected(`column ${column}: ${n} overflows INTEGER`);
      }
      return n;
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') return value.toLowerCase() === 'true';
      throw new RecordRejected(`column ${column}: ${preview(value)} is not a boolean`);
    case 'TIMESTAMP': {
      if (typeof value === 'string') {
        const ms = parseTimestamp(value);
        if (ms !== null) return ms;
      }
      throw new RecordRejected(`column ${column}: ${preview(value)} is not a timestamp`);
    }
  }
}

function preview(value: unknown): string {
  const s = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

/** `$.a.b` → ['a', 'b']; `$["odd key"].c` → ['odd key', 'c']; `$[2]` → [2]. */
export function parsePath(path: string): (string | number)[] {
  if (!path.startsWith('$')) throw new Error(`path ${path} must start with $`);
  const out: (string | number)[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) throw new Error(`path ${path} is not a simple JSONPath ($.a.b, $[0], $["a b"])`);
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3] ?? ''}"`) as string));
  }
  return out;
}

export function formatPath(segments: (string | number)[]): string {
  return '$' + segments.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
}

/** Splits one CSV line; fields may be double-quoted (with "" for a quote inside). */
export function splitCsv(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i];
        i++;
      }
      fields.push(value);
      if (line.startsWith(delimiter, i)) i += delimiter.length;
      else return fields;
    } else {
      const end = line.indexOf(delimiter, i);
      if (end < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, end));
      i = end + delimiter.length;
    }
  }
}

/** Compiles the schema once into a function from a payload to the column values (written into `out` from `offset`). */
export function compileRecordMapper(schema: InputSchema): (data: Uint8Array | string, out: SqlValue[], offset: number) => void {
  const columns = schema.columns.map((c) => ({ name: c.name, type: c.type, path: parsePath(c.path) }));
  if (schema.format.kind === 'csv') {
    const delimiter = schema.format.delimiter;
    const positions = columns.map((c) => {
      const p = c.path[0];
      if (c.path.length !== 1 || typeof p !== 'number') throw new Error(`CSV column ${c.name} needs a position path such as $[0], not ${formatPath(c.path)}`);
      return p;
    });
    return (data, out, offset) => {
      const text = payloadText(data).replace(/\r?\n$/, '');
      const fields = splitCsv(text, delimiter);
      for (let i = 0; i < columns.length; i++) {
        const field = fields[positions[i] as number];
        const c = columns[i] as (typeof columns)[number];
        out[offset + i] = field === undefined || field === '' ? null : coerceValue(field, c.type, c.name);
      }
    };
  }
  return (data, out, offset) => {
    let doc: unknown;
    const text = payloadText(data);
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new RecordRejected(`not JSON: ${(e as Error).message}`);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new RecordRejected('not a JSON object');
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i] as (typeof columns)[number];
      let v: unknown = doc;
      for (let s = 0; s < c.path.length && v !== undefined && v !== null; s++) v = (v as Record<string | number, unknown>)[c.path[s] as string | number];
      out[offset + i] = coerceValue(v, c.type, c.name);
    }
  };
}
