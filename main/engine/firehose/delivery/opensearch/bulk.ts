// The OpenSearch / Elasticsearch destination: one `_bulk` request per buffer, an explicit index per document
// (rotated by the record's arrival time), `_type` when TypeName is set (Elasticsearch 6.x), and a document id that
// stays the same across retries (FIREHOSE_DEFAULT) or none (NO_DOCUMENT_ID). AWS does not publish the bytes it
// sends; this body is the bulk API's own format.
import type { OpenSearchDestinationConfiguration } from '../config/schemas';
import { concatBytes } from '../bytes';
import { dataId, type PipelineRecord } from '../records';
import type { IncomingResponse, OutgoingRequest } from '../sink';
import { rotatedIndexName, type WeekRule } from './indexRotation';

export const DEFAULT_RETRY_SECONDS = 300;
export const BULK_TIMEOUT_MS = 60_000;

export interface BulkDocument {
  record: PipelineRecord;
  index: string;
  id?: string;
}

export function bulkDocuments(config: OpenSearchDestinationConfiguration, records: readonly PipelineRecord[], weekRule: WeekRule): BulkDocument[] {
  const withId = (config.DocumentIdOptions?.DefaultDocumentIdFormat ?? 'FIREHOSE_DEFAULT') === 'FIREHOSE_DEFAULT';
  return records.map((record) => {
    const doc: BulkDocument = { record, index: rotatedIndexName(config.IndexName, config.IndexRotationPeriod, record.arrivalMs, weekRule) };
    if (withId) doc.id = dataId(record);
    return doc;
  });
}

export function bulkBody(config: OpenSearchDestinationConfiguration, docs: readonly BulkDocument[]): Uint8Array {
  const encoder = new TextEncoder();
  const newline = Uint8Array.of(0x0a);
  const parts: Uint8Array[] = [];
  for (const doc of docs) {
    const action: Record<string, string> = { _index: doc.index };
    if (config.TypeName) action._type = config.TypeName;
    if (doc.id !== undefined) action._id = doc.id;
    parts.push(encoder.encode(JSON.stringify({ index: action }) + '\n'), doc.record.data);
    if (doc.record.data[doc.record.data.length - 1] !== 0x0a) parts.push(newline);
  }
  return concatBytes(parts);
}

export function bulkRequest(endpoint: string, config: OpenSearchDestinationConfiguration, docs: readonly BulkDocument[]): OutgoingRequest {
  return { url: `${endpoint.replace(/\/+$/, '')}/_bulk`, method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body: bulkBody(config, docs), timeoutMs: BULK_TIMEOUT_MS };
}

export interface BulkItemFailure {
  position: number;
  status: number;
  error: string;
}

/** The documents a `_bulk` answer rejected (by position); throws if the answer is not a bulk response. */
export function bulkFailures(response: IncomingResponse, count: number): BulkItemFailure[] {
  const body = JSON.parse(new TextDecoder().decode(response.body)) as { errors?: boolean; items?: Record<string, { status?: number; error?: unknown }>[] };
  if (!Array.isArray(body.items) || body.items.length !== count) throw new Error(`the _bulk answer has ${body.items?.length ?? 'no'} items for ${count} documents`);
  if (!body.errors) return [];
  const failures: BulkItemFailure[] = [];
  body.items.forEach((item, position) => {
    const result = Object.values(item)[0];
    const status = result?.status ?? 0;
    if (status >= 300 || result?.error) failures.push({ position, status, error: JSON.stringify(result?.error ?? null) });
  });
  return failures;
}

/** A healthy cluster's answer to a bulk body (for the recording sink): every document created. */
export function expectedBulkResponse(body: Uint8Array): IncomingResponse {
  const lines = new TextDecoder().decode(body).split('\n');
  const items: unknown[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const action = (JSON.parse(lines[i] ?? '{}') as { index?: { _index?: string; _id?: string } }).index ?? {};
    items.push({ index: { _index: action._index, _id: action._id ?? `generated-${i / 2}`, status: 201, result: 'created' } });
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify({ took: 1, errors: false, items })) };
}
