import { defineAction, type KinesisContext } from '../kinesis';
import { sequenceNumberRule, shardIdRequired, streamRef, type StreamRef } from '../streams/commonRules';
import { KinesisError, notFound } from '../../core/errors';
import { issueIterator } from '../records/iterators';
import { parseShardArgument, requestedName } from '../resharding/resharding';
import { t } from '../../core/rules';
import { shardIdOf } from '../records/sequence';
import type { StreamState } from '../streams/streamModel';
import { POSITION_TYPES, POSITION_TYPES_SHOWN, startingSeq } from '../records/startingPosition';

export const rules = t.struct({
  ...streamRef,
  ShardId: shardIdRequired,
  ShardIteratorType: t.enum(POSITION_TYPES, { required: true, shown: POSITION_TYPES_SHOWN }),
  StartingSequenceNumber: sequenceNumberRule,
  Timestamp: t.timestamp(),
});

export const GetShardIterator = defineAction('GetShardIterator', rules, (ctx, input) => {
  // AWS reads the digits after the first '-' (any prefix, any zero padding, at most 2^31 - 1); anything else is
  // "Could not find shard …", whether or not the stream exists.
  const index = parseShardArgument(ctx, input, input.ShardId);
  const stream = resolveNamingShard(ctx, input, index);
  const shard = stream.shardByIndex.get(index);
  if (!shard || stream.status === 'CREATING') {
    throw notFound(`Shard ${shardIdOf(index)} in stream ${stream.name} under account ${ctx.accountId} does not exist`);
  }
  const position = { type: input.ShardIteratorType, sequenceNumber: input.StartingSequenceNumber, timestamp: input.Timestamp };
  const q = startingSeq(ctx, stream, shard, position, 'GetShardIterator');
  return { ShardIterator: issueIterator(ctx, { s: stream.id, i: stream.identity, h: shard.shardIndex, q, n: stream.name }) };
});

/** The stream; when it does not exist, AWS's not-found names the shard as well as the stream and the account. */
function resolveNamingShard(ctx: KinesisContext, input: StreamRef, index: number): StreamState {
  try {
    return ctx.kinesis.resolveStream(ctx, input);
  } catch (error) {
    if (!(error instanceof KinesisError) || error.type !== 'ResourceNotFoundException') throw error;
    throw notFound(`Shard ${shardIdOf(index)} in stream ${requestedName(input)} under account ${ctx.accountId} does not exist`);
  }
}
