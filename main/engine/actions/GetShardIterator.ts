import { defineAction } from '../action';
import { sequenceNumberRule, shardIdRequired, streamRef } from '../commonRules';
import { invalidArgument, notFound } from '../errors';
import { issueIterator } from '../iterators';
import { t } from '../rules';
import { decodeSequence, SEQ_PER_MS, shardIdOf, shardIndexOf } from '../sequence';

const TYPES = ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] as const;

export const rules = t.struct({
  ...streamRef,
  ShardId: shardIdRequired,
  ShardIteratorType: t.enum(TYPES, { required: true, shown: ['AFTER_SEQUENCE_NUMBER', 'LATEST', 'AT_TIMESTAMP', 'AT_SEQUENCE_NUMBER', 'TRIM_HORIZON'] }),
  StartingSequenceNumber: sequenceNumberRule,
  Timestamp: t.timestamp(),
});

const EITHER =
  'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber.';

export const GetShardIterator = defineAction('GetShardIterator', rules, (ctx, input) => {
  const stream = ctx.engine.resolveStream(ctx, input);
  const account = ctx.accountId;
  const index = shardIndexOf(input.ShardId);
  const shard = index === undefined ? undefined : stream.shardByIndex.get(index);
  if (!shard || stream.status === 'CREATING') {
    throw notFound(`Shard ${index === undefined ? input.ShardId : shardIdOf(index)} in stream ${stream.name} under account ${account} does not exist`);
  }
  const type = input.ShardIteratorType;
  const start = input.StartingSequenceNumber;
  let q: number;
  if (type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER') {
    if (start === undefined) throw invalidArgument(`${EITHER} Request specified ${type} and no StartingSequenceNumber.`);
    const invalid = `StartingSequenceNumber ${start} used in GetShardIterator on shard ${shard.shardId} in stream ${stream.name} under account ${account} is invalid`;
    const decoded = decodeSequence(start);
    if (!decoded) throw invalidArgument(`${invalid}.`);
    if (decoded.shardIndex !== shard.shardIndex) {
      throw invalidArgument(`Invalid StartingSequenceNumber. It encodes ${shardIdOf(decoded.shardIndex)}, while it was used in a call to a shard with ${shard.shardId}`);
    }
    if (decoded.identity !== stream.identity) throw invalidArgument(`${invalid} because it did not come from this stream.`);
    q = type === 'AT_SEQUENCE_NUMBER' ? decoded.seq : decoded.seq + 1;
  } else if (start !== undefined) {
    throw invalidArgument(`${EITHER} Request specified ${type} and also a StartingSequenceNumber.`);
  } else if (type === 'TRIM_HORIZON') {
    q = 0;
  } else if (type === 'LATEST') {
    q = shard.lastSeq + 1;
  } else {
    if (input.Timestamp === undefined) {
      throw invalidArgument('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
    }
    if (input.Timestamp > ctx.now) {
      throw invalidArgument(
        `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${input.Timestamp}, currentTimestampInMillis: ${ctx.now}`,
      );
    }
    q = Math.max(0, input.Timestamp * SEQ_PER_MS);
  }
  return { ShardIterator: issueIterator(ctx, { s: stream.id, i: stream.identity, h: shard.shardIndex, q }) };
});
