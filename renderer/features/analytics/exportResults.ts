// The result rows as a file: CSV (RFC 4180 quoting, a header line) or JSON lines, timestamps as ISO-8601 UTC.
import { isTimestamp, type ResultColumn, type ResultRow, type ResultValue } from './resultTable';

export type ResultFormat = 'csv' | 'jsonl';

function cell(value: ResultValue, column: ResultColumn): string | number | boolean | null {
  if (value !== null && isTimestamp(column) && typeof value === 'number') return new Date(value).toISOString();
  return value;
}

function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Whether the row time needs a column of its own (a query may already select ROWTIME). */
export function rowtimeColumnNeeded(columns: readonly ResultColumn[]): boolean {
  return !columns.some((c) => c.name.toUpperCase() === 'ROWTIME');
}

export function resultLines(columns: readonly ResultColumn[], rows: readonly ResultRow[], format: ResultFormat): string[] {
  const withTime = rowtimeColumnNeeded(columns);
  if (format === 'csv') {
    const header = [...(withTime ? ['ROWTIME'] : []), ...columns.map((c) => c.name)].map(csvField).join(',');
    const line = (r: ResultRow) => [...(withTime ? [new Date(r.rowtime).toISOString()] : []), ...columns.map((c, i) => cell(r.values[i] ?? null, c))].map(csvField).join(',');
    return [header, ...rows.map(line)].map((l) => `${l}\r\n`);
  }
  return rows.map((r) => {
    const record: Record<string, string | number | boolean | null> = withTime ? { ROWTIME: new Date(r.rowtime).toISOString() } : {};
    columns.forEach((c, i) => (record[c.name] = cell(r.values[i] ?? null, c)));
    return `${JSON.stringify(record)}\n`;
  });
}

/** Starts a browser download of the rows. */
export function downloadResults(columns: readonly ResultColumn[], rows: readonly ResultRow[], format: ResultFormat, baseName: string): void {
  const blob = new Blob(resultLines(columns, rows, format), { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${baseName}-${new Date().toISOString().replace(/[:.]/g, '-')}.${format === 'csv' ? 'csv' : 'jsonl'}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
