// A reference table for a stream–table join, given as CSV (a header line) or JSON (an array of objects, or one
// object per line). Its columns and types are inferred the way a stream's are (schema discovery), so a table
// reads exactly like the records it is joined with. Small and bounded: the whole table is held by the query.
import type { ReferenceTableInput } from '../../../shared/contract/analytics';
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import type { ReferenceTable } from '../../analytics/queryPlan';
import { discoverInputSchema } from '../../analytics/schemaDiscovery';
import type { SqlValue } from '../../analytics/sqlTypes';

export const MAX_REFERENCE_ROWS = 10_000;

function invalid(name: string, message: string): RpcError {
  return new RpcError(ErrorCode.ValidationException, `Reference table ${name}: ${message}`);
}

function jsonSamples(input: ReferenceTableInput): string[] {
  const text = input.text.trim();
  if (!text.startsWith('[')) return text.split(/\r?\n/).filter((line) => line.trim() !== '');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw invalid(input.name, `not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc)) throw invalid(input.name, 'a JSON table is an array of objects, or one object per line');
  return doc.map((row) => JSON.stringify(row));
}

export function parseReferenceTable(input: ReferenceTableInput): ReferenceTable {
  const samples = input.format === 'json' ? jsonSamples(input) : input.text.split(/\r?\n/).filter((line) => line !== '');
  const rowCount = input.format === 'csv' ? samples.length - 1 : samples.length;
  if (rowCount < 1) throw invalid(input.name, 'it has no rows');
  if (rowCount > MAX_REFERENCE_ROWS) throw invalid(input.name, `${rowCount} rows is more than the ${MAX_REFERENCE_ROWS} a reference table may hold`);
  const format = input.format === 'csv' ? { kind: 'csv' as const, delimiter: input.delimiter } : { kind: 'json' as const };
  const { schema, parsed } = discoverInputSchema(samples, format, { csvHeader: input.format === 'csv' });
  const rows: SqlValue[][] = [];
  parsed.forEach((p, i) => {
    if (input.format === 'csv' && i === 0) return;
    if (!p.ok) throw invalid(input.name, `row ${input.format === 'csv' ? i : i + 1}: ${p.reason}`);
    rows.push(p.values);
  });
  return { name: input.name, columns: schema.columns.map((c) => ({ name: c.name, type: c.type })), rows };
}
