// The stream as a reshard sees it, read through the SDK: status and mode (DescribeStreamSummary), every shard
// (ListShards: the open ones, and the highest index ever used, which fixes the ids new shards get) and the
// account's shard limit (DescribeLimits).
import type { KinesisClient, Shard } from '@aws-sdk/client-kinesis';
import { shardIndex } from '../../../shared/domain/reshard/planSimulation';
import type { PaperShard } from '../../../shared/domain/reshard/planSimulation';
import type { StreamSummary } from '../../../shared/contract/streams';
import { readLimits, readShards, readSummary } from '../streams/streamReaders';

export interface OpenShard {
  shardId: string;
  startingHashKey: string;
  endingHashKey: string;
}

export interface StreamShape {
  summary: StreamSummary;
  open: OpenShard[];
  /** One more than the highest shard index the stream has used. */
  nextShardIndex: number;
}

export function openShardsOf(shards: readonly Shard[]): OpenShard[] {
  return shards
    .filter((s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined)
    .map((s) => ({ shardId: s.ShardId ?? '', startingHashKey: s.HashKeyRange?.StartingHashKey ?? '0', endingHashKey: s.HashKeyRange?.EndingHashKey ?? '0' }))
    .sort((a, b) => compareKeys(a.startingHashKey, b.startingHashKey));
}

export function compareKeys(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export async function readStreamShape(kinesis: KinesisClient, stream: string): Promise<StreamShape> {
  const [summary, shards] = await Promise.all([readSummary(kinesis, stream), readShards(kinesis, stream)]);
  const highest = shards.reduce((max, s) => Math.max(max, shardIndex(s.ShardId ?? '') ?? -1), -1);
  return { summary, open: openShardsOf(shards), nextShardIndex: highest + 1 };
}

export async function readAccountLimits(kinesis: KinesisClient): Promise<{ shardLimit: number; openShards: number }> {
  const limits = await readLimits(kinesis);
  return { shardLimit: limits.shardLimit ?? 500, openShards: limits.openShardCount ?? 0 };
}

export const paperShards = (open: readonly OpenShard[]): PaperShard[] =>
  open.map((s) => ({ shardId: s.shardId, start: BigInt(s.startingHashKey), end: BigInt(s.endingHashKey), isNew: false }));
