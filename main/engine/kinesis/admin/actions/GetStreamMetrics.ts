import { defineAction } from '../../kinesis';
import { shardIdRule, streamArn, streamName } from '../../streams/commonRules';
import { invalidArgument, notFound } from '../../../core/errors';
import { t } from '../../../core/rules';
import { HISTORY_MS, MINUTE_MS } from '../../history/minuteHistory';
import { shardIdOf, shardIndexOf } from '../../records/sequence';
import { METRICS, M, type MetricName } from '../../stats/streamStats';
import type { MetricSeries as Series, StreamMetricsView } from '../adminTypes';

export const rules = t.struct({
  StreamName: streamName,
  StreamARN: streamArn,
  /** Only this shard. */
  ShardId: shardIdRule,
  /** Epoch ms; default EndTime minus one hour. Widened down to its minute. */
  StartTime: t.long({ min: 0 }),
  /** Epoch ms, exclusive; default now. Widened up to a whole minute. */
  EndTime: t.long({ min: 0 }),
});

const emptySeries = (minutes: number): Series => Object.fromEntries(METRICS.map((name) => [name, new Array<number>(minutes).fill(0)])) as Series;

/**
 * The per-minute history of a stream and its shards (counts and bytes summed over each minute, IteratorAgeMs its
 * maximum) for a range within the last 24 hours. Minutes complete by now are written first, so the last
 * complete minute is always there; the minute in progress is not (read GetStreamStats for it).
 */
export const GetStreamMetrics = defineAction('GetStreamMetrics', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  const history = ctx.kinesis.controls.history;
  if (history.enabled) history.flush(ctx.now);
  const end = Math.ceil((input.EndTime ?? ctx.now) / MINUTE_MS) * MINUTE_MS;
  const start = Math.floor((input.StartTime ?? end - 3_600_000) / MINUTE_MS) * MINUTE_MS;
  if (start >= end) throw invalidArgument('StartTime must be before EndTime.');
  if (end - start > HISTORY_MS + MINUTE_MS) throw invalidArgument('The engine keeps 24 hours of per-minute history: ask for at most 24 hours.');
  const minutes = (end - start) / MINUTE_MS;
  let only: number | undefined;
  if (input.ShardId !== undefined) {
    only = shardIndexOf(input.ShardId);
    if (only === undefined || !stream.shardByIndex.has(only)) throw notFound(`Shard ${input.ShardId} in stream ${stream.name} under account ${ctx.accountId} does not exist`);
  }
  const shards = new Map<number, { open: boolean; series: Series }>();
  for (const shard of stream.shards) if (only === undefined || shard.shardIndex === only) shards.set(shard.shardIndex, { open: shard.endingSeq === null, series: emptySeries(minutes) });
  const total = emptySeries(minutes);
  for (const row of history.rowsOf(stream.id, start, end)) {
    if (only !== undefined && row.shardIndex !== only) continue;
    let shard = shards.get(row.shardIndex);
    // A shard expired since (closed past retention) still had its minutes.
    if (!shard) shards.set(row.shardIndex, (shard = { open: false, series: emptySeries(minutes) }));
    const at = (row.minute - start) / MINUTE_MS;
    METRICS.forEach((name: MetricName, m) => {
      const value = row.values[m] ?? 0;
      shard.series[name][at] = value;
      total[name][at] = m === M.iteratorAge ? Math.max(total[name][at] ?? 0, value) : (total[name][at] ?? 0) + value;
    });
  }
  const view: StreamMetricsView = {
    StreamName: stream.name,
    StreamARN: stream.arn,
    ResolutionSeconds: 60,
    StartTime: start,
    EndTime: end,
    Minutes: minutes,
    HistoryEnabled: history.enabled,
    Stream: { Series: total },
    Shards: [...shards].sort((a, b) => a[0] - b[0]).map(([index, s]) => ({ ShardId: shardIdOf(index), Open: s.open, Series: s.series })),
  };
  return view;
});
