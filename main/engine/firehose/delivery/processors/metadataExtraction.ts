// The MetadataExtraction processor: a JQ query per record gives the partition keys for `!{partitionKeyFromQuery:k}`.
// jq-web is jq 1.7 compiled to WebAssembly (Firehose names its engine JQ-1.6; the two differ only in corners such
// as a few builtins). One jq call per batch: `[.[] | try (q) catch {"__error": .}]`, since a call costs milliseconds.
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import type { FailedRecord, PipelineRecord } from '../records';

type Jq = Awaited<typeof import('jq-web').default>;

export const MAX_PARTITION_KEYS = 50;

// jq-web's CommonJS export is a promise. Through an ESM import its namespace gets a `then` and loaders adopt it as a
// thenable, so it is loaded with require, at run time (which also keeps jq.wasm beside jq.js in node_modules).
// The require is made on first use, not at load: in the engine's worker thread (code evaluated through tsx),
// __filename is '[worker eval]', which createRequire refuses, and the engine loads this module whether or not a
// stream uses jq.
const requireBase = (): string => (typeof __filename === 'string' && isAbsolute(__filename) ? __filename : import.meta.url);
let jqLoaded: Promise<Jq> | undefined;
const jqReady = (): Promise<Jq> => (jqLoaded ??= createRequire(requireBase())('jq-web') as Promise<Jq>);
const ERROR_KEY = '__error';

export class JqQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqQueryError';
  }
}

/** Compiles the query once against `null`, to reject a bad query when the delivery stream is created. */
export async function checkJqQuery(query: string): Promise<void> {
  const jq = await jqReady();
  try {
    jq.raw('null', `try (${query}) catch null`, ['-c']);
  } catch (error) {
    throw new JqQueryError((error as Error).message.replace(/^Non-zero exit code: \d+\n?/, '').trim());
  }
}

function keysFrom(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`the query must give a JSON object, not ${JSON.stringify(value)}`);
  const keys: Record<string, string> = {};
  const entries = Object.entries(value);
  if (entries.length > MAX_PARTITION_KEYS) throw new Error(`the query gave ${entries.length} keys; at most ${MAX_PARTITION_KEYS} are allowed`);
  for (const [k, v] of entries) {
    if (typeof v === 'string') keys[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') keys[k] = String(v);
    else throw new Error(`partition key '${k}' is ${JSON.stringify(v)}; it must be a string or a number`);
  }
  return keys;
}

export async function extractMetadata(records: readonly PipelineRecord[], query: string, now: number): Promise<{ records: PipelineRecord[]; failed: FailedRecord[] }> {
  const out: { records: PipelineRecord[]; failed: FailedRecord[] } = { records: [], failed: [] };
  const fail = (record: PipelineRecord, message: string) =>
    out.failed.push({ record, errorCode: 'DynamicPartitioning.MetadataExtractionFailed', errorMessage: message, attemptsMade: 1, attemptEndingMs: now });
  const parsed: { record: PipelineRecord; json: string }[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const record of records) {
    try {
      const text = decoder.decode(record.data);
      JSON.parse(text);
      parsed.push({ record, json: text });
    } catch (error) {
      fail(record, `Non JSON record provided: ${(error as Error).message}`);
    }
  }
  if (!parsed.length) return out;
  const jq = await jqReady();
  let results: unknown[];
  try {
    results = JSON.parse(jq.raw(`[${parsed.map((p) => p.json).join(',')}]`, `[.[] | try (${query}) catch {"${ERROR_KEY}": .}]`, ['-c'])) as unknown[];
  } catch (error) {
    for (const p of parsed) fail(p.record, `The MetadataExtractionQuery failed: ${(error as Error).message}`);
    return out;
  }
  parsed.forEach((p, i) => {
    const result = results[i];
    if (typeof result === 'object' && result !== null && ERROR_KEY in result && Object.keys(result).length === 1) {
      fail(p.record, `The MetadataExtractionQuery failed on this record: ${String((result as Record<string, unknown>)[ERROR_KEY])}`);
      return;
    }
    try {
      out.records.push({ ...p.record, queryKeys: keysFrom(result) });
    } catch (error) {
      fail(p.record, (error as Error).message);
    }
  });
  return out;
}
