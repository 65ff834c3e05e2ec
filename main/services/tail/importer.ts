// NDJSON import: one record per line, {"partitionKey": "...", "data": "<base64>"} (what export writes), or with
// "text" (UTF-8) or "json" (any JSON value, sent compact) instead of "data" ("data" wins when several are
// there); "explicitHashKey" is optional; other fields (export's metadata) are ignored.
// Blank lines are skipped; an unreadable line is reported with its number and never sent.
import { z } from 'zod';
import type { OutRecord, StreamWriter } from './streamWriter';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const Line = z.object({
  partitionKey: z.string().min(1).max(256),
  explicitHashKey: z.string().regex(/^(0|[1-9]\d{0,38})$/).nullish(),
  data: z.string().regex(BASE64, 'data must be base64').optional(),
  text: z.string().nullish(),
  json: z.unknown().optional(),
});

export type ParsedLine = { ok: true; record: OutRecord } | { ok: false; partitionKey: string | null; message: string };

export function parseLine(text: string, line: number): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, partitionKey: null, message: `not JSON: ${(error as Error).message}` };
  }
  const parsed = Line.safeParse(value);
  if (!parsed.success) {
    const pk = typeof (value as { partitionKey?: unknown })?.partitionKey === 'string' ? String((value as { partitionKey: string }).partitionKey) : null;
    return { ok: false, partitionKey: pk, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') };
  }
  const l = parsed.data;
  // data wins: export writes the exact bytes there, and text beside it only to be readable.
  let data: Buffer;
  if (l.data !== undefined) data = Buffer.from(l.data, 'base64');
  else if (typeof l.text === 'string') data = Buffer.from(l.text, 'utf8');
  else if ('json' in (value as object)) data = Buffer.from(JSON.stringify(l.json), 'utf8');
  else return { ok: false, partitionKey: l.partitionKey, message: 'give data (base64), text or json' };
  return { ok: true, record: { line, shardId: null, sequenceNumber: null, partitionKey: l.partitionKey, explicitHashKey: l.explicitHashKey ?? null, data } };
}

/** Feeds lines to the writer (which batches and sends); numbering starts at `firstLine`. */
export async function importLines(lines: AsyncIterable<string> | Iterable<string>, firstLine: number, writer: StreamWriter, signal: AbortSignal, onLine?: () => Promise<void>): Promise<void> {
  let n = firstLine - 1;
  for await (const text of lines) {
    n++;
    if (signal.aborted) break;
    if (text.trim() === '') continue;
    const parsed = parseLine(text, n);
    if (parsed.ok) await writer.add(parsed.record);
    else writer.reject({ line: n, shardId: null, sequenceNumber: null, partitionKey: parsed.partitionKey }, 'InvalidLine', `line ${n}: ${parsed.message}`);
    if (onLine) await onLine();
  }
  await writer.flush();
}
