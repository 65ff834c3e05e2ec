import { defineAction } from '../kinesis';
import { t } from '../../core/rules';
import { ON_DEMAND_STREAM_LIMIT } from '../streams/streamSettings';
import { liveChannels } from '../resources/channels';

export const rules = t.struct({});

export const DescribeLimits = defineAction('DescribeLimits', rules, (ctx) => {
  const onDemand = ctx.store.allStreams().filter((s) => s.region === ctx.region && s.mode === 'ON_DEMAND').length;
  return {
    ShardLimit: ctx.config.shardLimit,
    OpenShardCount: ctx.store.openShardCount(ctx.region),
    OnDemandStreamCount: onDemand,
    OnDemandStreamCountLimit: ON_DEMAND_STREAM_LIMIT,
    ChannelCount: liveChannels(ctx, ctx.kinesis.resources.channelsIn(ctx.region)).length,
  };
});
