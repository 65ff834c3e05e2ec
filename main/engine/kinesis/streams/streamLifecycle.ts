// Creating a stream: the shard-limit check, even hash ranges, rows for the stream and its shards.
// Shared by CreateStream and by startEngine's createStreams option.
import { evenHashRanges } from '../../../../shared/domain/hashKey';
import { inUse, limitExceeded } from '../../core/errors';
import type { Kinesis } from '../kinesis';
import { SEQ_PER_MS } from '../records/sequence';
import { newIdentity, newStreamId, streamArnOf } from './streamModel';

export interface NewStreamSpec {
  region: string;
  name: string;
  shardCount: number;
  mode: 'PROVISIONED' | 'ON_DEMAND';
  tags?: Record<string, string>;
  maxRecordSizeKiB?: number;
  settings?: Record<string, unknown>;
  /** CREATING lasts this long; 0 creates it ACTIVE at once. */
  delayMs: number;
}

export function shardLimitMessage(kinesis: Kinesis, region: string, current: number, adding: number): string {
  return (
    `This request would exceed the shard limit for the account ${kinesis.config.accountId} in ${region}. ` +
    `Current shard count for the account: ${current}. Limit: ${kinesis.config.shardLimit}. ` +
    `Number of additional shards that would have resulted from this request: ${adding}. ` +
    'Refer to the AWS Service Limits page (https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) ' +
    'for current limits and how to request higher limits.'
  );
}

/** LimitExceededException when adding shards would pass the account's open-shard limit in the region. */
export function checkShardLimit(kinesis: Kinesis, region: string, adding: number): void {
  const current = kinesis.store.openShardCount(region);
  if (current + adding > kinesis.config.shardLimit) throw limitExceeded(shardLimitMessage(kinesis, region, current, adding));
}

export function createStream(kinesis: Kinesis, spec: NewStreamSpec): number {
  const { store, config } = kinesis;
  return store.transaction(() => {
    if (kinesis.findStream(spec.region, spec.name)) {
      throw inUse(`Stream ${spec.name} under account ${config.accountId} already exists.`);
    }
    checkShardLimit(kinesis, spec.region, spec.shardCount);
    const now = kinesis.clock();
    const arn = streamArnOf(spec.region, config.accountId, spec.name);
    const streamRowId = store.insertStream({
      region: spec.region,
      name: spec.name,
      streamId: newStreamId(),
      arn,
      status: 'ACTIVE',
      statusDueMs: null,
      mode: spec.mode,
      createdMs: now,
      retentionHours: 24,
      encryptionType: 'NONE',
      keyId: null,
      shardLevelMetrics: [],
      maxRecordSizeKiB: spec.maxRecordSizeKiB ?? 1024,
      settings: spec.settings ?? {},
      nextShardIndex: spec.shardCount,
      identity: newIdentity(arn, now),
    });
    const startingSeq = now * SEQ_PER_MS;
    evenHashRanges(spec.shardCount).forEach((range, shardIndex) => {
      store.insertShard({
        streamRowId,
        shardIndex,
        parentIndex: null,
        adjacentParentIndex: null,
        startHash: range.StartingHashKey,
        endHash: range.EndingHashKey,
        startingSeq,
        endingSeq: null,
        lastSeq: startingSeq - 1,
        createdMs: now,
        closedMs: null,
      });
    });
    if (spec.tags) store.setTags(streamRowId, spec.tags);
    if (spec.delayMs > 0) kinesis.beginTransition(streamRowId, 'CREATING', spec.delayMs);
    return streamRowId;
  });
}
