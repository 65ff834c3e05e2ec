import { defineAction } from '../kinesis';
import { shardIdRule, streamRef } from '../streams/commonRules';
import { t } from '../../core/rules';
import { shardIndexOf } from '../records/sequence';
import { encryptionFields, enhancedMonitoring, modeDetails, shardsOut, visibleShards } from '../streams/streamViews';

export const rules = t.struct({ ...streamRef, Limit: t.integer({ min: 1, max: 10000 }), ExclusiveStartShardId: shardIdRule });

export const DescribeStream = defineAction('DescribeStream', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  const limit = input.Limit ?? 100;
  let shards = visibleShards(stream);
  if (input.ExclusiveStartShardId !== undefined) {
    // Shards after the given id; an id that is not a shard's still positions the listing, as on AWS.
    const after = shardIndexOf(input.ExclusiveStartShardId);
    shards = after === undefined ? shards.filter((s) => s.shardId > input.ExclusiveStartShardId!) : shards.filter((s) => s.shardIndex > after);
  }
  const page = shards.slice(0, limit);
  return {
    StreamDescription: {
      StreamName: stream.name,
      StreamARN: stream.arn,
      StreamStatus: stream.status,
      StreamModeDetails: modeDetails(stream),
      Shards: shardsOut(stream, page),
      HasMoreShards: shards.length > page.length,
      RetentionPeriodHours: stream.retentionHours,
      StreamCreationTimestamp: ctx.wire.time(stream.createdMs),
      EnhancedMonitoring: enhancedMonitoring(stream),
      ...encryptionFields(stream),
    },
  };
});
