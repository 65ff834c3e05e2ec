import { defineAction } from '../kinesis';
import { sequenceNumberRule, shardIdRequired, streamRef } from '../streams/commonRules';
import { notFound } from '../../core/errors';
import { issueIterator } from '../records/iterators';
import { t } from '../../core/rules';
import { shardIdOf, shardIndexOf } from '../records/sequence';
import { POSITION_TYPES, POSITION_TYPES_SHOWN, startingSeq } from '../records/startingPosition';

export const rules = t.struct({
  ...streamRef,
  ShardId: shardIdRequired,
  ShardIteratorType: t.enum(POSITION_TYPES, { required: true, shown: POSITION_TYPES_SHOWN }),
  StartingSequenceNumber: sequenceNumberRule,
  Timestamp: t.timestamp(),
});

export const GetShardIterator = defineAction('GetShardIterator', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  const index = shardIndexOf(input.ShardId);
  const shard = index === undefined ? undefined : stream.shardByIndex.get(index);
  if (!shard || stream.status === 'CREATING') {
    throw notFound(`Shard ${index === undefined ? input.ShardId : shardIdOf(index)} in stream ${stream.name} under account ${ctx.accountId} does not exist`);
  }
  const position = { type: input.ShardIteratorType, sequenceNumber: input.StartingSequenceNumber, timestamp: input.Timestamp };
  const q = startingSeq(ctx, stream, shard, position, 'GetShardIterator');
  return { ShardIterator: issueIterator(ctx, { s: stream.id, i: stream.identity, h: shard.shardIndex, q }) };
});
