// The write path shared by PutRecord and PutRecords: route each record to an open shard (records/keyRouting.ts),
// ask the engine's write gates (limits, injected partial failures) about it, give it the shard's next sequence
// integer, store the whole call in one transaction, then tell the write observers (live stats, waking
// SubscribeToShard subscriptions). Written to stay allocation-light: 500 records is the common batch.
import type { RecordParam } from '../../../storage/engineStore';
import { invalidArgument, KinesisError, notFound, validationError } from '../../core/errors';
import type { KinesisContext } from '../kinesis';
import type { ShardState, StreamState } from '../streams/streamModel';
import { routeKey } from '../streams/streamModel';
import { routingKey } from './keyRouting';
import type { RecordFailure, RecordToWrite, WriteResult } from './recordTypes';
import { type DecodedSequence, nextSeq } from './sequence';

/** The stream a write goes to: ACTIVE or UPDATING, else not found (as AWS answers writes to other states). */
export function writableStream(ctx: KinesisContext, input: { StreamName?: string; StreamARN?: string; StreamId?: string }): StreamState {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  if (stream.status !== 'ACTIVE' && stream.status !== 'UPDATING') throw notFound(ctx.kinesis.notFoundMessage(stream.name));
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

/**
 * Writes the records in one transaction and returns one result per record, in order. minSeq raises the first
 * sequence integer of the shard that made it (PutRecord's SequenceNumberForOrdering).
 */
export function writeRecords(ctx: KinesisContext, stream: StreamState, records: readonly RecordToWrite[], minSeq?: DecodedSequence): WriteResult[] {
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
  const gates = ctx.kinesis.hooks.writeGates;
  for (let i = 0; i < n; i++) {
    const shard = shards[i] as ShardState;
    const record = records[i] as RecordToWrite;
    if (gates.length > 0) {
      const bytes = record.Data.length + Buffer.byteLength(record.PartitionKey);
      let failure: RecordFailure | undefined;
      for (const gate of gates) failure ??= gate(ctx, stream, shard, bytes);
      if (failure) {
        results[i] = failure;
        seqs[i] = -1;
        continue;
      }
    }
    let last = touched.get(shard) ?? shard.lastSeq;
    if (minSeq && last < minSeq.seq && shard.sequences.owns(minSeq)) last = minSeq.seq;
    const seq = nextSeq(last, now);
    touched.set(shard, seq);
    seqs[i] = seq;
    results[i] = { SequenceNumber: shard.sequences.encode(seq), ShardId: shard.shardId };
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
  for (const observe of ctx.kinesis.hooks.writeObservers) observe(ctx, stream, shards, records, seqs);
  return results;
}
