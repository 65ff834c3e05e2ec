// The children of a closed shard, as GetRecords and SubscribeToShard return them once the shard is drained.
import { shardIdOf } from '../records/sequence';
import type { ShardState, StreamState } from '../streams/streamModel';

export function childShards(stream: StreamState, shard: ShardState) {
  return stream.shards
    .filter((s) => s.parentIndex === shard.shardIndex || s.adjacentParentIndex === shard.shardIndex)
    .map((child) => ({
      ShardId: child.shardId,
      ParentShards: [child.parentIndex, child.adjacentParentIndex].filter((p): p is number => p !== null).map(shardIdOf),
      HashKeyRange: { StartingHashKey: child.startHash, EndingHashKey: child.endHash },
    }));
}
