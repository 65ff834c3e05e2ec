// Which open shard of the target stream a record will go to (MD5 of the partition key, or the explicit hash key,
// inside the shard's hash key range), so writes can be paced per target shard. Shards are re-listed when the
// target reshards (a key then routes to nothing known).
import { createHash } from 'node:crypto';
import type { Shard } from '@aws-sdk/client-kinesis';

interface Range {
  shardId: string;
  start: bigint;
  end: bigint;
}

export class ShardRouter {
  private ranges: Range[] = [];

  constructor(shards: readonly Shard[]) {
    this.update(shards);
  }

  update(shards: readonly Shard[]): void {
    this.ranges = shards
      .filter((s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined && s.HashKeyRange)
      .map((s) => ({ shardId: s.ShardId ?? '', start: BigInt(s.HashKeyRange?.StartingHashKey ?? '0'), end: BigInt(s.HashKeyRange?.EndingHashKey ?? '0') }))
      .sort((a, b) => (a.start < b.start ? -1 : 1));
  }

  /** The shard id, or null when no open shard holds the key (a reshard happened since the list). */
  route(partitionKey: string, explicitHashKey: string | null): string | null {
    const hash = explicitHashKey !== null ? BigInt(explicitHashKey) : BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
    for (const r of this.ranges) if (hash >= r.start && hash <= r.end) return r.shardId;
    return null;
  }
}
