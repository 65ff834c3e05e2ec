// Export of a session's rows to NDJSON or CSV. NDJSON lines are what import reads back ({partitionKey, data
// base64, ...} plus the row's metadata and its decoded text when it is text); CSV has the same columns flat.
// Rows whose data was evicted from memory are read again from Kinesis.
import type { TailSession } from './tailSession';
import { decodeRecord } from './decoders';
import { fetchRecord } from './recordFetch';
import type { KeptRow } from './rowStore';

export type ExportFormat = 'ndjson' | 'csv';

const CSV_COLUMNS = ['arrival', 'arrivalMs', 'shardId', 'sequenceNumber', 'subIndex', 'partitionKey', 'explicitHashKey', 'size', 'chain', 'text', 'data'];
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function selectRows(session: TailSession, ids: readonly string[] | null): KeptRow[] {
  if (ids === null) return [...session.rows.all()];
  return ids.map((id) => session.rows.get(id)).filter((r): r is KeptRow => r !== undefined);
}

export function exportHeader(format: ExportFormat): string {
  return format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';
}

export async function exportLine(session: TailSession, row: KeptRow, format: ExportFormat): Promise<string> {
  const data = row.data ?? (await reread(session, row));
  let text: string | null = null;
  try {
    text = utf8.decode(data);
  } catch {
    text = null;
  }
  const fields = {
    arrival: new Date(row.arrivalMs).toISOString(),
    arrivalMs: row.arrivalMs,
    shardId: row.shardId,
    sequenceNumber: row.sequenceNumber,
    subIndex: row.subIndex,
    partitionKey: row.partitionKey,
    explicitHashKey: row.explicitHashKey,
    size: data.length,
    chain: row.chain,
    text,
    data: Buffer.from(data).toString('base64'),
  };
  if (format === 'ndjson') return `${JSON.stringify(fields)}\n`;
  return `${CSV_COLUMNS.map((c) => csvCell(c === 'chain' ? fields.chain.join(' > ') : fields[c as keyof typeof fields])).join(',')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function reread(session: TailSession, row: KeptRow): Promise<Uint8Array> {
  const record = await fetchRecord(session.connection.kinesis(), session.stream, row.shardId, row.sequenceNumber);
  const decoded = decodeRecord({ partitionKey: record.partitionKey, data: record.data });
  return decoded[row.subIndex]?.data ?? record.data;
}
