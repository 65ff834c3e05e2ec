// The GetLimits / SetLimits response: engine-wide settings, AWS's rates, per-stream overrides and, for a named
// stream, its effective mode, on-demand capacity and scaling events.
import type { KinesisContext } from '../kinesis';
import { AWS_RATES } from '../limits/limitSettings';
import { recentShardCountUpdates } from '../resharding/shardCountHistory';
import type { StreamState } from '../streams/streamModel';
import type { LimitsView, StreamLimitsView } from './adminTypes';

export function limitsView(ctx: KinesisContext, region: string, name: string | undefined, stream: StreamState | undefined): LimitsView {
  const controls = ctx.kinesis.controls;
  const limits = controls.limits;
  const out: LimitsView = {
    Mode: limits.settings.mode,
    BurstSeconds: limits.settings.burstSeconds,
    OnDemandScaleAfterSeconds: limits.settings.onDemandScaleAfterSeconds,
    Rates: {
      WriteBytesPerSecondPerShard: AWS_RATES.writeBytesPerSecond,
      WriteRecordsPerSecondPerShard: AWS_RATES.writeRecordsPerSecond,
      ReadBytesPerSecondPerShard: AWS_RATES.readBytesPerSecond,
      GetRecordsCallsPerSecondPerShard: AWS_RATES.getRecordsCallsPerSecond,
      GetShardIteratorCallsPerSecondPerShard: AWS_RATES.getShardIteratorCallsPerSecond,
      DescribeStreamCallsPerSecondPerAccount: AWS_RATES.describeStreamCallsPerSecond,
      ListShardsCallsPerSecondPerStream: AWS_RATES.listShardsCallsPerSecond,
      SubscribeToShardCallsPerSecondPerConsumerShard: AWS_RATES.subscribeToShardCallsPerSecond,
      OnDemandStartingWriteBytesPerSecond: AWS_RATES.onDemandWriteBytesPerSecond,
      OnDemandStartingWriteRecordsPerSecond: AWS_RATES.onDemandWriteRecordsPerSecond,
    },
    StreamOverrides: limits.streamOverrides().map((o) => ({ Region: o.region, StreamName: o.name, Mode: o.mode })),
  };
  if (name !== undefined) {
    const own = limits.streamMode(region, name);
    const view: StreamLimitsView = { StreamName: name, Region: region, Mode: own ?? 'engine', EffectiveMode: own ?? limits.settings.mode };
    if (stream) {
      view.StreamMode = stream.mode;
      view.ShardCountUpdatesLast24h = recentShardCountUpdates(stream, ctx.now).length;
      if (stream.mode === 'ON_DEMAND') {
        const open = stream.openShards.length;
        view.OnDemandWriteCapacity = {
          BytesPerSecond: Math.max(AWS_RATES.onDemandWriteBytesPerSecond, open * AWS_RATES.writeBytesPerSecond),
          RecordsPerSecond: Math.max(AWS_RATES.onDemandWriteRecordsPerSecond, open * AWS_RATES.writeRecordsPerSecond),
        };
        view.ScalingEvents = controls.scaling.eventsOf(stream.id);
      }
    }
    out.Stream = view;
  }
  return out;
}
