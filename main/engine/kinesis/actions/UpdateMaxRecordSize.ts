import { defineAction } from '../kinesis';
import { streamArn, streamIdRule } from '../streams/commonRules';
import { t } from '../../core/rules';
import { updateWithTransition } from '../streams/streamSettings';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({
  StreamARN: streamArn,
  StreamId: streamIdRule,
  MaxRecordSizeInKiB: t.integer({ min: 1024, max: 10240, required: true }),
});

/** PutRecord/PutRecords check records against the stream's maxRecordSizeKiB, so the new maximum applies at once. */
export const UpdateMaxRecordSize = defineAction('UpdateMaxRecordSize', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  ctx.kinesis.requireActive(stream);
  updateWithTransition(ctx, stream, { maxRecordSizeKiB: input.MaxRecordSizeInKiB });
  return NO_OUTPUT;
});
