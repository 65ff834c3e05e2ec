import { defineAction, type KinesisContext } from '../kinesis';
import { streamRef } from '../streams/commonRules';
import { t, type TypeOf } from '../../core/rules';
import { SHARD_LEVEL_METRIC_NAMES, SHARD_LEVEL_METRICS } from '../../../../shared/contract/metrics';
import { updateWithTransition } from '../streams/streamSettings';

export const monitoringRules = t.struct({
  ...streamRef,
  ShardLevelMetrics: t.list(t.enum(SHARD_LEVEL_METRICS), { min: 1, max: 7, required: true }),
});

/**
 * Enable/DisableEnhancedMonitoring: "ALL" stands for every metric; the stored list keeps the model's order.
 * The response carries the metrics before (Current) and after (Desired) the change; the stream goes UPDATING.
 */
export function changeMonitoring(ctx: KinesisContext, input: TypeOf<typeof monitoringRules>, enable: boolean) {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  ctx.kinesis.requireActive(stream);
  const named = new Set<string>(input.ShardLevelMetrics.includes('ALL') ? SHARD_LEVEL_METRIC_NAMES : input.ShardLevelMetrics);
  const current = stream.shardLevelMetrics;
  const desired = SHARD_LEVEL_METRIC_NAMES.filter((m) => (enable ? current.includes(m) || named.has(m) : current.includes(m) && !named.has(m)));
  updateWithTransition(ctx, stream, { shardLevelMetrics: desired });
  return { StreamName: stream.name, StreamARN: stream.arn, CurrentShardLevelMetrics: current, DesiredShardLevelMetrics: desired };
}

export const EnableEnhancedMonitoring = defineAction('EnableEnhancedMonitoring', monitoringRules, (ctx, input) => changeMonitoring(ctx, input, true));
