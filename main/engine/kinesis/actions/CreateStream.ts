import { defineAction } from '../kinesis';
import { streamNameRequired, tagKey, tagValue } from '../streams/commonRules';
import { invalidArgument, validationError } from '../../core/errors';
import { t } from '../../core/rules';
import { createStream } from '../streams/streamLifecycle';
import { checkNewStreamTags } from '../resources/tagging';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({
  StreamName: streamNameRequired,
  ShardCount: t.integer({ min: 1 }),
  StreamModeDetails: t.struct({ StreamMode: t.enum(['PROVISIONED', 'ON_DEMAND'] as const, { required: true }) }),
  Tags: t.map(tagKey, tagValue, { min: 1, max: 200 }),
  WarmThroughputMiBps: t.integer({ min: 0 }),
  MaxRecordSizeInKiB: t.integer({ min: 1024, max: 10240 }),
});

export const CreateStream = defineAction('CreateStream', rules, (ctx, input) => {
  const mode = input.StreamModeDetails?.StreamMode ?? 'PROVISIONED';
  if (mode === 'PROVISIONED' && input.ShardCount === undefined) {
    // AWS requires ShardCount for provisioned streams and words it as a null-member validation error.
    throw validationError("1 validation error detected: Value null at 'shardCount' failed to satisfy constraint: Member must not be null");
  }
  if (mode === 'ON_DEMAND' && input.ShardCount !== undefined) {
    throw invalidArgument('ShardCount must not be specified for streams in ON_DEMAND mode.');
  }
  if (input.Tags) checkNewStreamTags(ctx, input.StreamName, input.Tags);
  const settings: Record<string, unknown> = {};
  if (input.WarmThroughputMiBps !== undefined) settings.warmThroughputMiBps = input.WarmThroughputMiBps;
  createStream(ctx.kinesis, {
    region: ctx.region,
    name: input.StreamName,
    shardCount: mode === 'ON_DEMAND' ? ctx.config.onDemandShardCount : (input.ShardCount ?? 1),
    mode,
    tags: input.Tags,
    maxRecordSizeKiB: input.MaxRecordSizeInKiB,
    settings,
    delayMs: ctx.config.createDelayMs,
  });
  return NO_OUTPUT;
});
