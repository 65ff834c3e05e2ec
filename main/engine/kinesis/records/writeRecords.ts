// The write path shared by PutRecord and PutRecords: route each record to an open shard by the MD5 of its
// partition key (or its ExplicitHashKey), give it the shard's next sequence integer, and store the whole call
// in one transaction. Written to stay allocation-light: 500 records is the common batch.
import { MAX_HASH_KEY } from '../../../../shared/domain/hashKey';
import { md5Into } from '../../../../shared/domain/md5';
import type { RecordParam } from '../../../storage/engineStore';
import type { ActionContext } from '../../core/action';
import type { Base64Blob } from '../../core/base64Blob';
import { invalidArgument, KinesisError, notFound, validationError } from '../../core/errors';
import { nextSeq } from './sequence';
import { hashKeyWords, routeKey, type HashKeyWords, type ShardState, type StreamState } from '../streams/streamModel';

export interface RecordToWrite {
  Data: Base64Blob;
  PartitionKey: string;
  ExplicitHashKey?: string;
}

/** A record refused by a write gate (Engine II: throughput limits, injected partial failures). */
export interface RecordFailure {
  ErrorCode: 'ProvisionedThroughputExceededException' | 'InternalFailure' | 'KMSThrottlingException' | string;
  ErrorMessage: string;
}

/** Decides per record whether it may be written; undefined lets it through. */
export type WriteGate = (ctx: ActionContext, stream: StreamState, shard: ShardState, bytes: number) => RecordFailure | undefined;

export const writeGates: WriteGate[] = [];

/** Sees every committed write call (Engine II: live stats); seqs[i] < 0 marks a record a gate refused. */
export type WriteObserver = (ctx: ActionContext, stream: StreamState, shards: readonly ShardState[], records: readonly RecordToWrite[], seqs: readonly number[]) => void;

export const writeObservers: WriteObserver[] = [];

export type WriteResult = { SequenceNumber: string; ShardId: string } | RecordFailure;

/** The stream a write goes to: ACTIVE or UPDATING, else not found (as AWS answers writes to other states). */
export function writableStream(ctx: ActionContext, input: { StreamName?: string; StreamARN?: string; StreamId?: string }): StreamState {
  const stream = ctx.engine.resolveStream(ctx, input);
  if (stream.status !== 'ACTIVE' && stream.status !== 'UPDATING') throw notFound(ctx.engine.notFoundMessage(stream.name));
  return stream;
}

/** Checks each record against the stream's maximum record size (data + partition key). */
export function checkRecordSizes(stream: StreamState, records: readonly RecordToWrite[], path: (index: number) => string): void {
  const max = stream.maxRecordSizeKiB * 1024;
  const errors: string[] = [];
  records.forEach((record, index) => {
    const length = record.Data.length;
    if (length > max && errors.length < 10) {
      errors.push(`Value 'java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]' at '${path(index)}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    }
  });
  if (errors.length > 0) {
    throw validationError(`${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`);
  }
  for (const record of records) {
    if (record.Data.length + Buffer.byteLength(record.PartitionKey) > max) {
      throw invalidArgument(`Record size (data plus partition key) exceeds the stream's maximum record size of ${max} bytes.`);
    }
  }
}

// Scratch space for partitionKeyDigest: a key is at most 256 UTF-16 units, so at most 768 bytes of UTF-8.
const keyBytes = new Uint8Array(1024);
const state = new Int32Array(4);
const digest: HashKeyWords = [0, 0, 0, 0];
const utf8 = new TextEncoder();

/** The MD5 of the key's UTF-8 as a hash key, in scratch space that the next call overwrites. */
function partitionKeyDigest(key: string): HashKeyWords {
  let length = key.length;
  for (let i = 0; i < length; i++) {
    const code = key.charCodeAt(i);
    if (code >= 0x80) {
      length = utf8.encodeInto(key, keyBytes).written;
      break;
    }
    keyBytes[i] = code;
  }
  md5Into(keyBytes, length, state);
  // The digest is the state's bytes little-endian word by word; read big-endian, each word is byte-swapped.
  for (let i = 0; i < 4; i++) {
    const w = state[i] as number;
    digest[i] = (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24)) >>> 0;
  }
  return digest;
}

function routingKey(record: RecordToWrite): HashKeyWords {
  if (record.ExplicitHashKey === undefined) return partitionKeyDigest(record.PartitionKey);
  const key = BigInt(record.ExplicitHashKey);
  if (key > MAX_HASH_KEY) {
    throw invalidArgument(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${record.ExplicitHashKey}`);
  }
  return hashKeyWords(key);
}

/**
 * Writes the records in one transaction and returns one result per record, in order. minSeq raises the first
 * sequence integer of a shard (PutRecord's SequenceNumberForOrdering).
 */
export function writeRecords(ctx: ActionContext, stream: StreamState, records: readonly RecordToWrite[], minSeq?: { shardIndex: number; seq: number }): WriteResult[] {
  const n = records.length;
  const shards = new Array<ShardState>(n);
  for (let i = 0; i < n; i++) {
    const shard = routeKey(stream, routingKey(records[i] as RecordToWrite));
    if (!shard) throw new KinesisError('InternalFailure', undefined, 500);
    shards[i] = shard;
  }
  const results = new Array<WriteResult>(n);
  const seqs = new Array<number>(n);
  const touched = new Map<ShardState, number>();
  const now = ctx.now;
  for (let i = 0; i < n; i++) {
    const shard = shards[i] as ShardState;
    const record = records[i] as RecordToWrite;
    if (writeGates.length > 0) {
      const bytes = record.Data.length + Buffer.byteLength(record.PartitionKey);
      let failure: RecordFailure | undefined;
      for (const gate of writeGates) failure ??= gate(ctx, stream, shard, bytes);
      if (failure) {
        results[i] = failure;
        seqs[i] = -1;
        continue;
      }
    }
    let last = touched.get(shard) ?? shard.lastSeq;
    if (minSeq && minSeq.shardIndex === shard.shardIndex && last < minSeq.seq) last = minSeq.seq;
    const seq = nextSeq(last, now);
    touched.set(shard, seq);
    seqs[i] = seq;
    results[i] = { SequenceNumber: shard.seqPrefix + String(seq).padStart(16, '0') + stream.identity, ShardId: shard.shardId };
  }
  const store = ctx.store;
  // Each shard's records go to its own table (storage/recordTables.ts): one parameter run per touched shard.
  const params = new Map<ShardState, RecordParam[]>();
  for (const shard of touched.keys()) params.set(shard, []);
  for (let i = 0; i < n; i++) {
    const seq = seqs[i] as number;
    if (seq < 0) continue;
    const record = records[i] as RecordToWrite;
    params.get(shards[i] as ShardState)?.push(seq, record.PartitionKey, record.Data.base64, record.ExplicitHashKey ?? null);
  }
  store.transaction(() => {
    for (const [shard, lastSeq] of touched) {
      store.insertRecords(shard.id, params.get(shard) ?? []);
      store.setShardLastSeq(shard.id, lastSeq);
    }
  });
  for (const [shard, seq] of touched) shard.lastSeq = seq;
  for (const observe of writeObservers) observe(ctx, stream, shards, records, seqs);
  return results;
}
