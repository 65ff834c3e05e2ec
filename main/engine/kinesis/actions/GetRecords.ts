import { defineAction } from '../kinesis';
import { base64Length } from '../../core/base64Blob';
import { streamArn, streamIdRule } from '../streams/commonRules';
import { invalidArgument, notFound } from '../../core/errors';
import { issueIterator, readIterator } from '../records/iterators';
import { childShards } from '../resharding/childShards';
import { t } from '../../core/rules';
import { SEQ_PER_MS, seqToMs, shardIdOf } from '../records/sequence';
import { asciiJsonString, renderedJsonList } from '../../core/wire';

export const rules = t.struct({
  ShardIterator: t.string({ min: 1, max: 512, required: true }),
  Limit: t.integer({ min: 1, max: 10000 }),
  StreamARN: streamArn,
  StreamId: streamIdRule,
});

/** AWS stops adding records once a response would pass 10 MiB. */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export const GetRecords = defineAction('GetRecords', rules, (ctx, input) => {
  const position = readIterator(ctx, input.ShardIterator);
  const stream = ctx.kinesis.findStreamById(position.s);
  if (!stream || stream.identity !== position.i) {
    throw notFound(`Shard ${shardIdOf(position.h)} in stream ${position.n ?? ''} under account ${ctx.accountId} does not exist`);
  }
  if ((input.StreamARN !== undefined && input.StreamARN !== stream.arn) || (input.StreamId !== undefined && input.StreamId !== stream.streamId)) {
    throw invalidArgument('Invalid ShardIterator.');
  }
  const shard = stream.shardByIndex.get(position.h);
  if (!shard) throw notFound(`Shard ${shardIdOf(position.h)} in stream ${stream.name} under account ${ctx.accountId} does not exist`);
  for (const hook of ctx.kinesis.hooks.readHooks) hook.before(ctx, stream, shard);

  // Records past retention read as gone even before the trimming job removes them.
  const horizon = (ctx.now - stream.retentionHours * 3_600_000) * SEQ_PER_MS;
  const from = Math.max(position.q, horizon);
  const rows = ctx.store.readRecords(shard.id, from, input.Limit ?? 10000);
  // JSON (every SDK but Java's) takes the hot path: the records rendered straight to ASCII JSON text, the stored
  // base64 going out as it is. CBOR gets plain objects for its encoder. The same loop decides what goes in.
  const json = ctx.wire.protocol === 'json';
  const wire = ctx.wire;
  const sequences = shard.sequences;
  const identity = stream.identity;
  const records: object[] = [];
  let text = '';
  let count = 0;
  let bytes = 0;
  let next = position.q;
  for (const [seq, partitionKey, data] of rows) {
    const size = base64Length(data) + partitionKey.length;
    if (bytes + size > MAX_RESPONSE_BYTES && count > 0) break;
    bytes += size;
    const sequenceNumber = sequences.encode(seq);
    if (json) {
      text += `${count > 0 ? ',' : ''}{"SequenceNumber":"${sequenceNumber}","ApproximateArrivalTimestamp":${seqToMs(seq) / 1000},"Data":"${data}","PartitionKey":${asciiJsonString(partitionKey)}}`;
    } else {
      records.push({ SequenceNumber: sequenceNumber, ApproximateArrivalTimestamp: wire.time(seqToMs(seq)), Data: wire.blob(data), PartitionKey: partitionKey });
    }
    count++;
    next = seq + 1;
  }
  if (rows.length === 0) next = Math.max(position.q, Math.min(from, shard.lastSeq + 1));
  const caughtUp = rows.length === 0 || next > shard.lastSeq;
  const millisBehind = caughtUp || count === 0 ? 0 : Math.max(0, ctx.now - seqToMs(next - 1));
  for (const hook of ctx.kinesis.hooks.readHooks) hook.after(ctx, stream, shard, count, bytes, millisBehind);
  // A drained closed shard gets no further iterator, its children instead.
  const tail: Record<string, unknown> =
    shard.endingSeq !== null && caughtUp ? { ChildShards: childShards(stream, shard) } : { NextShardIterator: issueIterator(ctx, { s: stream.id, i: identity, h: shard.shardIndex, q: next, n: stream.name }) };
  if (!json) return { Records: records, MillisBehindLatest: millisBehind, ...tail };
  return renderedJsonList('Records', text, { MillisBehindLatest: millisBehind, ...tail });
});
