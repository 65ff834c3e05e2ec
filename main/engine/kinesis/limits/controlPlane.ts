// Control-plane rate limits that bite real users, as LimitExceededException: DescribeStream 10/s per account,
// ListShards 1,000/s per stream, GetShardIterator 5/s per shard, SubscribeToShard once per second per consumer
// and shard. Applied when the stream the request names has realistic limits.
import type { ActionInterceptor } from '../../core/actionService';
import { limitExceeded } from '../../core/errors';
import type { KinesisContext, KinesisControls } from '../kinesis';
import { requestTarget } from '../controls/requestTarget';
import { shardIndexOf } from '../records/sequence';
import { shardRateMessage, streamRateMessage, subscribeRateExceeded } from './limitMessages';

const LIMITED = new Set(['DescribeStream', 'ListShards', 'GetShardIterator', 'SubscribeToShard']);

export function controlPlaneInterceptor(controls: KinesisControls): ActionInterceptor<KinesisContext> {
  return (action, ctx, body) => {
    const limits = controls.limits;
    if (limits.allOff || !LIMITED.has(action)) return;
    const target = requestTarget(ctx, action, body);
    const stream = target.stream;
    if (!stream || limits.modeFor(stream) !== 'realistic') return;
    const now = ctx.now;
    const account = ctx.accountId;
    if (action === 'DescribeStream') {
      if (!limits.account(stream.region, now).take(1, now)) throw limitExceeded(streamRateMessage(stream.name, account));
      return;
    }
    if (action === 'ListShards') {
      if (!limits.stream(stream, now).listShards.take(1, now)) throw limitExceeded(streamRateMessage(stream.name, account));
      return;
    }
    const index = target.shardId === undefined ? undefined : shardIndexOf(target.shardId);
    const shard = index === undefined ? undefined : stream.shardByIndex.get(index);
    if (!shard) return;
    if (action === 'GetShardIterator') {
      if (!limits.shard(shard, now).iteratorCalls.take(1, now)) throw limitExceeded(shardRateMessage(shard.shardId, stream.name, account));
      return;
    }
    const consumerArn = (body as { ConsumerARN?: unknown }).ConsumerARN;
    if (typeof consumerArn === 'string' && !limits.subscription(consumerArn, shard.shardId, now).take(1, now)) {
      throw subscribeRateExceeded(consumerArn, shard.shardId, account);
    }
  };
}
