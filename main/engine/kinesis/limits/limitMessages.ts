// AWS's throttling messages, in one place so limits and injected faults say the same thing.
import { KinesisError, limitExceeded } from '../../core/errors';

export function shardRateMessage(shardId: string, streamName: string, accountId: string): string {
  return `Rate exceeded for shard ${shardId} in stream ${streamName} under account ${accountId}.`;
}

export function streamRateMessage(streamName: string, accountId: string): string {
  return `Rate exceeded for stream ${streamName} under account ${accountId}.`;
}

export function throughputExceeded(message: string): KinesisError {
  return new KinesisError('ProvisionedThroughputExceededException', message);
}

/** SubscribeToShard's limit has no published sample message; this one names what is limited, in AWS's style. */
export function subscribeRateExceeded(consumerArn: string, shardId: string, accountId: string): KinesisError {
  return limitExceeded(`Rate exceeded for consumer ${consumerArn} and shard ${shardId} under account ${accountId}.`);
}
