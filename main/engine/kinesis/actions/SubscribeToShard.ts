import { defineAction } from '../kinesis';
import { sequenceNumberRule, shardIdRequired, streamIdRule } from '../streams/commonRules';
import { inUse, invalidArgument, notFound } from '../../core/errors';
import { t } from '../../core/rules';
import { shardIdOf, shardIndexOf } from '../records/sequence';
import { ShardSubscription } from '../fanout/shardSubscription';
import { POSITION_TYPES, POSITION_TYPES_SHOWN, startingSeq } from '../records/startingPosition';
import { consumerArnRule, consumerNotFound, consumersOf, parseConsumerArn } from '../fanout/consumers';
import { StreamedResponse } from '../../core/streamedResponse';

export const rules = t.struct({
  ConsumerARN: { ...consumerArnRule, required: true as const },
  ShardId: shardIdRequired,
  StartingPosition: t.struct(
    {
      Type: t.enum(POSITION_TYPES, { required: true, shown: POSITION_TYPES_SHOWN }),
      SequenceNumber: sequenceNumberRule,
      Timestamp: t.timestamp(),
    },
    { required: true },
  ),
  StreamId: streamIdRule,
});

/**
 * Everything that can go wrong before the first event is an ordinary AWS error response; once the event stream
 * has started, errors arrive as exception events (see ShardSubscription).
 */
export const SubscribeToShard = defineAction('SubscribeToShard', rules, (ctx, input) => {
  const arn = input.ConsumerARN;
  const parsed = parseConsumerArn(arn);
  if (!parsed) throw invalidArgument(`ConsumerARN ${arn} is not a valid consumer ARN.`);
  const stream = ctx.kinesis.resolveStream(ctx, { StreamARN: parsed.streamArn, StreamId: input.StreamId });
  const consumer = consumersOf(ctx.kinesis).byArn(arn);
  if (!consumer || consumer.streamRowId !== stream.id) consumerNotFound(ctx, parsed.name, stream.arn);
  const account = ctx.accountId;
  if (consumer.status !== 'ACTIVE' || stream.status === 'DELETING') {
    // AWS's wording, spacing included (as observed in real error reports).
    throw inUse(`Consumer ${consumer.name} with creation timestamp ${Math.floor(consumer.createdMs / 1000)} under stream: ${stream.name} , account ${account} is not in ACTIVE status.`);
  }
  const index = shardIndexOf(input.ShardId);
  const shard = index === undefined ? undefined : stream.shardByIndex.get(index);
  if (!shard) {
    throw notFound(`Shard ${index === undefined ? input.ShardId : shardIdOf(index)} in stream ${stream.name} under account ${account} does not exist`);
  }
  const position = input.StartingPosition;
  const startSeq = startingSeq(ctx, stream, shard, { type: position.Type, sequenceNumber: position.SequenceNumber, timestamp: position.Timestamp }, 'SubscribeToShard');
  const subscription = new ShardSubscription(ctx.kinesis, ctx.wire, { stream, shard, consumer, startSeq }, ctx.now);
  ctx.kinesis.subscriptions.add(subscription, `Another active subscription exists for this consumer: ${account}:${stream.name}:${shard.shardId}:${consumer.name}`);
  return new StreamedResponse({}, (sink) => subscription.start(sink));
});
