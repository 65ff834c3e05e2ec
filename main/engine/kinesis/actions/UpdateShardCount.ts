// UpdateShardCount with AWS's default limits. Our choices where AWS does not document its wording or counting:
// the rolling window allows 10 calls per stream in any 24 hours (AWS: "more than ten times per rolling 24-hour
// period"), counted from accepted calls; a target equal to the open shard count is refused.
import { defineAction } from '../kinesis';
import { streamRef } from '../streams/commonRules';
import { invalidArgument, limitExceeded } from '../../core/errors';
import { beginReshard, reshardableStream } from '../resharding/resharding';
import { t } from '../../core/rules';
import { checkShardLimit } from '../streams/streamLifecycle';
import { recentShardCountUpdates, SHARD_COUNT_HISTORY } from '../resharding/shardCountHistory';

export const rules = t.struct({
  ...streamRef,
  TargetShardCount: t.integer({ min: 1, required: true }),
  ScalingType: t.enum(['UNIFORM_SCALING'] as const, { required: true }),
});

export const MAX_SHARDS_PER_STREAM = 10000;
export const SCALINGS_PER_DAY = 10;

export const UpdateShardCount = defineAction('UpdateShardCount', rules, (ctx, input) => {
  const stream = reshardableStream(ctx, input);
  const current = stream.openShards.length;
  const target = input.TargetShardCount;
  const counts = `Current open shard count: ${current} Target shard count: ${target}`;
  if (target === current) {
    throw invalidArgument(`UpdateShardCount target shard count must differ from the current open shard count. ${counts}`);
  }
  if (target > current * 2) throw limitExceeded(`UpdateShardCount cannot scale up over double your current open shard count. ${counts}`);
  if (target * 2 < current) throw limitExceeded(`UpdateShardCount cannot scale down below half your current open shard count. ${counts}`);
  if (target > MAX_SHARDS_PER_STREAM) {
    throw limitExceeded(`UpdateShardCount cannot scale up over ${MAX_SHARDS_PER_STREAM} shards in a stream. ${counts}`);
  }
  if (target > current) checkShardLimit(ctx.kinesis, stream.region, target - current);
  const recent = recentShardCountUpdates(stream, ctx.now);
  if (recent.length >= SCALINGS_PER_DAY) {
    throw limitExceeded(
      `UpdateShardCount cannot be performed more than ${SCALINGS_PER_DAY} times per rolling 24-hour period on stream ${stream.name} under account ${ctx.accountId}.`,
    );
  }
  beginReshard(ctx, stream, { kind: 'scale', target }, { [SHARD_COUNT_HISTORY]: [...recent, ctx.now] });
  return { StreamName: stream.name, CurrentShardCount: current, TargetShardCount: target, StreamARN: stream.arn };
});
