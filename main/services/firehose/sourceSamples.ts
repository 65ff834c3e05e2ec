// The newest N records of a Kinesis stream, as preview samples: the tailer's time-window reads (within the tailer's
// read budget per shard), widening the window back from now until there are enough, newest kept, oldest first.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { readShards } from '../streams/streamReaders';
import { compareRecords } from '../tail/mergeHeap';
import { readTimeRange } from '../tail/rangeRead';
import { AWS_READ_CALLS_PER_SECOND, ReadBudget } from '../tail/readBudget';
import type { ShardRecord } from '../tail/shardRecords';

/** Windows looked back over, shortest first: a quiet stream costs a few calls, a busy one stops early. */
const WINDOWS_MS = [5 * 60_000, 60 * 60_000, 24 * 60 * 60_000];

export async function newestRecords(kinesis: KinesisClient, stream: string, count: number, signal: AbortSignal, now = Date.now()): Promise<ShardRecord[]> {
  const shards = await readShards(kinesis, stream);
  let found: ShardRecord[] = [];
  for (const windowMs of WINDOWS_MS) {
    const from = now - windowMs;
    const perShard = await Promise.all(
      shards.map((shard) => readTimeRange(() => kinesis, stream, shard.ShardId ?? '', from, now, new ReadBudget(AWS_READ_CALLS_PER_SECOND), signal)),
    );
    found = perShard.flat().sort(compareRecords);
    if (found.length >= count) break;
  }
  return found.slice(-count);
}
