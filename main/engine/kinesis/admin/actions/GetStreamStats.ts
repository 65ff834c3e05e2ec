import { defineAction } from '../../kinesis';
import { shardIdRule, streamArn, streamName } from '../../streams/commonRules';
import { notFound } from '../../../core/errors';
import { t } from '../../../core/rules';
import { shardIndexOf } from '../../records/sequence';
import { RING_SECONDS } from '../../stats/seriesRing';
import { METRICS, type MetricName, type ShardStats } from '../../stats/streamStats';
import type { Metrics, MetricSeries as Series, ShardStatsView, StreamStatsView } from '../adminTypes';

export const rules = t.struct({
  StreamName: streamName,
  StreamARN: streamArn,
  /** Only this shard. */
  ShardId: shardIdRule,
  /** How many seconds of series, ending with the current second (1..3600, default 60). */
  Seconds: t.integer({ min: 1, max: RING_SECONDS }),
  /** Top partition keys per shard (0..100, default 10). */
  TopKeys: t.integer({ min: 0, max: 100 }),
});

const AGE = METRICS.indexOf('IteratorAgeMs');

function metrics(values: (metric: number) => number): Metrics {
  return Object.fromEntries(METRICS.map((name, i) => [name, values(i)])) as Metrics;
}

/** Per-second stats of a stream and its shards; Window sums the series (IteratorAgeMs: maximum). */
export const GetStreamStats = defineAction('GetStreamStats', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  const controls = ctx.kinesis.controls;
  const seconds = input.Seconds ?? 60;
  const topKeys = input.TopKeys ?? 10;
  const now = Math.floor(ctx.now / 1000);
  const from = now - seconds + 1;
  let shards = stream.shards;
  if (input.ShardId !== undefined) {
    const index = shardIndexOf(input.ShardId);
    shards = shards.filter((s) => s.shardIndex === index);
    if (shards.length === 0) throw notFound(`Shard ${input.ShardId} in stream ${stream.name} under account ${ctx.accountId} does not exist`);
  }
  const streamSeries = Object.fromEntries(METRICS.map((name) => [name, new Array<number>(seconds).fill(0)])) as Series;
  const streamTotals = new Float64Array(METRICS.length);
  const shardViews = shards.map((shard): ShardStatsView => {
    const stats: ShardStats | undefined = controls.stats.existing(shard.id);
    const series = Object.fromEntries(METRICS.map((name, m) => [name, stats ? stats.series.read(m, from, seconds) : new Array<number>(seconds).fill(0)])) as Series;
    METRICS.forEach((name, m) => {
      const values = series[name];
      const target = streamSeries[name];
      for (let i = 0; i < seconds; i++) target[i] = m === AGE ? Math.max(target[i] ?? 0, values[i] ?? 0) : (target[i] ?? 0) + (values[i] ?? 0);
      const total = stats?.totals[m] ?? 0;
      streamTotals[m] = m === AGE ? Math.max(streamTotals[m] ?? 0, total) : (streamTotals[m] ?? 0) + total;
    });
    return {
      ShardId: shard.shardId,
      Open: shard.endingSeq === null,
      Series: series,
      Window: metrics((m) => window(series[METRICS[m] as MetricName], m)),
      Totals: metrics((m) => stats?.totals[m] ?? 0),
      TopPartitionKeys: stats && topKeys > 0 ? stats.topKeys.top(now, topKeys) : [],
    };
  });
  const view: StreamStatsView = {
    StreamName: stream.name,
    StreamARN: stream.arn,
    ResolutionSeconds: 1,
    StartTime: from * 1000,
    EndTime: now * 1000,
    Seconds: seconds,
    TopKeysWindowSeconds: 60,
    Stream: {
      Series: streamSeries,
      Window: metrics((m) => window(streamSeries[METRICS[m] as MetricName], m)),
      Totals: metrics((m) => streamTotals[m] ?? 0),
    },
    Shards: shardViews,
    ScalingEvents: controls.scaling.eventsOf(stream.id),
  };
  return view;
});

function window(values: number[], metric: number): number {
  return metric === AGE ? values.reduce((a, b) => Math.max(a, b), 0) : values.reduce((a, b) => a + b, 0);
}
