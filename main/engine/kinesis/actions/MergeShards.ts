import { defineAction } from '../kinesis';
import { shardIdRequired, streamRef } from '../streams/commonRules';
import { invalidArgument } from '../../core/errors';
import { beginReshard, openShard, parseShardArgument, reshardableStream } from '../resharding/resharding';
import { t } from '../../core/rules';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({ ...streamRef, ShardToMerge: shardIdRequired, AdjacentShardToMerge: shardIdRequired });

export const MergeShards = defineAction('MergeShards', rules, (ctx, input) => {
  const lowIndex = parseShardArgument(ctx, input, input.ShardToMerge);
  const highIndex = parseShardArgument(ctx, input, input.AdjacentShardToMerge);
  const stream = reshardableStream(ctx, input);
  const low = openShard(ctx, stream, lowIndex);
  const high = openShard(ctx, stream, highIndex);
  // AWS takes the pair in order: ShardToMerge's range must end right before AdjacentShardToMerge's begins.
  if (low.endHashKey + 1n !== high.startHashKey) {
    throw invalidArgument(
      `Shards ${low.shardId} and ${high.shardId} in stream ${stream.name} under account ${ctx.accountId} are not an adjacent pair of shards eligible for merging`,
    );
  }
  beginReshard(ctx, stream, { kind: 'merge', shard: low.shardIndex, adjacent: high.shardIndex });
  return NO_OUTPUT;
});
