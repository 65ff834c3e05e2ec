// Auto-detecting decoders: one Kinesis record becomes one or more rows (a KPL aggregate's sub-records, a
// CloudWatch Logs batch's events), each with the chain of steps that produced it, e.g.
// ["KPL aggregate (12 records)", "gzip", "JSON"]. A step that fails says why in `error` and the row falls
// back to a hex view of the bytes that step could not read. Decompression is capped so a small "zip bomb"
// record cannot take the main process's memory.
import { gunzipSync, inflateSync } from 'node:zlib';
import { hasKplMagic, KplError, parseKplAggregate } from '../../../shared/domain/kplAggregate';

export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
const MAX_DEPTH = 4;

export type DecodedView =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'binary' };

export interface DecodedRow {
  /** Position within the Kinesis record (0 for a plain record). */
  subIndex: number;
  subCount: number;
  partitionKey: string;
  explicitHashKey: string | null;
  /** The row's own bytes as stored: a KPL sub-record's data, or the record's data. What export and replay carry. */
  data: Uint8Array;
  /** The bytes the final view was made from (after decompression); `data` when nothing was unpacked. */
  decoded: Uint8Array;
  chain: string[];
  view: DecodedView;
  /** Why a step failed (the view then is the bytes that step could not read, as hex). */
  error: string | null;
  /** For CloudWatch Logs events: the event's own timestamp and id. */
  logEvent?: { id: string; timestamp: number; logGroup: string; logStream: string };
}

export interface RawRecord {
  partitionKey: string;
  explicitHashKey?: string | null;
  data: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeRecord(record: RawRecord): DecodedRow[] {
  if (hasKplMagic(record.data)) {
    try {
      const subs = parseKplAggregate(record.data);
      const head = `KPL aggregate (${subs.length} record${subs.length === 1 ? '' : 's'})`;
      return subs.flatMap((sub, i) =>
        decodeBody(sub.data, [head]).map((part) => ({ subIndex: i, subCount: subs.length, partitionKey: sub.partitionKey, explicitHashKey: sub.explicitHashKey, data: sub.data, ...part })),
      ).map(renumber);
    } catch (error) {
      const why = error instanceof KplError ? error.message : String(error);
      return [single(record, { decoded: record.data, chain: ['KPL aggregate', 'hex'], view: { kind: 'binary' }, error: `KPL aggregate: ${why}` })];
    }
  }
  return decodeBody(record.data, []).map((part) => single(record, part)).map(renumber);
}

/** A log event carries its own `data` (the event's message), so export and replay write events, not the whole batch. */
type Part = Pick<DecodedRow, 'decoded' | 'chain' | 'view' | 'error'> & { data?: Uint8Array; logEvent?: DecodedRow['logEvent'] };

function single(record: RawRecord, part: Part): DecodedRow {
  return { subIndex: 0, subCount: 1, partitionKey: record.partitionKey, explicitHashKey: record.explicitHashKey ?? null, data: record.data, ...part };
}

/** CloudWatch Logs events within one (sub-)record get their own positions; rows stay in record order. */
function renumber(row: DecodedRow, index: number, rows: DecodedRow[]): DecodedRow {
  return rows.length === 1 && row.subCount === 1 ? row : { ...row, subIndex: index, subCount: rows.length };
}

function decodeBody(bytes: Uint8Array, chain: string[], depth = 0): Part[] {
  if (depth < MAX_DEPTH && isGzip(bytes)) {
    let out: Buffer;
    try {
      out = gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
    } catch (error) {
      return [hex(bytes, [...chain, 'gzip', 'hex'], `gzip: ${inflateReason(error)}`)];
    }
    return decodeInflated(out, [...chain, 'gzip'], depth);
  }
  if (depth < MAX_DEPTH && looksLikeZlib(bytes)) {
    try {
      const out = inflateSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
      return decodeInflated(out, [...chain, 'zlib'], depth);
    } catch (error) {
      // The zlib header is only two bytes and text can start the same way: say why, then read the bytes as they are.
      const [part] = decodeLeaf(bytes, chain);
      return [{ ...part, error: `zlib: ${inflateReason(error)}` }];
    }
  }
  return decodeLeaf(bytes, chain);
}

function decodeInflated(out: Uint8Array, chain: string[], depth: number): Part[] {
  const leaf = decodeBody(out, chain, depth + 1);
  const only = leaf[0];
  if (leaf.length === 1 && only?.view.kind === 'json' && isCloudWatchLogs(only.view.value)) return expandLogs(only.view.value, chain);
  return leaf;
}

function decodeLeaf(bytes: Uint8Array, chain: string[]): [Part] {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return [hex(bytes, [...chain, 'hex'], null)];
  }
  if (looksLikeJson(text)) {
    try {
      return [{ decoded: bytes, chain: [...chain, 'JSON'], view: { kind: 'json', value: JSON.parse(text) }, error: null }];
    } catch (error) {
      return [{ decoded: bytes, chain: [...chain, 'text'], view: { kind: 'text', text }, error: `JSON: ${(error as Error).message}` }];
    }
  }
  return [{ decoded: bytes, chain: [...chain, 'text'], view: { kind: 'text', text }, error: null }];
}

function hex(bytes: Uint8Array, chain: string[], error: string | null): Part {
  return { decoded: bytes, chain, view: { kind: 'binary' }, error };
}

interface LogsEnvelope {
  messageType: string;
  logGroup?: string;
  logStream?: string;
  logEvents: { id?: unknown; timestamp?: unknown; message?: unknown }[];
}

function isCloudWatchLogs(value: unknown): value is LogsEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.messageType === 'string' && Array.isArray(v.logEvents);
}

const encoder = new TextEncoder();

function expandLogs(envelope: LogsEnvelope, chain: string[]): Part[] {
  if (envelope.messageType === 'CONTROL_MESSAGE') {
    const bytes = encoder.encode(JSON.stringify(envelope));
    return [{ decoded: bytes, chain: [...chain, 'CloudWatch Logs control message', 'JSON'], view: { kind: 'json', value: envelope }, error: null }];
  }
  const head = `CloudWatch Logs (${envelope.logEvents.length} event${envelope.logEvents.length === 1 ? '' : 's'})`;
  return envelope.logEvents.map((event) => {
    const message = typeof event.message === 'string' ? event.message : JSON.stringify(event.message ?? null);
    const bytes = encoder.encode(message);
    const [part] = decodeLeaf(bytes, [...chain, head]);
    return {
      ...part,
      data: bytes,
      logEvent: {
        id: String(event.id ?? ''),
        timestamp: typeof event.timestamp === 'number' ? event.timestamp : 0,
        logGroup: envelope.logGroup ?? '',
        logStream: envelope.logStream ?? '',
      },
    };
  });
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 18 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 8;
}

/** CMF 0x78 (deflate, 32 KiB window) with the FLG values zlib writes, and the header checksum. */
function looksLikeZlib(b: Uint8Array): boolean {
  const [cmf = 0, flg = 0] = b;
  return b.length >= 6 && cmf === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(flg) && (cmf * 256 + flg) % 31 === 0;
}

function looksLikeJson(text: string): boolean {
  const t = text.trimStart();
  const c = t[0];
  return c === '{' || c === '[' || c === '"' || (t.length <= 64 && /^(-?\d|true$|false$|null$)/.test(t.trimEnd()));
}

function inflateReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test(e.message ?? '')) {
    return `the data inflates past ${MAX_INFLATED_BYTES / 1024 / 1024} MiB, the most the tailer unpacks`;
  }
  return e.message ?? String(error);
}
