import { defineAction } from '../kinesis';
import { streamArn, streamIdRule } from '../streams/commonRules';
import { invalidArgument } from '../../core/errors';
import { t } from '../../core/rules';
import { withSettings } from '../streams/streamSettings';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({
  StreamARN: { ...streamArn, required: true as const },
  StreamId: streamIdRule,
  RecordDistributionStrategy: t.enum(['AUTO', 'USER_PARTITION_KEY'], { required: true }),
});

/**
 * Stored and shown by DescribeStreamSummary. It takes effect at once (no UPDATING), as AWS documents. Routing
 * here stays by partition key either way (AUTO would also make PartitionKey optional in PutRecord(s), whose
 * rules belong to the write path), so AUTO changes what is reported, not where records land.
 */
export const UpdateStreamRecordDistributionStrategy = defineAction('UpdateStreamRecordDistributionStrategy', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  ctx.kinesis.requireActive(stream);
  if (stream.mode !== 'ON_DEMAND') {
    throw invalidArgument(`The record distribution strategy is only supported for streams in ON_DEMAND mode; stream ${stream.name} under account ${ctx.accountId} is in ${stream.mode} mode.`);
  }
  ctx.store.updateStream(stream.id, { settings: withSettings(stream, { recordDistributionStrategy: input.RecordDistributionStrategy }) });
  return NO_OUTPUT;
});
