// The reads the list rows and the detail screen share: summary, every shard, tags, consumers, limits.
// Each one pages through to the end; none keeps a client.
import {
  DescribeLimitsCommand,
  DescribeStreamSummaryCommand,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListTagsForStreamCommand,
  type KinesisClient,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { toRpcError } from '../../../shared/contract/errors';
import type { AccountLimits, StreamConsumer, StreamProblem, StreamSummary } from '../../../shared/contract/streams';

export async function readSummary(kinesis: KinesisClient, name: string): Promise<StreamSummary> {
  const out = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
  const s = out.StreamDescriptionSummary;
  if (!s) throw new Error(`DescribeStreamSummary returned no summary for ${name}`);
  return {
    name: s.StreamName ?? name,
    arn: s.StreamARN ?? '',
    status: s.StreamStatus ?? 'UNKNOWN',
    // Backends that predate on-demand streams leave the mode out: every stream there is provisioned.
    mode: s.StreamModeDetails?.StreamMode ?? 'PROVISIONED',
    createdAt: s.StreamCreationTimestamp?.getTime() ?? 0,
    retentionHours: s.RetentionPeriodHours ?? 24,
    encryption: { type: s.EncryptionType ?? 'NONE', keyId: s.KeyId ?? null },
    openShardCount: s.OpenShardCount ?? 0,
    consumerCount: s.ConsumerCount ?? null,
    maxRecordSizeKiB: s.MaxRecordSizeInKiB ?? null,
  };
}

/** Every shard, closed ones included (ListShards without a filter), across all pages. */
export async function readShards(kinesis: KinesisClient, name: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let token: string | undefined;
  do {
    // With a NextToken, ListShards must not name the stream.
    const out = await kinesis.send(new ListShardsCommand(token ? { NextToken: token, MaxResults: 1000 } : { StreamName: name, MaxResults: 1000 }));
    shards.push(...(out.Shards ?? []));
    token = out.NextToken;
  } while (token);
  return shards;
}

/** ListTagsForStream works on every backend (ListTagsForResource is newer); pages of 10, as kinesalite caps them. */
export async function readTags(kinesis: KinesisClient, name: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  let after: string | undefined;
  for (;;) {
    const out = await kinesis.send(new ListTagsForStreamCommand({ StreamName: name, Limit: 10, ExclusiveStartTagKey: after }));
    for (const tag of out.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    after = out.Tags?.at(-1)?.Key;
    if (!out.HasMoreTags || after === undefined) return tags;
  }
}

export async function readConsumers(kinesis: KinesisClient, streamArn: string): Promise<StreamConsumer[]> {
  const consumers: StreamConsumer[] = [];
  let token: string | undefined;
  do {
    const out = await kinesis.send(new ListStreamConsumersCommand(token ? { StreamARN: streamArn, NextToken: token } : { StreamARN: streamArn }));
    for (const c of out.Consumers ?? []) {
      consumers.push({ name: c.ConsumerName ?? '', arn: c.ConsumerARN ?? '', status: c.ConsumerStatus ?? 'UNKNOWN', createdAt: c.ConsumerCreationTimestamp?.getTime() ?? null });
    }
    token = out.NextToken;
  } while (token);
  return consumers;
}

export async function readLimits(kinesis: KinesisClient): Promise<AccountLimits> {
  const out = await kinesis.send(new DescribeLimitsCommand({}));
  return {
    shardLimit: out.ShardLimit ?? null,
    openShardCount: out.OpenShardCount ?? null,
    onDemandStreamCount: out.OnDemandStreamCount ?? null,
    onDemandStreamCountLimit: out.OnDemandStreamCountLimit ?? null,
  };
}

/**
 * A read whose failure should not sink the whole answer (tags, consumers, limits): on error it gives null and
 * records the AWS code and message, so the UI can say what is missing and why.
 */
export async function tolerate<T>(part: StreamProblem['part'], problems: StreamProblem[], read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    const { code, message } = toRpcError(error);
    problems.push({ part, code, message });
    return null;
  }
}
