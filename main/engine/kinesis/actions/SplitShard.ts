import { defineAction } from '../kinesis';
import { shardIdRequired, streamRef } from '../streams/commonRules';
import { invalidArgument } from '../../core/errors';
import { beginReshard, openShard, parseShardArgument, reshardableStream } from '../resharding/resharding';
import { t } from '../../core/rules';
import { checkShardLimit } from '../streams/streamLifecycle';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({
  ...streamRef,
  ShardToSplit: shardIdRequired,
  NewStartingHashKey: t.string({ pattern: '0|([1-9]\\d{0,38})', required: true }),
});

export const SplitShard = defineAction('SplitShard', rules, (ctx, input) => {
  const index = parseShardArgument(ctx, input, input.ShardToSplit);
  const stream = reshardableStream(ctx, input);
  const shard = openShard(ctx, stream, index);
  checkShardLimit(ctx.kinesis, stream.region, 1);
  const key = BigInt(input.NewStartingHashKey);
  // AWS wants both children to hold at least two keys' worth: start + 1 < key < end.
  if (key <= shard.startHashKey + 1n || key >= shard.endHashKey) {
    throw invalidArgument(
      `NewStartingHashKey ${input.NewStartingHashKey} used in SplitShard() on shard ${shard.shardId} in stream ${stream.name} ` +
        `under account ${ctx.accountId} is not both greater than one plus the shard's StartingHashKey ${shard.startHash} ` +
        `and less than the shard's EndingHashKey ${shard.endHash}.`,
    );
  }
  beginReshard(ctx, stream, { kind: 'split', shard: shard.shardIndex, hashKey: key.toString() });
  return NO_OUTPUT;
});
