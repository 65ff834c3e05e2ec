import { defineAction } from '../../kinesis';
import { invalidArgument } from '../../../core/errors';
import { t } from '../../../core/rules';
import { shardIdOf } from '../../records/sequence';
import type { ShardState } from '../../streams/streamModel';
import type { RestoreStreamResult } from '../adminTypes';
import { adminStreamRef } from '../adminStreams';
import { checkPath, readSnapshot } from '../snapshotFile';

export const rules = t.struct({ ...adminStreamRef, Path: t.string({ min: 1, max: 4096, required: true }) });

/**
 * Replaces the stream's records with a snapshot's, in one transaction (all or nothing): each record goes back to
 * the shard with its index and keeps its sequence integer, hence its arrival time. Public sequence numbers are
 * identical when restoring into the stream the snapshot came from (same identity and shard creation times); a
 * recreated stream of the same name gives numbers with the same seq in their counter but its own stream tag and
 * shard creation second. Shards' next sequence numbers move past the
 * restored ones.
 */
export const RestoreStream = defineAction('RestoreStream', rules, (ctx, input) => {
  checkPath(input.Path);
  const stream = ctx.kinesis.resolveStream(ctx, input);
  ctx.kinesis.requireActive(stream);
  let records = 0;
  let sameIdentity = false;
  const highest = new Map<ShardState, number>();
  ctx.store.transaction(() => {
    for (const shard of stream.shards) ctx.store.trimRecords(shard.id, Number.MAX_SAFE_INTEGER);
    let last: ShardState | undefined;
    readSnapshot(
      input.Path,
      (header) => {
        sameIdentity = header.identity === stream.identity;
      },
      (record) => {
        const shard = last?.shardIndex === record.s ? last : stream.shardByIndex.get(record.s);
        if (!shard) throw invalidArgument(`Snapshot shard ${shardIdOf(record.s)} does not exist in stream ${stream.name}.`);
        last = shard;
        ctx.store.insertRecords(shard.id, [record.q, record.k, Buffer.from(record.d, 'base64').toString('base64') /* canonical form */, null]);
        if (record.q > (highest.get(shard) ?? -1)) highest.set(shard, record.q);
        records++;
      },
    );
    for (const [shard, seq] of highest) if (seq > shard.lastSeq) ctx.store.setShardLastSeq(shard.id, seq);
  });
  // The cached shard view follows the store, as writeRecords keeps it.
  for (const [shard, seq] of highest) if (seq > shard.lastSeq) shard.lastSeq = seq;
  const result: RestoreStreamResult = { StreamName: stream.name, Path: input.Path, Records: records, SequenceNumbersPreserved: sameIdentity };
  return result;
});
