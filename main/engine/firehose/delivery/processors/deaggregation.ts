// Record de-aggregation, before any other processor: KPL aggregates from a Kinesis source (always), and the
// RecordDeAggregation processor's JSON (concatenated `{…}{…}` or newline-delimited; arrays are not allowed) and
// DELIMITED (a base64-given delimiter) sub-record types, at most 500 sub-records per record.
import { hasKplMagic, KplError, parseKplAggregate } from '../../../../../shared/domain/kplAggregate';
import type { FailedRecord, PipelineRecord } from '../records';

export const MAX_SUB_RECORDS = 500;

export type SubRecordType = { type: 'JSON' } | { type: 'DELIMITED'; delimiter: Uint8Array };

interface Outcome {
  records: PipelineRecord[];
  failed: FailedRecord[];
}

function split(record: PipelineRecord, parts: Uint8Array[]): PipelineRecord[] {
  return parts.map((data, i) => ({ ...record, recordId: `${record.sourceId}.${i}`, data, subsequence: i }));
}

/** Expands KPL aggregates that came from a Kinesis stream; each sub-record keeps the aggregate's metadata. */
export function deaggregateKpl(records: readonly PipelineRecord[]): Outcome {
  const out: Outcome = { records: [], failed: [] };
  for (const record of records) {
    const kinesis = record.kinesis;
    if (!kinesis || !hasKplMagic(record.data)) {
      out.records.push(record);
      continue;
    }
    try {
      const subs = parseKplAggregate(record.data);
      subs.forEach((sub, i) => out.records.push({ ...record, recordId: `${record.sourceId}.${i}`, data: sub.data, subsequence: i, kinesis: { ...kinesis, partitionKey: sub.partitionKey, subsequenceNumber: i } }));
    } catch (error) {
      if (!(error instanceof KplError)) throw error;
      // A record that carries the magic but does not parse is delivered as it is, as the KPL's own de-aggregator does.
      out.records.push(record);
    }
  }
  return out;
}

/** Splits concatenated or newline-delimited JSON objects; throws with the reason when the bytes are not that. */
export function splitJsonObjects(data: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < data.length; i++) {
    const b = data[i] ?? 0;
    if (inString) {
      if (escaped) escaped = false;
      else if (b === 0x5c) escaped = true;
      else if (b === 0x22) inString = false;
      continue;
    }
    if (depth === 0) {
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
      if (b !== 0x7b) throw new Error(b === 0x5b ? 'a JSON array is not a supported sub-record: send objects one after the other' : `unexpected byte 0x${b.toString(16)} at ${i}: expected a JSON object`);
      start = i;
    }
    if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) depth++;
    else if (b === 0x7d || b === 0x5d) {
      depth--;
      if (depth === 0) parts.push(data.subarray(start, i + 1));
    }
  }
  if (depth !== 0 || inString) throw new Error('the data ends inside a JSON object');
  return parts;
}

export function splitDelimited(data: Uint8Array, delimiter: Uint8Array): Uint8Array[] {
  if (delimiter.length === 0) return [data];
  const parts: Uint8Array[] = [];
  let start = 0;
  outer: for (let i = 0; i <= data.length - delimiter.length; i++) {
    for (let j = 0; j < delimiter.length; j++) if (data[i + j] !== delimiter[j]) continue outer;
    parts.push(data.subarray(start, i));
    start = i + delimiter.length;
    i = start - 1;
  }
  const tail = data.subarray(start);
  if (tail.length) parts.push(tail);
  return parts;
}

/** The RecordDeAggregation processor; a record it cannot split goes to the error prefix as processing-failed. */
export function deaggregateRecords(records: readonly PipelineRecord[], kind: SubRecordType, now: number): Outcome {
  const out: Outcome = { records: [], failed: [] };
  for (const record of records) {
    try {
      const parts = kind.type === 'JSON' ? splitJsonObjects(record.data) : splitDelimited(record.data, kind.delimiter);
      if (parts.length > MAX_SUB_RECORDS) throw new Error(`the record holds ${parts.length} sub-records; at most ${MAX_SUB_RECORDS} are de-aggregated`);
      out.records.push(...split(record, parts));
    } catch (error) {
      out.failed.push({
        record,
        errorCode: 'RecordDeAggregation.Failed',
        errorMessage: `Record de-aggregation (${kind.type}) failed: ${(error as Error).message}`,
        attemptsMade: 1,
        attemptEndingMs: now,
      });
    }
  }
  return out;
}
